import { describe, expect, it } from 'vitest';
import { batches, claimedByOthers, fileErrorAt, type ImportResult, importRows, initialChoices, initialSelection, mergeResults, type PreviewRow, rowState, selectionTotals } from './bank-import.ts';

const PICC = { id: '0193a000-0000-7000-8000-000000000001', name: '中国人民财产保险股份有限公司（演示）' };
const ST_A = '0193a000-0000-7000-8000-0000000000a1';

function line(row: number, over: Partial<PreviewRow> = {}): PreviewRow {
  return {
    row,
    receivedOn: '2026-12-05',
    amountFen: 100_000,
    payerName: PICC.name,
    payerAccount: '6222021001001234567',
    bankRef: `ICBC-${row}`,
    memo: '货款',
    errors: [],
    duplicate: false,
    recordedPaymentId: null,
    recordedPaymentNo: null,
    payer: { ...PICC, reason: 'name' },
    allocations: [{ statementId: ST_A, statementNo: 'ST20261201AAAAAAAA', amountFen: 60_000, reason: 'exact_amount' }],
    unallocatedFen: 40_000,
    match: 'exact_amount',
    ...over,
  };
}

const rows: PreviewRow[] = [
  line(6),
  line(7, { payer: null, allocations: [], match: 'none' }),
  line(8, { duplicate: true, recordedPaymentId: '0193a000-0000-7000-8000-0000000000p1', recordedPaymentNo: 'PM20261205ABCDEF12', payer: null, allocations: [] }),
  line(9, { receivedOn: null, errors: [{ row: 9, field: 'received_on', code: 'invalid_format', message: '格式应为 YYYY-MM-DD' }] }),
  line(10, { bankRef: null, errors: [{ row: 10, field: 'bank_ref', code: 'required', message: '必填' }], allocations: [] }),
];

describe('rowState', () => {
  const choices = initialChoices(rows);
  it.each([
    [6, 'ready'],
    [7, 'needs_payer'],
    [8, 'duplicate'],
    [9, 'error'],
    [10, 'error'],
  ])('row %i is %s', (row, state) => expect(rowState(rows.find((r) => r.row === row)!, choices[row])).toBe(state));

  it('is ready once the clerk names the payer of a line nobody was found for', () => {
    expect(rowState(rows[1]!, { payer: PICC, allocations: [], edited: true })).toBe('ready');
  });
});

describe('the ticked lines and their request', () => {
  const choices = initialChoices(rows);

  it('ticks only the lines ready to record', () => {
    expect(initialSelection(rows, choices)).toEqual([6]);
  });

  it('sends a ticked line as the payment form would, its memo as the note; never a duplicate or a line in error', () => {
    expect(importRows(rows, choices, [6, 7, 8, 9, 10])).toEqual([
      {
        row: 6,
        payerOrgId: PICC.id,
        amountFen: 100_000,
        receivedOn: '2026-12-05',
        bankRef: 'ICBC-6',
        payerName: PICC.name,
        payerAccount: '6222021001001234567',
        note: '货款',
        allocations: [{ statementId: ST_A, amountFen: 60_000 }],
      },
    ]);
  });

  it('sends the payer and matches the clerk chose, and no allocations when none', () => {
    const chosen = { ...choices, 7: { payer: PICC, allocations: [], edited: true } };
    const sent = importRows(rows, chosen, [7]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ row: 7, payerOrgId: PICC.id });
    expect(sent[0]).not.toHaveProperty('allocations');
  });

  it('adds up what is ticked and ready', () => {
    const chosen = { ...choices, 7: { payer: PICC, allocations: [], edited: true } };
    expect(selectionTotals(rows, chosen, [6, 7, 8])).toEqual({ count: 2, amountFen: 200_000, allocatedFen: 60_000 });
    expect(selectionTotals(rows, choices, [])).toEqual({ count: 0, amountFen: 0, allocatedFen: 0 });
  });

  it('counts what the other ticked lines match to each statement', () => {
    const chosen = { ...choices, 7: { payer: PICC, allocations: [{ statementId: ST_A, statementNo: 'ST', amountFen: 5_000 }], edited: true } };
    expect(claimedByOthers(chosen, [6, 7], 7)).toEqual(new Map([[ST_A, 60_000]]));
    expect(claimedByOthers(chosen, [6, 7], 6)).toEqual(new Map([[ST_A, 5_000]]));
    expect(claimedByOthers(chosen, [7], 7)).toEqual(new Map());
  });
});

describe('batches and their answers', () => {
  it.each([
    [0, []],
    [1, [1]],
    [200, [200]],
    [201, [200, 1]],
    [450, [200, 200, 50]],
  ])('%i rows go in requests of %j', (n, sizes) => expect(batches(Array.from({ length: n }, (_, i) => i)).map((b) => b.length)).toEqual(sizes));

  it('merges the answers of several requests, each outcome at its place among all', () => {
    const outcome = (index: number, outcome: 'recorded' | 'duplicate' | 'error') => ({
      index,
      row: index + 2,
      bankRef: `R${index}`,
      outcome,
      paymentId: null,
      paymentNo: null,
      unallocatedFen: null,
      problem: null,
    });
    const a: ImportResult = { recorded: 1, duplicates: 1, errors: 0, rows: [outcome(0, 'recorded'), outcome(1, 'duplicate')] };
    const b: ImportResult = { recorded: 0, duplicates: 0, errors: 1, rows: [outcome(0, 'error')] };
    const merged = mergeResults([a, b]);
    expect(merged).toMatchObject({ recorded: 1, duplicates: 1, errors: 1 });
    expect(merged.rows.map((r) => [r.index, r.outcome])).toEqual([
      [0, 'recorded'],
      [1, 'duplicate'],
      [2, 'error'],
    ]);
  });
});

describe('fileErrorAt', () => {
  it.each([
    ['rows.1.received_on', { row: 1, field: 'received_on' }],
    ['rows.12', { row: 12, field: null }],
    ['body', { row: null, field: null }],
  ])('%s', (path, at) => expect(fileErrorAt(path)).toEqual(at));
});
