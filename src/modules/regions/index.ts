// GB/T 2260 regions: lookups for validation and the public list endpoint.
export { findRegion, isRegionCode, listRegions, provinceOf, regionName, regionPath, type Region } from './regions.ts';
export { regionRoutes } from './routes.ts';
export { regionCodeField } from './region-field.ts';
