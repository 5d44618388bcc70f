import { readCsv, type CsvItem } from '../../../platform/csv-import/read.ts';

// Streams a price-guide file through the platform's CSV reader, which the catalog import uses too,
// so both agree on what a file is (BOM, trimming, row numbers, GBK detection, record size).

// A guide has at most one row per part and region; this bounds the in-file duplicate check and the
// import's one transaction.
export const MAX_GUIDE_ROWS = 500_000;

export type GuideCsvItem = CsvItem;

export type GuideHeaderRules = {
  columns: readonly string[];
  // The header must name at least one of these (the first is reported when none is there).
  oneOf: readonly [string, ...string[]];
};

export function readGuideCsv(filePath: string, rules: GuideHeaderRules): AsyncGenerator<GuideCsvItem> {
  return readCsv({ columns: rules.columns.map((name) => ({ name, required: false })), oneOf: rules.oneOf, maxRows: MAX_GUIDE_ROWS }, filePath);
}
