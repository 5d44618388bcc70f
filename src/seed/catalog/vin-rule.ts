import { computeCheckDigit } from '../../modules/catalog/vin/index.ts';

// The catalog's rule that maps a VIN to a vehicle model: the WMI, a pattern over the VDS
// (positions 4-8, `*` matches any character) and the model-year range. Seed data builds sample
// VINs that satisfy it, and tests check them with the same rule.

export type VinRule = { wmi: string; vdsPattern: string; yearFrom: number; yearTo: number };

const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const VIN_CHARACTERS = /^[A-HJ-NPR-Z0-9]+$/;

export function modelYearCode(year: number): string {
  if (!Number.isInteger(year) || year < 1980) throw new Error(`no model-year code for ${year}`);
  return YEAR_CODES[(year - 1980) % YEAR_CODES.length]!;
}

export function vdsMatches(vdsPattern: string, vds: string): boolean {
  if (vdsPattern.length !== 5 || vds.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    const p = vdsPattern[i];
    if (p !== '*' && p !== vds[i]) return false;
  }
  return true;
}

export function vinMatchesRule(rule: VinRule, vin: { wmi: string; vds: string; modelYear: number | null }): boolean {
  return rule.wmi === vin.wmi && vdsMatches(rule.vdsPattern, vin.vds) && vin.modelYear !== null && vin.modelYear >= rule.yearFrom && vin.modelYear <= rule.yearTo;
}

// A VIN that decodes to the rule: each `*` of the pattern takes the next character of `fill`,
// position 9 the check digit GB 16735 makes mandatory, position 10 the year's code, position 11
// the plant and 12-17 a six-digit serial.
export function buildSampleVin(rule: VinRule, opts: { year: number; fill: string; plant: string; serial: number }): string {
  if (opts.year < rule.yearFrom || opts.year > rule.yearTo) throw new Error(`sample year ${opts.year} outside ${rule.yearFrom}-${rule.yearTo}`);
  let k = 0;
  const vds = Array.from(rule.vdsPattern, (c) => (c === '*' ? (opts.fill[k++ % opts.fill.length] ?? '1') : c)).join('');
  const serial = String(opts.serial % 1_000_000).padStart(6, '0');
  const draft = `${rule.wmi}${vds}0${modelYearCode(opts.year)}${opts.plant}${serial}`;
  if (draft.length !== 17 || !VIN_CHARACTERS.test(draft)) throw new Error(`bad sample VIN ${draft}`);
  const check = computeCheckDigit(draft);
  if (check === null) throw new Error(`no check digit for ${draft}`);
  return `${draft.slice(0, 8)}${check}${draft.slice(9)}`;
}
