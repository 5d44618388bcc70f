// CSV import of the catalog: vehicle models, parts, fitment, products and offers (formats.ts).
export { registerImportCommand } from './cli.ts';
export { importKinds, type ImportKind } from './formats.ts';
export { importRoutes } from './routes.ts';
export { runImport, type ImportOptions, type ImportResult } from './run-import.ts';
