// Validates a VIN (ISO 3779, GB 16735) and splits it into what the catalogue matches parts by.
// Input comes from people and photos of VIN plates, so every failure is a value the caller can
// show next to the field: which rule, at which position.
import { CHECK_DIGIT_POSITION, computeCheckDigit, VIN_LENGTH } from './check-digit.ts';
import { decodeModelYear, isModelYearCode } from './model-year.ts';
import { normaliseVin } from './normalise.ts';
import { lookupWmi } from './wmi.ts';
import type { WmiRegion } from './wmi-table.ts';

export type VinWarning = 'check_digit_mismatch' | 'unknown_wmi' | 'invalid_model_year';

export type DecodedVin = {
  ok: true;
  vin: string;
  wmi: string;
  // Positions 4-8: the maker's own description of model, body, engine and restraints.
  vds: string;
  // Positions 10-17: model year, plant and serial.
  vis: string;
  checkDigit: { expected: string; actual: string; valid: boolean };
  checkDigitRequired: boolean;
  warnings: VinWarning[];
  manufacturer: string | null;
  manufacturerEn: string | null;
  brands: readonly string[];
  country: string | null;
  countryName: string | null;
  region: WmiRegion | null;
  modelYear: number | null;
  plant: string;
  serial: string;
  // Set for WMIs ending in 9, whose makers are told apart by positions 12-14.
  smallManufacturerCode: string | null;
};

export type VinFailure =
  | { ok: false; code: 'length'; params: { length: number; expectedLength: number } }
  | { ok: false; code: 'forbidden_letter'; position: number; params: { character: string; position: number } }
  | { ok: false; code: 'invalid_character'; position: number; params: { character: string; position: number } }
  | { ok: false; code: 'check_digit'; position: number; expected: string; params: { expected: string; actual: string } };

export type VinResult = DecodedVin | VinFailure;

export type DecodeVinOptions = { currentYear?: number };

// I, O and Q look like 1, 0 and 0, so ISO 3779 bans them; naming them apart lets the form say so.
const FORBIDDEN = /^[IOQ]$/;
const ALLOWED = /^[A-HJ-NPR-Z0-9]$/;
const CHECK_CHARACTER = /^[0-9X]$/;

// Finds the first character that cannot be in a VIN, scanning left to right. Position 9 must be a
// check character only where the check digit is mandatory: European makers often put a filler
// there (WVWZZZ1JZ…), which is then just a check-digit mismatch warning.
function characterFault(characters: readonly string[], checkCharacterRequired: boolean): VinFailure | undefined {
  for (const [index, character] of characters.entries()) {
    const position = index + 1;
    if (FORBIDDEN.test(character)) {
      return { ok: false, code: 'forbidden_letter', position, params: { character, position } };
    }
    if (!ALLOWED.test(character)) {
      return { ok: false, code: 'invalid_character', position, params: { character, position } };
    }
    if (checkCharacterRequired && position === CHECK_DIGIT_POSITION && !CHECK_CHARACTER.test(character)) {
      return { ok: false, code: 'invalid_character', position, params: { character, position } };
    }
  }
  return undefined;
}

// China (GB 16735) makes the check digit mandatory, so an L-VIN that fails it is a mistyped VIN.
// Elsewhere, notably in Europe, makers need not compute it, so a mismatch proves nothing.
function requiresCheckDigit(wmi: string): boolean {
  return wmi.startsWith('L');
}

// Only China's block is one country; elsewhere the first character spans several.
function countryOfUnknownWmi(wmi: string): { country: string; countryName: string } | undefined {
  return wmi.startsWith('L') ? { country: 'CN', countryName: '中国' } : undefined;
}

export function decodeVin(input: string, options: DecodeVinOptions = {}): VinResult {
  const vin = normaliseVin(input);
  const characters = Array.from(vin);
  if (characters.length !== VIN_LENGTH) {
    return { ok: false, code: 'length', params: { length: characters.length, expectedLength: VIN_LENGTH } };
  }
  const wmi = vin.slice(0, 3);
  const fault = characterFault(characters, requiresCheckDigit(wmi));
  if (fault) return fault;

  const actual = vin.charAt(CHECK_DIGIT_POSITION - 1);
  // Every character was validated above, so the check digit can always be computed.
  const expected = computeCheckDigit(vin) ?? '';
  const valid = expected === actual;
  const checkDigitRequired = requiresCheckDigit(wmi);
  if (!valid && checkDigitRequired) {
    return { ok: false, code: 'check_digit', position: CHECK_DIGIT_POSITION, expected, params: { expected, actual } };
  }

  const warnings: VinWarning[] = [];
  if (!valid) warnings.push('check_digit_mismatch');
  const lookup = lookupWmi(vin);
  if (!lookup.entry) warnings.push('unknown_wmi');
  const yearCode = vin.charAt(9);
  if (!isModelYearCode(yearCode)) warnings.push('invalid_model_year');
  const modelYear = decodeModelYear(yearCode, {
    wmiRegion: lookup.region,
    position7: vin.charAt(6),
    currentYear: options.currentYear,
  });
  const origin = lookup.entry ?? countryOfUnknownWmi(wmi);

  return {
    ok: true,
    vin,
    wmi,
    vds: vin.slice(3, 8),
    vis: vin.slice(9, 17),
    checkDigit: { expected, actual, valid },
    checkDigitRequired,
    warnings,
    manufacturer: lookup.entry?.manufacturer ?? null,
    manufacturerEn: lookup.entry?.manufacturerEn ?? null,
    brands: lookup.entry?.brands ?? [],
    country: origin?.country ?? null,
    countryName: origin?.countryName ?? null,
    region: lookup.region ?? null,
    modelYear,
    plant: vin.charAt(10),
    serial: vin.slice(11, 17),
    smallManufacturerCode: lookup.smallManufacturerCode ?? null,
  };
}
