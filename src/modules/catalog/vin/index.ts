// VIN decoding (ISO 3779 / GB 16735): normalisation, check digit, maker and model year.
export { CHECK_DIGIT_POSITION, computeCheckDigit, hasValidCheckDigit, transliterate, VIN_LENGTH } from './check-digit.ts';
export {
  decodeVin,
  type DecodedVin,
  type DecodeVinOptions,
  type VinFailure,
  type VinResult,
  type VinWarning,
} from './decode-vin.ts';
export { decodeModelYear, isModelYearCode, type ModelYearOptions } from './model-year.ts';
export { normaliseVin } from './normalise.ts';
export { listWmis, lookupWmi, regionOfFirstCharacter, type WmiLookup } from './wmi.ts';
export { WMI_TABLE, type WmiEntry, type WmiRegion } from './wmi-table.ts';
