import { CsvError, parse } from 'csv-parse/sync';
import { isoDate } from '../../../../platform/csv-import/cells.ts';
import { badTextCode } from '../../../../platform/input-guard.ts';
import type { FieldCode } from '../../../../platform/messages.ts';
import { yuanToFen } from './amount.ts';
import { type BankField, type ColumnMap, directionOf, isHeader, mapColumns } from './bank-columns.ts';

// Reads a bank statement export (银行流水) into its lines of money received. Pure: bytes in, lines
// and per-row errors out; what the lines match is match-lines.ts's business.
//
// What Chinese banks' exports look like, and what is done about it:
// - Encoding: UTF-8 with or without a BOM (online banking), GB18030/GBK (anything that went through
//   Excel on Chinese Windows), now and then UTF-16 with a BOM ("Unicode text"). A file that is not
//   valid UTF-8 is read as GB18030, of which GBK and GB2312 are subsets.
// - A preamble before the table (账号, 户名, 查询区间, 币种…) and a footer after it (合计, 本页小计,
//   数据来源…): the header is the first record, among the first few, that names a date and money in;
//   rows whose first cell is a total are read past.
// - Comma or tab separated; account numbers kept as text by Excel tricks (="6222…" or '6222…).
// - Money in a credit column (贷方金额/收入金额) beside a debit one, or one amount column, signed or
//   with a direction column (借贷标志: 借/贷). Money out is counted and read past: the platform records
//   what it receives.

export type LineError = { field: BankField | null; code: FieldCode; params?: Record<string, unknown> };

export type BankLine = {
  // The record's number in the file, header and preamble included, as a spreadsheet shows it.
  row: number;
  receivedOn: string | null;
  amountFen: bigint | null;
  payerName: string | null;
  payerAccount: string | null;
  bankRef: string | null;
  memo: string | null;
  errors: LineError[];
};

export type BankStatement = { encoding: BankEncoding; headerRow: number; lines: BankLine[]; debitLines: number };
export type BankEncoding = 'UTF-8' | 'GB18030' | 'UTF-16';
export type FileError = { row: number; field: BankField | null; code: FieldCode; params?: Record<string, unknown> };
export type ReadResult = { ok: true; statement: BankStatement } | { ok: false; errors: FileError[] };

// Bounds: a preview holds every line in memory and matches them at once; a month of a busy
// platform's receipts fits well within.
export const MAX_BANK_LINES = 5_000;
const MAX_HEADER_SEARCH = 30;
const MAX_RECORD_BYTES = 64 * 1024;
// The lengths record-payment.ts accepts; a longer memo is cut rather than refused, as it is only a note.
const MAX_NAME = 200;
const MAX_ACCOUNT = 64;
const MAX_REF = 64;
export const MAX_MEMO = 500;

export function decodeBankFile(bytes: Uint8Array): { text: string; encoding: BankEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

// A cell as the bank meant it: Excel's ways of keeping a long number as text undone.
function clean(cell: string | undefined): string {
  let value = (cell ?? '').trim();
  const formula = /^="(.*)"$/.exec(value);
  if (formula) value = formula[1]!.trim();
  if (value.startsWith("'")) value = value.slice(1).trim();
  return value;
}

// 2025-01-05, 2025/1/5, 2025.01.05, 20250105, 2025年1月5日, each perhaps with a time after it.
export function bankDate(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  const day = text.split(/[\sT]/)[0] ?? '';
  const chinese = /^(\d{4})年(\d{1,2})月(\d{1,2})日?/.exec(text);
  if (chinese) return isoDate(`${chinese[1]}-${chinese[2]}-${chinese[3]}`) ?? null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (compact) return isoDate(`${compact[1]}-${compact[2]}-${compact[3]}`) ?? null;
  return isoDate(day) ?? null;
}

const TOTAL_ROW = /^(合计|总计|小计|本页合计|本页小计|累计|total|subtotal)/i;

function delimiterOf(text: string): ',' | '\t' {
  const head = text.split('\n', MAX_HEADER_SEARCH).join('\n');
  return (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
}

export function readBankStatement(bytes: Uint8Array, today: string): ReadResult {
  const { text, encoding } = decodeBankFile(bytes);
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_RECORD_BYTES });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, errors: [{ row: 1, field: null, code: 'invalid_format', params: { format: `CSV (${error.code})` } }] };
  }
  let headerAt = -1;
  let columns: ColumnMap = {};
  for (let i = 0; i < Math.min(records.length, MAX_HEADER_SEARCH); i++) {
    const record = records[i]!.map(clean);
    const bad = record.map(badTextCode).find((code) => code !== null);
    if (bad) return { ok: false, errors: [{ row: i + 1, field: null, code: bad }] };
    const map = mapColumns(record);
    if (isHeader(map)) {
      headerAt = i;
      columns = map;
      break;
    }
  }
  if (headerAt < 0) {
    // Named by the fields the header lacks, as a catalog import names its missing columns.
    return {
      ok: false,
      errors: [
        { row: 1, field: 'received_on', code: 'required' },
        { row: 1, field: 'credit', code: 'required' },
      ],
    };
  }

  const lines: BankLine[] = [];
  let debitLines = 0;
  for (let i = headerAt + 1; i < records.length; i++) {
    const record = records[i]!.map(clean);
    const row = i + 1;
    const first = record.find((cell) => cell !== '');
    if (first === undefined || TOTAL_ROW.test(first)) continue;
    const cell = (field: BankField) => (columns[field] ?? []).map((at) => record[at] ?? '').find((value) => value !== '') ?? '';
    const money = creditOf(cell, columns);
    if (money.kind === 'none') continue;
    if (money.kind === 'debit') {
      debitLines += 1;
      continue;
    }
    if (lines.length >= MAX_BANK_LINES) return { ok: false, errors: [{ row, field: null, code: 'too_big_array', params: { maximum: MAX_BANK_LINES } }] };
    lines.push(lineOf(row, record, columns, cell, money, today));
  }
  return { ok: true, statement: { encoding, headerRow: headerAt + 1, lines, debitLines } };
}

type Money = { kind: 'none' } | { kind: 'debit' } | { kind: 'credit'; amountFen: bigint | null; field: BankField; error?: LineError };

// Whether a row is money in, money out, or neither (an empty or zero amount), and how much.
function creditOf(cell: (field: BankField) => string, columns: ColumnMap): Money {
  if (columns.credit) {
    const raw = cell('credit');
    const fen = raw === '' ? 0n : yuanToFen(raw);
    if (fen === null) return { kind: 'credit', amountFen: null, field: 'credit', error: { field: 'credit', code: 'invalid_format', params: { format: '12,345.67' } } };
    // A negative credit is a reversal (冲正): money going back out.
    if (fen < 0n) return { kind: 'debit' };
    if (fen > 0n) return { kind: 'credit', amountFen: fen, field: 'credit' };
    const debit = cell('debit');
    return debit !== '' && yuanToFen(debit) !== 0n ? { kind: 'debit' } : { kind: 'none' };
  }
  const raw = cell('amount');
  if (raw === '') return { kind: 'none' };
  const fen = yuanToFen(raw);
  if (fen === null) return { kind: 'credit', amountFen: null, field: 'amount', error: { field: 'amount', code: 'invalid_format', params: { format: '12,345.67' } } };
  if (fen === 0n) return { kind: 'none' };
  if (columns.direction) {
    const direction = directionOf(cell('direction'));
    if (direction === null) return { kind: 'credit', amountFen: null, field: 'direction', error: { field: 'direction', code: 'invalid_value', params: { values: ['贷', '借'] } } };
    if (direction === 'debit') return { kind: 'debit' };
    return fen > 0n ? { kind: 'credit', amountFen: fen, field: 'amount' } : { kind: 'debit' };
  }
  return fen > 0n ? { kind: 'credit', amountFen: fen, field: 'amount' } : { kind: 'debit' };
}

function lineOf(row: number, record: string[], columns: ColumnMap, cell: (field: BankField) => string, money: Extract<Money, { kind: 'credit' }>, today: string): BankLine {
  const errors: LineError[] = money.error ? [money.error] : [];
  // A text cell, or null when empty or unstorable (the error says which).
  const textOf = (field: BankField, value: string, max: number): string | null => {
    if (value === '') return null;
    const bad = badTextCode(value);
    if (bad) {
      errors.push({ field, code: bad });
      return null;
    }
    // What a byte that is neither UTF-8 nor GB18030 decodes to.
    if (value.includes('\uFFFD')) {
      errors.push({ field, code: 'invalid_format', params: { format: 'UTF-8 / GB18030' } });
      return null;
    }
    if (value.length > max) {
      errors.push({ field, code: 'too_big_string', params: { maximum: max } });
      return null;
    }
    return value;
  };
  const rawDate = cell('received_on');
  let receivedOn: string | null = null;
  if (rawDate === '') errors.push({ field: 'received_on', code: 'required' });
  else {
    receivedOn = bankDate(rawDate);
    if (!receivedOn) errors.push({ field: 'received_on', code: 'invalid_format', params: { format: 'YYYY-MM-DD' } });
    else if (receivedOn > today) errors.push({ field: 'received_on', code: 'date_in_future' });
  }
  const bankRef = textOf('bank_ref', cell('bank_ref').normalize('NFKC'), MAX_REF);
  if (cell('bank_ref') === '') errors.push({ field: 'bank_ref', code: 'required' });
  const memoText = (columns.memo ?? [])
    .map((at) => record[at] ?? '')
    .filter((value) => value !== '')
    .join(' / ');
  const memo = textOf('memo', memoText.slice(0, MAX_MEMO), MAX_MEMO);
  return {
    row,
    receivedOn,
    amountFen: money.amountFen,
    payerName: textOf('payer_name', cell('payer_name'), MAX_NAME),
    payerAccount: textOf('payer_account', cell('payer_account').normalize('NFKC').replace(/\s+/g, ''), MAX_ACCOUNT),
    bankRef,
    memo,
    errors,
  };
}
