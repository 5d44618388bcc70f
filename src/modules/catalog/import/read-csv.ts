import { readCsv as readCsvFile, readHeader as readHeaderOf, type CsvFormat, type CsvItem, type ReadOptions } from '../../../platform/csv-import/read.ts';
import { columnsOf, type ImportKind } from './formats.ts';

// The catalog's import kinds read through the platform's CSV reader.
export type { CsvItem } from '../../../platform/csv-import/read.ts';

// A catalog file may not have more data rows than this.
export const MAX_ROWS = 1_000_000;

function formatOf(kind: ImportKind): CsvFormat {
  return { columns: columnsOf(kind), maxRows: MAX_ROWS };
}

export function readHeader(kind: ImportKind, record: readonly string[]) {
  return readHeaderOf(formatOf(kind), record);
}

export function readCsv(kind: ImportKind, filePath: string, opts: ReadOptions = {}): AsyncGenerator<CsvItem> {
  return readCsvFile(formatOf(kind), filePath, opts);
}
