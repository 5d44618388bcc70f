// The catalog: VINs and vehicle models, parts and their fitment, suppliers' products and offers.
export { catalogRoutes } from './routes.ts';
export { certBody, offer, part, partFitment, product, productPart, vehicleModel } from './tables.ts';
export type { VehicleModelDto } from './dto.ts';
export { matchVehicleModels } from './vehicle-models.ts';
export { vinProblem } from './vin-lookup.ts';
export { decodeVin } from './vin/index.ts';
export { normaliseOe } from './oe-number.ts';
export { grades, gradeNames, gradeRank, type Grade } from './grades.ts';
export { categories, categoryCodes, type Category } from './categories.ts';
export { normaliseRegionCodes, regionKey } from './products/region-key.ts';
export { offersForParts, offersForPartsSelect, MAX_OFFERS_PER_PART, MAX_PARTS_PER_OFFER_QUERY, type PartOfferRow, type OffersForPartsInput } from './offers-for-parts.ts';
export { productPrices, type ProductPrice } from './product-prices.ts';
export { listPrices } from './list-prices.ts';
export { drizzleSql, servesRegion } from './offer-valid.ts';
// The CSV import's building blocks, for other modules' CSV files (a supplier's stock levels), so
// that every file of the API reads, reports and is received alike: cell types, zod issues in field
// codes, the capped error report, and the upload copier.
