import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import type { FieldCode } from '../../../platform/messages.ts';

// Streams a price-guide file as rows keyed by column name, one record in memory at a time. It
// follows the catalog import's reader (catalog/import/read-csv.ts) rule for rule: that reader is
// bound to the catalog's own formats, so it cannot read this one, and the two must agree on what a
// file is (BOM, trimming, row numbers, GBK detection, the record size limit).

// A guide has at most one row per part and region; this bounds the in-file duplicate check and the
// import's one transaction.
export const MAX_GUIDE_ROWS = 500_000;
const MAX_RECORD_BYTES = 64 * 1024;
// What a non-UTF-8 byte decodes to: Excel on Chinese Windows saves "CSV" as GBK.
const NOT_UTF8 = '\uFFFD';

export type GuideCsvItem =
  | { type: 'row'; row: number; cells: Record<string, string | undefined> }
  // `fatal`: the rest of the file cannot be read meaningfully (bad header, broken quoting).
  | { type: 'error'; row: number; column: string | null; code: FieldCode; params?: Record<string, unknown>; fatal: boolean };

export type GuideHeaderRules = {
  columns: readonly string[];
  // The header must name at least one of these (the first is reported when none is there).
  oneOf: readonly [string, ...string[]];
};

function readHeader(rules: GuideHeaderRules, record: readonly string[]): { names: (string | null)[]; errors: GuideCsvItem[] } {
  const errors: GuideCsvItem[] = [];
  const error = (column: string | null, code: FieldCode, params?: Record<string, unknown>) =>
    errors.push({ type: 'error', row: 1, column, code, params, fatal: true });
  if (record.some((cell) => cell.includes(NOT_UTF8))) {
    error(null, 'invalid_format', { format: 'UTF-8' });
    return { names: [], errors };
  }
  // Empty header cells (Excel's trailing commas) name no column; their cells must stay empty.
  const names = record.map((cell) => cell.normalize('NFKC').trim().toLowerCase() || null);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === null) continue;
    if (!rules.columns.includes(name)) error(name, 'unknown_field');
    else if (seen.has(name)) error(name, 'duplicate_in_file', { row: 1 });
    seen.add(name);
  }
  if (!rules.oneOf.some((name) => seen.has(name))) error(rules.oneOf[0], 'required');
  return { names, errors };
}

export async function* readGuideCsv(filePath: string, rules: GuideHeaderRules): AsyncGenerator<GuideCsvItem> {
  const file = createReadStream(filePath);
  const parser = file.pipe(parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: false, max_record_size: MAX_RECORD_BYTES }));
  file.on('error', (error) => parser.destroy(error));
  let names: (string | null)[] | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (!names) {
        const header = readHeader(rules, record);
        if (header.errors.length > 0) {
          yield* header.errors;
          return;
        }
        names = header.names;
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      if (row - 1 > MAX_GUIDE_ROWS) {
        yield { type: 'error', row, column: null, code: 'too_big_array', params: { maximum: MAX_GUIDE_ROWS }, fatal: true };
        return;
      }
      const cells: Record<string, string | undefined> = {};
      let fault: GuideCsvItem | undefined;
      record.forEach((raw, index) => {
        const value = raw.trim();
        if (value === '') return;
        const name = names![index];
        if (!name) {
          fault ??= { type: 'error', row, column: null, code: 'too_big_array', params: { maximum: names!.filter(Boolean).length }, fatal: false };
        } else if (value.includes(NOT_UTF8)) {
          fault ??= { type: 'error', row, column: name, code: 'invalid_format', params: { format: 'UTF-8' }, fatal: false };
        } else cells[name] = value;
      });
      yield fault ?? { type: 'row', row, cells };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // Broken quoting: the parser cannot say where the next row starts, so reading stops here.
    yield { type: 'error', row: row + 1, column: null, code: 'invalid_format', params: { format: `CSV (${error.code})` }, fatal: true };
    return;
  } finally {
    file.destroy();
  }
  if (!names) yield { type: 'error', row: 1, column: null, code: 'required', fatal: true };
}
