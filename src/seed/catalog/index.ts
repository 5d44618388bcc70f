// Catalog seed data: the believable demo catalog (`seed --scale demo`) and the generated one for
// load and benchmarks (`seed --scale large`), with what tests and docs read from them.
export { buildDemoCatalog, seedDemoCatalog, type DemoCatalogOptions, type DemoCatalogReport } from './demo-catalog.ts';
export { demoVehicleModels, type DemoModel } from './demo-models.ts';
export type { DemoSupplierIds } from './demo-products.ts';
export { DEFAULT_LARGE_SCALE, seedLargeCatalog, type LargeCatalogOptions, type LargeCatalogReport, type LargeScale } from './large-catalog.ts';
export { findDemoSupplierIds } from './supplier-ids.ts';
export { vinMatchesRule, type VinRule } from './vin-rule.ts';
