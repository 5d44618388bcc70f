// What the insurer's rules use of the catalog, gathered in one place, all through the catalog's
// public surface. (The CSV import's building blocks a price-guide file shares with a catalog file
// are the platform's: src/platform/csv-import/.)
export { categories, categoryCodes, grades, normaliseOe, part, type Category, type Grade } from '../../catalog/index.ts';
