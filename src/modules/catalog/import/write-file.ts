import type { Tx } from '../../../platform/db.ts';
import { columnsOf, type ImportKind, type RowOf } from './formats.ts';
import { parseRow } from './parse-row.ts';
import { readCsv } from './read-csv.ts';
import { refsOf, resolveRefs } from './references.ts';
import { errorReport } from '../../../platform/csv-import/report.ts';
import { addCounts, zeroCounts, type Counts } from '../../../platform/csv-import/upsert.ts';
import { PROGRESS_EVERY, type Progress } from './validate-file.ts';
import { IMPORT_BATCH, type Writer } from './write-context.ts';
import { writeFitment } from './write-fitment.ts';
import { writeOffers } from './write-offers.ts';
import { writeParts } from './write-parts.ts';
import { writeProducts } from './write-products.ts';
import { writeVehicleModels } from './write-vehicle-models.ts';

const writers: { [K in ImportKind]: Writer<K> } = {
  vehicle_models: writeVehicleModels,
  parts: writeParts,
  fitment: writeFitment,
  products: writeProducts,
  offers: writeOffers,
};

// Pass 2: reads the validated file again and upserts it 1,000 rows at a time, inside the caller's
// transaction, so at most one batch is in memory. Pass 1 found no error, so any error here means
// the file or a referenced row changed in between (a CLI user saving over the file, a concurrent
// delete): the import is then rejected as a whole, like any other bad file.
export async function writeFile<K extends ImportKind>(
  tx: Tx,
  kind: K,
  filePath: string,
  opts: { now: Date; supplierOrgId: string | null; expectedRows: number; onProgress?: Progress },
): Promise<Counts> {
  const report = errorReport(columnsOf(kind).map((c) => c.name));
  let batch: { row: number; value: RowOf<K> }[] = [];
  let counts = zeroCounts();
  let done = 0;

  const flush = async () => {
    const refs = batch.map((b) => ({ row: b.row, refs: refsOf[kind](b.value) }));
    const { ids, missing } = await resolveRefs(tx, refs, opts.supplierOrgId);
    for (const { row, ref } of missing) report.add(row, ref.column, 'unknown_reference', { what: ref.lookup, value: ref.shown });
    if (report.count > 0) throw report.rejection(opts.expectedRows);
    const rows = batch.map((b) => b.value);
    counts = addCounts(counts, await writers[kind](tx, rows, { now: opts.now, supplierOrgId: opts.supplierOrgId, ids }));
    done += rows.length;
    opts.onProgress?.('import', done, opts.expectedRows);
    batch = [];
  };

  let rows = 0;
  for await (const item of readCsv(kind, filePath)) {
    if (item.type === 'error') {
      report.add(item.row, item.column, item.code, item.params);
      continue;
    }
    rows += 1;
    const { values, errors } = parseRow(kind, item.cells);
    for (const e of errors) report.add(item.row, e.column, e.code, e.params);
    if (errors.length > 0) continue;
    // No column failed, so every column of the row schema holds its parsed value.
    batch.push({ row: item.row, value: values as RowOf<K> });
    if (batch.length >= IMPORT_BATCH) await flush();
    else if (rows % PROGRESS_EVERY === 0) opts.onProgress?.('import', done + batch.length, opts.expectedRows);
  }
  if (report.count > 0) throw report.rejection(opts.expectedRows);
  if (batch.length > 0) await flush();
  if (rows !== opts.expectedRows) {
    report.add(rows + 1, null, 'invalid');
    throw report.rejection(rows);
  }
  return counts;
}
