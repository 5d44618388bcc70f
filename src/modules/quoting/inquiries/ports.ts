// What the inquiries use of other modules, through their public surfaces. Nothing here writes to
// another module's tables (the merge of bids into a quote moves the assessment and claim only
// through their own commands).
export { drizzleSql, grades, offer, part, partFitment, product, productPart, servesRegion, vehicleModel, type Grade } from '../../catalog/index.ts';
export { assessment, claim, lockAssessment } from '../../claims/index.ts';
export { org } from '../../identity/index.ts';
export { regionPath } from '../../regions/index.ts';
