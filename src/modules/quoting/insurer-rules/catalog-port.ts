// What the insurer's rules use of the catalog, gathered in one place. Parts, grades and categories
// come through the catalog's public surface. The CSV import's building blocks (the capped error
// report, cell types, zod issue translation, the upload copier and the upsert counting) are not on
// that surface, so they are imported from their files here rather than copied: a price-guide file
// then reads, reports and counts exactly like a catalog file.
export { categories, grades, normaliseOe, part, type Category, type Grade } from '../../catalog/index.ts';
export { categoryCodes } from '../../catalog/categories.ts';
export { integer, listItemFail, text } from '../../catalog/import/cells.ts';
export { cellErrorOf, type CellError } from '../../catalog/import/parse-row.ts';
export { errorReport, type ErrorReport } from '../../catalog/import/report.ts';
export { fileNameOf, saveUpload } from '../../catalog/import/upload.ts';
export { addCounts, countsOf, insertedFlag, upsertSet, zeroCounts, type Counts } from '../../catalog/import/upsert.ts';
