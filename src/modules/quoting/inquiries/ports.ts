// What the inquiries use of other modules. The catalog's public surface (catalog/index.ts) does not
// yet export its product, offer and fitment tables, which choosing the suppliers of a make and
// checking a bid's product need; they are read here, in this one file, so that when the catalog
// exports them only these lines change. Nothing here writes to another module's tables (the
// merge of bids into a quote moves the assessment and claim only through their own commands).
export { offer, part, partFitment, product, productPart, vehicleModel } from '../../catalog/tables.ts';
export { grades, type Grade } from '../../catalog/index.ts';
export { assessment, claim } from '../../claims/index.ts';
export { org } from '../../identity/index.ts';
export { regionPath } from '../../regions/index.ts';
