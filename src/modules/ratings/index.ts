// Supplier ratings: counters of what shops found on receipt, kept by the orders module as it
// happens, and the rating quoting ranks offers by.
export { countForSuppliers, supplierRating, supplierRatings, MIN_LINES_FOR_RATING, type CounterDelta, type SupplierCounters } from './rating.ts';
export { supplierRecord } from './tables.ts';
