import { describe, expect, it } from 'vitest';
import { foldName, type KnownPayer, type KnownStatement, type MatchLine, type MatchWorld, nameVariants, statementNosIn, suggestMatches } from './match-lines.ts';

const picc: KnownPayer = { id: 'picc', name: '中国人民财产保险股份有限公司' };
const cpic: KnownPayer = { id: 'cpic', name: '中国太平洋财产保险股份有限公司' };
const shop: KnownPayer = { id: 'shop', name: '上海安达汽修' };

const st = (no: string, payerOrgId: string, outstandingFen: bigint, periodFrom: string, status = 'issued'): KnownStatement => ({
  id: `id-${no}`,
  statementNo: no,
  payerOrgId,
  status,
  outstandingFen,
  periodFrom,
});
const A = st('ST20260101AAAAAAAA', 'picc', 30_000n, '2026-01-01');
const B = st('ST20260201BBBBBBBB', 'picc', 50_000n, '2026-02-01');
const C = st('ST20260301CCCCCCCC', 'picc', 20_000n, '2026-03-01', 'confirmed');
const D = st('ST20260301DDDDDDDD', 'picc', 7_000n, '2026-03-01', 'disputed');
const X = st('ST20260301EEEEEEEE', 'cpic', 10_000n, '2026-03-01');
const PAID = st('ST20251201FFFFFFFF', 'picc', 0n, '2025-12-01', 'paid');

const world: MatchWorld = {
  payersByName: new Map([
    [foldName(picc.name), [picc]],
    [foldName(cpic.name), [cpic]],
    [foldName(shop.name), [shop]],
  ]),
  payersByAlias: new Map([
    [foldName('中国人民财产保险股份有限公司上海市分公司'), [picc]],
    [foldName('某保险经纪有限公司'), [picc, cpic]],
  ]),
  payersByAccount: new Map([
    ['6222021001001234567', [picc]],
    ['31001520313050000000', [picc, cpic]],
  ]),
  statements: [A, B, C, D, X, PAID],
  payerNames: new Map([
    ['picc', picc.name],
    ['cpic', cpic.name],
  ]),
};

const line = (amountFen: bigint | null, payerName: string | null, more: Partial<MatchLine> = {}): MatchLine => ({ amountFen, payerName, payerAccount: null, memo: null, skip: false, ...more });
type Row = [string, MatchLine, string | null, string, [string, bigint, string][], bigint];

describe('suggestMatches, one line at a time', () => {
  it.each<Row>([
    // Payer by registered name, with full-width or half-width brackets and spaces alike.
    ['exact amount of an open statement', line(50_000n, '中国人民财产保险股份有限公司'), 'picc:name', 'exact_amount', [[B.statementNo, 50_000n, 'exact_amount']], 0n],
    [
      'oldest first when no statement is exactly covered',
      line(60_000n, ' 中国人民财产保险 股份有限公司'),
      'picc:name',
      'oldest_first',
      [
        [A.statementNo, 30_000n, 'oldest_first'],
        [B.statementNo, 30_000n, 'oldest_first'],
      ],
      0n,
    ],
    [
      'over-payment: every open statement, the rest unmatched',
      line(120_000n, picc.name),
      'picc:name',
      'oldest_first',
      [
        [A.statementNo, 30_000n, 'oldest_first'],
        [B.statementNo, 50_000n, 'oldest_first'],
        [C.statementNo, 20_000n, 'oldest_first'],
      ],
      20_000n,
    ],
    [
      'the memo’s statement first, and only it',
      line(25_000n, picc.name, { memo: `付 ${C.statementNo.toLowerCase()} 货款` }),
      'picc:name',
      'memo_statement_no',
      [[C.statementNo, 20_000n, 'memo_statement_no']],
      5_000n,
    ],
    [
      'two memo statements in memo order',
      line(27_000n, picc.name, { memo: `${D.statementNo}，${C.statementNo}` }),
      'picc:name',
      'memo_statement_no',
      [
        [D.statementNo, 7_000n, 'memo_statement_no'],
        [C.statementNo, 20_000n, 'memo_statement_no'],
      ],
      0n,
    ],
    ['a memo naming a paid statement falls back to the amount', line(30_000n, picc.name, { memo: PAID.statementNo }), 'picc:name', 'exact_amount', [[A.statementNo, 30_000n, 'exact_amount']], 0n],
    ['a memo naming another payer’s statement is not followed', line(10_000n, picc.name, { memo: X.statementNo }), 'picc:name', 'oldest_first', [[A.statementNo, 10_000n, 'oldest_first']], 0n],
    ['a disputed statement is not matched unasked', line(7_000n, picc.name), 'picc:name', 'oldest_first', [[A.statementNo, 7_000n, 'oldest_first']], 0n],
    [
      'payer by the account of earlier payments',
      line(30_000n, '不认识的名字', { payerAccount: '6222 0210 0100 1234 567' }),
      'picc:account',
      'exact_amount',
      [[A.statementNo, 30_000n, 'exact_amount']],
      0n,
    ],
    ['payer by a name earlier payments came under', line(30_000n, '中国人民财产保险股份有限公司上海市分公司'), 'picc:alias', 'exact_amount', [[A.statementNo, 30_000n, 'exact_amount']], 0n],
    [
      'payer by the memo’s statement when nothing else knows it',
      line(10_000n, '陌生公司', { memo: X.statementNo }),
      'cpic:memo_statement_no',
      'memo_statement_no',
      [[X.statementNo, 10_000n, 'memo_statement_no']],
      0n,
    ],
    ['a payer with nothing open', line(10_000n, shop.name), 'shop:name', 'payer_only', [], 10_000n],
    ['an account shared by two payers names none', line(10_000n, null, { payerAccount: '31001520313050000000' }), null, 'none', [], 10_000n],
    ['an alias shared by two payers names none', line(10_000n, '某保险经纪有限公司'), null, 'none', [], 10_000n],
    ['an unknown payer', line(10_000n, '陌生公司'), null, 'none', [], 10_000n],
    ['a line without an amount still gets its payer', line(null, picc.name), 'picc:name', 'payer_only', [], 0n],
    ['a skipped line (already recorded) gets nothing', line(30_000n, picc.name, { skip: true }), null, 'none', [], 30_000n],
  ])('%s', (_label, input, payer, match, allocations, unallocatedFen) => {
    const [s] = suggestMatches([input], world);
    expect(s!.payer ? `${s!.payer.id}:${s!.payer.reason}` : null).toBe(payer);
    expect(s!.match).toBe(match);
    expect(s!.allocations.map((a) => [a.statementNo, a.amountFen, a.reason])).toEqual(allocations);
    expect(s!.unallocatedFen).toBe(unallocatedFen);
  });
});

describe('suggestMatches, over a file', () => {
  it('never suggests the same outstanding money twice', () => {
    const out = suggestMatches([line(30_000n, picc.name), line(30_000n, picc.name), line(60_000n, picc.name)], world);
    expect(out.map((s) => s.allocations.map((a) => [a.statementNo, a.amountFen, a.reason]))).toEqual([
      [[A.statementNo, 30_000n, 'exact_amount']],
      [[B.statementNo, 30_000n, 'oldest_first']],
      [
        [B.statementNo, 20_000n, 'oldest_first'],
        [C.statementNo, 20_000n, 'oldest_first'],
      ],
    ]);
    expect(out[2]!.unallocatedFen).toBe(20_000n);
  });
});

describe('statementNosIn', () => {
  it.each([
    [null, []],
    ['货款', []],
    ['对账单ST20260301ABCDEF12款', ['ST20260301ABCDEF12']],
    ['st20260301abcdef12,ＳＴ２０２６０３０１ＡＢＣＤＥＦ１３;ST20260301ABCDEF12', ['ST20260301ABCDEF12', 'ST20260301ABCDEF13']],
    ['ST2026030ABCDEF12', []],
  ])('%s → %j', (memo, nos) => expect(statementNosIn(memo)).toEqual(nos));
});

describe('nameVariants', () => {
  it('looks a name up as typed, NFKC-folded and with full-width brackets', () => {
    expect(nameVariants(' 人保(上海) ')).toEqual(['人保(上海)', '人保（上海）']);
    expect(nameVariants('人保（上海）')).toEqual(['人保（上海）', '人保(上海)']);
  });
});
