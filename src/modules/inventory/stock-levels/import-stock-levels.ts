import { z } from 'zod';
import { readCsv, type CsvFormat } from '../../../platform/csv-import/read.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { cellErrorOf } from '../../../platform/csv-import/cell-error.ts';
import { integer as csvInteger, text as csvText } from '../../../platform/csv-import/cells.ts';
import { errorReport } from '../../../platform/csv-import/report.ts';
import type { LevelField, LineRefs } from './line-refs.ts';
import { MAX_STOCK_LEVEL_LINES, MAX_STOCK_LEVEL_QTY, type SetStockLevelsInput, type StockLevelsDto } from './schemas.ts';
import { setStockLevels } from './set-stock-levels.ts';

// A supplier's stock levels as a CSV file, in the conventions of the catalog's imports (UTF-8 with
// or without BOM, a header row naming columns in any order and case, empty cell = absent, rows
// numbered as a spreadsheet shows them with the header as row 1):
//   sku     required  the supplier's own article number (a product of this supplier)
//   qty     required  the level, in units (0 when none is left)
//   lot_no  optional  the lot the level is of; empty = the product's total over all its lots
// A file is all or nothing: any bad row answers 422 import_rejected naming every row, column and
// reason, and nothing changes. Levels are absolute, so the same file sent again changes nothing.

export const stockLevelColumns = ['sku', 'qty', 'lot_no'] as const;
const FORMAT: CsvFormat = {
  columns: [
    { name: 'sku', required: true },
    { name: 'qty', required: true },
    { name: 'lot_no', required: false },
  ],
  maxRows: MAX_STOCK_LEVEL_LINES,
};

const LevelRow = z.object({
  sku: csvText(100).pipe(z.string().min(1)),
  qty: csvInteger(0, MAX_STOCK_LEVEL_QTY),
  lot_no: csvText(60).optional(),
});

const COLUMN: Record<LevelField, (typeof stockLevelColumns)[number]> = { productId: 'sku', sku: 'sku', lotNo: 'lot_no', qty: 'qty' };

// Reads the file (pass 1: every cell, all errors at once), then sets the levels in one transaction
// (pass 2: what the database says, with the rows named the same way).
export async function importStockLevels(db: Db, ctx: Ctx, warehouseId: string, filePath: string, fileName: string | null): Promise<StockLevelsDto> {
  const report = errorReport(stockLevelColumns);
  const lines: SetStockLevelsInput['lines'] = [];
  const rowOf: number[] = [];
  let rows = 0;
  for await (const item of readCsv(FORMAT, filePath)) {
    if (item.type === 'error') {
      report.add(item.row, item.column, item.code, item.params);
      if (!item.fatal) rows += 1;
      continue;
    }
    rows += 1;
    const values: Record<string, unknown> = {};
    let bad = false;
    for (const [column, schema] of Object.entries(LevelRow.shape)) {
      const parsed = (schema as z.ZodType).safeParse(item.cells[column]);
      if (parsed.success) values[column] = parsed.data;
      else {
        bad = true;
        const e = cellErrorOf(column, parsed.error.issues[0]!);
        report.add(item.row, e.column, e.code, e.params);
      }
    }
    if (bad) continue;
    const row = values as z.infer<typeof LevelRow>;
    lines.push({ sku: row.sku, qty: row.qty, ...(row.lot_no ? { lotNo: row.lot_no } : {}) });
    rowOf.push(item.row);
  }
  if (report.count === 0 && lines.length === 0) report.add(2, null, 'required');
  if (report.count > 0) throw report.rejection(rows);

  const refs: LineRefs = {
    path: (index, field) => `rows.${rowOf[index]}.${COLUMN[field]}`,
    whole: 'rows',
    repeated: (index, first) => ({ path: `rows.${rowOf[index]}.sku`, in: 'body', code: 'duplicate_in_file', params: { row: rowOf[first] } }),
    reject: (errors: FieldError[]) => new AppError('import_rejected', { rows, count: errors.length, shown: errors.length }, errors),
  };
  return db.transaction((tx) => setStockLevels(tx, ctx, warehouseId, { lines }, { refs, source: { kind: 'csv', fileName } }));
}
