// The columns of a bank statement export, found by their header names. Every bank names them its
// own way (ICBC 对方户名/贷方发生额, CCB 对方户名/贷方金额, CMB 收入金额/付款人, BOC 交易金额 with a
// 借贷标志, foreign banks' English exports), so each field lists the names seen for it; headers are
// compared folded (NFKC, lower case, no spaces, no unit such as “(元)”). Columns not listed here
// (余额, 币种, 网点…) are read past.

export const bankFields = ['received_on', 'credit', 'debit', 'amount', 'direction', 'payer_name', 'payer_account', 'bank_ref', 'memo'] as const;
export type BankField = (typeof bankFields)[number];

const names: Record<BankField, readonly string[]> = {
  received_on: ['交易日期', '记账日期', '入账日期', '交易日', '交易时间', '记账时间', '入账时间', '日期', '起息日', 'date', 'transactiondate', 'bookingdate', 'postingdate', 'valuedate'],
  // Money in.
  credit: ['贷方金额', '贷方发生额', '收入金额', '收入', '存入金额', '存入', '收款金额', '来账金额', '贷方', 'credit', 'creditamount', 'deposit', 'deposits', 'moneyin'],
  // Money out, read only to tell the line apart from money in.
  debit: ['借方金额', '借方发生额', '支出金额', '支出', '取出金额', '付款金额', '往账金额', '借方', 'debit', 'debitamount', 'withdrawal', 'withdrawals', 'moneyout'],
  // One signed column, or one with a direction column beside it.
  amount: ['金额', '交易金额', '发生额', 'amount', 'transactionamount'],
  direction: ['借贷标志', '借贷方向', '收支标志', '收支方向', '收支', '借贷', '方向', 'direction', 'dr/cr', 'debit/credit', 'crdr'],
  payer_name: [
    '对方户名',
    '对方账户名称',
    '对方账户名',
    '对方名称',
    '对方单位',
    '对方单位名称',
    '付款人',
    '付款人名称',
    '付款人户名',
    '付款方',
    '付款方户名',
    '付款单位',
    'counterparty',
    'counterpartyname',
    'payer',
    'payername',
  ],
  payer_account: ['对方账号', '对方账户', '对方账户账号', '付款人账号', '付款账号', '付款方账号', 'counterpartyaccount', 'payeraccount', 'accountno'],
  bank_ref: ['流水号', '交易流水号', '银行流水号', '交易参考号', '参考号', '业务流水号', '交易序号', '凭证号', 'reference', 'bankreference', 'referenceno', 'transactionid', 'transactionno'],
  // Several may be present (摘要 and 附言): all are read, joined.
  memo: ['摘要', '用途', '附言', '备注', '交易附言', '交易摘要', '用途/附言', 'memo', 'remark', 'remarks', 'purpose', 'description', 'narrative'],
};

// Each name's field and its rank among the field's names (lower is the likelier meaning).
const byName = new Map<string, { field: BankField; rank: number }>(Object.entries(names).flatMap(([field, list]) => list.map((name, rank) => [name, { field: field as BankField, rank }] as const)));

// A header cell as it is compared: 贷方金额(元) and “贷方金额 （元）” are 贷方金额.
export function foldHeader(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\((元|人民币|rmb|cny)\)$/, '')
    .replace(/[*:：]$/, '');
}

export type ColumnMap = { [F in BankField]?: number[] };

// Which column holds what. A field named by several columns (凭证号 and 流水号, 交易日期 and 记账日期)
// keeps them all, likeliest name first: a one-value field takes the first that is filled in a row,
// and every memo column is read, in file order.
export function mapColumns(record: readonly string[]): ColumnMap {
  const found = new Map<BankField, { rank: number; index: number }[]>();
  record.forEach((cell, index) => {
    const known = byName.get(foldHeader(cell));
    if (known) found.set(known.field, [...(found.get(known.field) ?? []), { rank: known.rank, index }]);
  });
  const map: ColumnMap = {};
  for (const [field, columns] of found) {
    if (field !== 'memo') columns.sort((a, b) => a.rank - b.rank || a.index - b.index);
    map[field] = columns.map((c) => c.index);
  }
  return map;
}

// A record is the header when it names a date and money in (a credit column, or an amount).
export function isHeader(map: ColumnMap): boolean {
  return map.received_on !== undefined && (map.credit !== undefined || map.amount !== undefined);
}

const CREDIT_MARKS = new Set(['贷', '贷方', '收', '收入', '入', '来账', 'c', 'cr', 'credit', '+']);
const DEBIT_MARKS = new Set(['借', '借方', '支', '支出', '出', '往账', 'd', 'dr', 'debit', '-']);

// A direction cell: money in, money out, or not understood.
export function directionOf(cell: string): 'credit' | 'debit' | null {
  const folded = cell.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (CREDIT_MARKS.has(folded)) return 'credit';
  if (DEBIT_MARKS.has(folded)) return 'debit';
  return null;
}
