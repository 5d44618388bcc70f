// Resolves the world manufacturer identifier (VIN positions 1-3) to a maker.
import { WMI_TABLE, type WmiEntry, type WmiRegion } from './wmi-table.ts';

export type WmiLookup = {
  wmi: string;
  // Undefined when the WMI is not in the table; the caller decides whether that matters.
  entry: WmiEntry | undefined;
  // The region of the tabled entry, else the continent ISO 3780 gives the first character.
  region: WmiRegion | undefined;
  // ISO 3780 gives makers of fewer than 1,000 vehicles a year a WMI ending in 9 that they share;
  // VIN positions 12-14 then name the maker. Such makers are too many and too small to table.
  smallManufacturer: boolean;
  smallManufacturerCode: string | undefined;
};

// ISO 3780's split of the first character: A-H Africa, J-R Asia, S-Z Europe, 1-5 North
// America, 6-7 Oceania, 8-9 South America, with China's block (LA-L0) set apart.
export function regionOfFirstCharacter(character: string): WmiRegion | undefined {
  if (character === 'L') return 'china';
  if (/^[A-H]$/.test(character)) return 'africa';
  if (/^[J-R]$/.test(character)) return 'asia';
  if (/^[S-Z]$/.test(character)) return 'europe';
  if (/^[1-5]$/.test(character)) return 'north_america';
  if (/^[67]$/.test(character)) return 'oceania';
  if (/^[89]$/.test(character)) return 'south_america';
  return undefined;
}

// Takes a normalised VIN (or at least its first three characters).
export function lookupWmi(vin: string): WmiLookup {
  const wmi = vin.slice(0, 3);
  const entry = WMI_TABLE[wmi];
  const smallManufacturer = wmi.length === 3 && wmi.endsWith('9');
  const smallManufacturerCode = smallManufacturer && vin.length >= 14 ? vin.slice(11, 14) : undefined;
  return {
    wmi,
    entry,
    region: entry?.region ?? regionOfFirstCharacter(wmi.charAt(0)),
    smallManufacturer,
    smallManufacturerCode,
  };
}

// Every tabled WMI, for listings and for tests that check the table's own consistency.
export function listWmis(): readonly string[] {
  return Object.keys(WMI_TABLE).sort();
}
