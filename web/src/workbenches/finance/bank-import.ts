import type { ApiBody, Schema } from '../../api/types.ts';

// The bank statement import (导入银行流水) as the clerk works it, without the screen: the preview's
// rows, what the clerk chose for each (payer, matches, ticked or not), and the requests that record
// them. Pure, so that the rules are tested as a table (bank-import.test.ts).

export type Preview = Schema<'PaymentImportPreview'>;
export type PreviewRow = Schema<'PaymentImportPreviewRow'>;
export type ImportResult = Schema<'PaymentImportResult'>;
export type ImportOutcome = ImportResult['rows'][number];
export type ImportBody = ApiBody<'/api/v1/payments/import'>;
export type ImportRow = ImportBody['rows'][number];

export type Payer = { id: string; name: string };
export type Allocation = { statementId: string; statementNo: string; amountFen: number };
// What the clerk decided for one line: its payer and matches (the preview's suggestion until she
// changes them), and whether it is recorded.
export type Choice = { payer: Payer | null; allocations: Allocation[]; edited: boolean };
export type Choices = Record<number, Choice>;

// The server takes at most this many rows a request (import-payments.ts, MAX_IMPORT_ROWS): more
// ticked rows go in several requests, one after another.
export const IMPORT_BATCH_ROWS = 200;
// The bank file the preview takes (routes.ts, BANK_FILE_LIMIT_BYTES).
export const BANK_FILE_MAX_BYTES = 5 * 1024 * 1024;

export type RowState = 'ready' | 'needs_payer' | 'duplicate' | 'error';

// A line is recorded only when it is whole (no error), new (not a duplicate), and someone pays it.
export function rowState(row: PreviewRow, choice: Choice | undefined): RowState {
  if (row.duplicate) return 'duplicate';
  if (row.errors.length > 0 || row.amountFen === null || row.receivedOn === null || row.bankRef === null) return 'error';
  return choice?.payer ? 'ready' : 'needs_payer';
}

export function initialChoices(rows: readonly PreviewRow[]): Choices {
  return Object.fromEntries(
    rows.map((r) => [
      r.row,
      {
        payer: r.payer ? { id: r.payer.id, name: r.payer.name } : null,
        allocations: r.allocations.map((a) => ({ statementId: a.statementId, statementNo: a.statementNo, amountFen: a.amountFen })),
        edited: false,
      },
    ]),
  );
}

// Ticked at first: every line ready to record.
export function initialSelection(rows: readonly PreviewRow[], choices: Choices): number[] {
  return rows.filter((r) => rowState(r, choices[r.row]) === 'ready').map((r) => r.row);
}

export function allocatedFen(choice: Choice | undefined): number {
  return (choice?.allocations ?? []).reduce((sum, a) => sum + a.amountFen, 0);
}

// What the ticked lines add up to: their number, their money, and how much of it is matched.
export function selectionTotals(rows: readonly PreviewRow[], choices: Choices, selected: readonly number[]): { count: number; amountFen: number; allocatedFen: number } {
  const ticked = new Set(selected);
  let count = 0;
  let amountFen = 0;
  let matched = 0;
  for (const r of rows) {
    if (!ticked.has(r.row) || rowState(r, choices[r.row]) !== 'ready') continue;
    count += 1;
    amountFen += r.amountFen ?? 0;
    matched += allocatedFen(choices[r.row]);
  }
  return { count, amountFen, allocatedFen: matched };
}

// Money the other ticked lines of this file match to each statement, so that a line's match is
// checked against what the statement will still owe once they are recorded.
export function claimedByOthers(choices: Choices, selected: readonly number[], exceptRow: number): Map<string, number> {
  const claimed = new Map<string, number>();
  for (const row of selected) {
    if (row === exceptRow) continue;
    for (const a of choices[row]?.allocations ?? []) claimed.set(a.statementId, (claimed.get(a.statementId) ?? 0) + a.amountFen);
  }
  return claimed;
}

// The request rows for the ticked lines that are ready, in the file's order: each line as the
// payment form would record it by hand (its memo as the note, cut to what a note holds).
export function importRows(rows: readonly PreviewRow[], choices: Choices, selected: readonly number[]): ImportRow[] {
  const ticked = new Set(selected);
  return rows.flatMap((r): ImportRow[] => {
    const choice = choices[r.row];
    if (!ticked.has(r.row) || rowState(r, choice) !== 'ready' || !choice?.payer) return [];
    return [
      {
        row: r.row,
        payerOrgId: choice.payer.id,
        amountFen: r.amountFen!,
        receivedOn: r.receivedOn!,
        bankRef: r.bankRef!,
        ...(r.payerName ? { payerName: r.payerName.slice(0, 200) } : {}),
        ...(r.payerAccount ? { payerAccount: r.payerAccount.slice(0, 64) } : {}),
        ...(r.memo ? { note: r.memo.slice(0, 500) } : {}),
        ...(choice.allocations.length > 0 ? { allocations: choice.allocations.map((a) => ({ statementId: a.statementId, amountFen: a.amountFen })) } : {}),
      },
    ];
  });
}

export function batches<T>(items: readonly T[], size = IMPORT_BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// The answers of several requests as one: counts added, each outcome's index made its place among
// all the rows sent.
export function mergeResults(results: readonly ImportResult[]): ImportResult {
  let offset = 0;
  const rows: ImportOutcome[] = [];
  for (const r of results) {
    rows.push(...r.rows.map((o) => ({ ...o, index: o.index + offset })));
    offset += r.rows.length;
  }
  return {
    recorded: results.reduce((n, r) => n + r.recorded, 0),
    duplicates: results.reduce((n, r) => n + r.duplicates, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    rows,
  };
}

// `rows.12.received_on` (a refused file's error path) → its row and field.
export function fileErrorAt(path: string): { row: number | null; field: string | null } {
  const m = /^rows\.(\d+)(?:\.(\w+))?$/.exec(path);
  return m ? { row: Number(m[1]), field: m[2] ?? null } : { row: null, field: null };
}
