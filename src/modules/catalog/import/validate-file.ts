import type { Executor } from '../../../platform/db.ts';
import { columnsOf, naturalKeys, type ImportKind } from './formats.ts';
import { parseRow } from './parse-row.ts';
import { readCsv } from './read-csv.ts';
import { LOOKUP_BATCH, refsOf, resolveRefs, type Ref } from './references.ts';
import { errorReport } from '../../../platform/csv-import/report.ts';

export type Progress = (phase: 'validate' | 'import', done: number, total: number) => void;

// How often (in rows) progress is reported: often enough for a bar, rarely enough to cost nothing.
export const PROGRESS_EVERY = 500;

// Pass 1: reads the whole file once and collects every error: cell formats, rules across columns,
// natural keys repeated within the file, and references to rows that are not in the database
// (checked 1,000 rows at a time). What it keeps is bounded: one batch of references, the set of
// natural keys seen (needed to name the first row of a duplicate) and the capped error report.
// Throws the report as an `import_rejected` AppError; returns the number of data rows otherwise.
export async function validateFile(exec: Executor, kind: ImportKind, filePath: string, opts: { supplierOrgId: string | null; fileBytes: number; onProgress?: Progress }): Promise<{ rows: number }> {
  const report = errorReport(columnsOf(kind).map((c) => c.name));
  const firstRowOfKey = new Map<string, number>();
  const natural = naturalKeys[kind];
  let pending: { row: number; refs: Ref[] }[] = [];
  let rows = 0;
  let bytesRead = 0;

  const flush = async () => {
    const { missing } = await resolveRefs(exec, pending, opts.supplierOrgId);
    for (const { row, ref } of missing) report.add(row, ref.column, 'unknown_reference', { what: ref.lookup, value: ref.shown });
    pending = [];
  };

  for await (const item of readCsv(kind, filePath, { onBytes: (n) => (bytesRead = n) })) {
    if (item.type === 'error') {
      report.add(item.row, item.column, item.code, item.params);
      if (!item.fatal) rows += 1;
      continue;
    }
    rows += 1;
    const { values, errors } = parseRow(kind, item.cells);
    for (const e of errors) report.add(item.row, e.column, e.code, e.params);
    const key = natural.of(values);
    if (key !== undefined) {
      const first = firstRowOfKey.get(key);
      if (first !== undefined) report.add(item.row, natural.column, 'duplicate_in_file', { row: first });
      else firstRowOfKey.set(key, item.row);
    }
    const refs = refsOf[kind](values);
    if (refs.length > 0) {
      pending.push({ row: item.row, refs });
      if (pending.length >= LOOKUP_BATCH) await flush();
    }
    if (rows % PROGRESS_EVERY === 0) opts.onProgress?.('validate', bytesRead, opts.fileBytes);
  }
  if (pending.length > 0) await flush();
  opts.onProgress?.('validate', opts.fileBytes, opts.fileBytes);
  if (report.count > 0) throw report.rejection(rows);
  return { rows };
}
