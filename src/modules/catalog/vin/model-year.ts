// Decodes the model year from VIN position 10. The 30 codes repeat every 30 years, so a code
// alone names two or more years; the cycle has to be chosen from other evidence.
import type { WmiRegion } from './wmi-table.ts';

// In cycle order: 'A' is 1980 (and 2010, 2040), '9' is 2009 (and 2039). I, O, Q, U, Z and 0 are
// never year codes.
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const FIRST_CYCLE_START = 1980;
const CYCLE = 30;

export type ModelYearOptions = {
  wmiRegion?: WmiRegion | undefined;
  // VIN position 7; only read for North-American VINs.
  position7?: string | undefined;
  // Injectable so that tests, and re-decoding of old records, do not depend on today's date.
  currentYear?: number | undefined;
};

export function isModelYearCode(code: string): boolean {
  return code.length === 1 && YEAR_CODES.includes(code);
}

export function decodeModelYear(code: string, options: ModelYearOptions = {}): number | null {
  if (!isModelYearCode(code)) return null;
  const firstCycleYear = FIRST_CYCLE_START + YEAR_CODES.indexOf(code);

  // 49 CFR 565.15 makes position 7 say which cycle a North-American light vehicle is in: a digit
  // there means 1980-2009, a letter means 2010-2039.
  if (options.wmiRegion === 'north_america' && options.position7 !== undefined) {
    if (/^[0-9]$/.test(options.position7)) return firstCycleYear;
    if (/^[A-Z]$/.test(options.position7)) return firstCycleYear + CYCLE;
  }

  // Elsewhere nothing in the VIN picks the cycle, so take the latest year that is not after next
  // year: makers sell next year's models from the middle of this one, never later ones.
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  const latestAllowed = currentYear + 1;
  if (firstCycleYear > latestAllowed) return null;
  return firstCycleYear + Math.floor((latestAllowed - firstCycleYear) / CYCLE) * CYCLE;
}
