import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { badTextCode } from '../input-guard.ts';
import type { FieldCode } from '../messages.ts';

// Reads an uploaded CSV file (catalog imports, insurers' price guides) as a stream of rows keyed by
// column name, so a file of any length needs only one record in memory at a time. The file's
// structure (header, encoding, quoting) is checked here; what the cells mean is each importer's.

// One record (a row with its quoted line breaks) may not exceed this, so a stray quote that
// swallows the rest of the file fails fast instead of growing one giant cell.
const MAX_RECORD_BYTES = 64 * 1024;

export type CsvItem =
  | { type: 'row'; row: number; cells: Record<string, string | undefined> }
  // `fatal`: the rest of the file cannot be read meaningfully (bad header, broken quoting).
  | { type: 'error'; row: number; column: string | null; code: FieldCode; params?: Record<string, unknown>; fatal: boolean };

// Unicode's replacement character is what a non-UTF-8 byte decodes to. Excel on Chinese Windows
// saves "CSV" as GBK, which then shows up here, so it is named as an encoding problem.
const NOT_UTF8 = '\uFFFD';

type Header = { names: (string | null)[]; errors: CsvItem[] };

export type CsvFormat = {
  columns: readonly { name: string; required: boolean }[];
  // The header must name at least one of these (the first is reported when none is there).
  oneOf?: readonly [string, ...string[]];
  // A file may not have more data rows than this: it bounds an importer's in-file duplicate check
  // and its one transaction.
  maxRows: number;
};

export function readHeader(format: CsvFormat, record: readonly string[]): Header {
  const { columns } = format;
  const known = new Set(columns.map((c) => c.name));
  const errors: CsvItem[] = [];
  const error = (column: string | null, code: FieldCode, params?: Record<string, unknown>) => errors.push({ type: 'error', row: 1, column, code, params, fatal: true });
  if (record.some((cell) => cell.includes(NOT_UTF8))) {
    error(null, 'invalid_format', { format: 'UTF-8' });
    return { names: [], errors };
  }
  const badHeader = record.map(badTextCode).find((code) => code !== null);
  if (badHeader) {
    error(null, badHeader);
    return { names: [], errors };
  }
  // Empty header cells (Excel's trailing commas) name no column; their cells must stay empty.
  const names = record.map((cell) => cell.normalize('NFKC').trim().toLowerCase() || null);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === null) continue;
    if (!known.has(name)) error(name, 'unknown_field');
    else if (seen.has(name)) error(name, 'duplicate_in_file', { row: 1 });
    seen.add(name);
  }
  for (const column of columns) if (column.required && !seen.has(column.name)) error(column.name, 'required');
  if (format.oneOf && !format.oneOf.some((name) => seen.has(name))) error(format.oneOf[0], 'required');
  return { names, errors };
}

export type ReadOptions = { onBytes?: (bytesRead: number) => void };

export async function* readCsv(format: CsvFormat, filePath: string, opts: ReadOptions = {}): AsyncGenerator<CsvItem> {
  const file = createReadStream(filePath);
  const parser = file.pipe(
    parse({
      bom: true,
      trim: true,
      relax_column_count: true,
      // Empty lines still count, so row numbers stay those a spreadsheet shows.
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  // A read error (the file vanished) reaches the parser, which then throws from the loop below.
  file.on('error', (error) => parser.destroy(error));
  let header: Header | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      opts.onBytes?.(file.bytesRead);
      if (!header) {
        header = readHeader(format, record);
        if (header.errors.length > 0) {
          yield* header.errors;
          return;
        }
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      if (row - 1 > format.maxRows) {
        yield { type: 'error', row, column: null, code: 'too_big_array', params: { maximum: format.maxRows }, fatal: true };
        return;
      }
      const cells: Record<string, string | undefined> = {};
      let fault: CsvItem | undefined;
      record.forEach((raw, index) => {
        const value = raw.trim();
        if (value === '') return;
        const name = header!.names[index];
        if (!name) {
          fault ??= { type: 'error', row, column: null, code: 'too_big_array', params: { maximum: header!.names.filter(Boolean).length }, fatal: false };
        } else if (value.includes(NOT_UTF8)) {
          fault ??= { type: 'error', row, column: name, code: 'invalid_format', params: { format: 'UTF-8' }, fatal: false };
        } else if (badTextCode(value)) {
          // A NUL byte is valid UTF-8 but no text column can store it (see input-guard.ts).
          fault ??= { type: 'error', row, column: name, code: badTextCode(value)!, fatal: false };
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
  if (!header) yield { type: 'error', row: 1, column: null, code: 'required', fatal: true };
}
