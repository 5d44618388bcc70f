// A car owner who looks up a trace code sees which vehicle the part went into, but the public
// lookup must not hand out whole VINs (a VIN plus a plate identifies a person's car and its claim
// history). The last six characters are the maker's serial: enough for the owner to recognise
// their own car, too little to identify anyone else's.
export const VIN_VISIBLE_CHARS = 6;

export function maskVin(vin: string | null | undefined): string | null {
  if (vin === null || vin === undefined) return null;
  const v = vin.trim().toUpperCase();
  if (v === '') return null;
  // A value too short to be a VIN would be shown whole by "all but the last six": hide it all.
  if (v.length <= VIN_VISIBLE_CHARS) return '*'.repeat(v.length);
  return '*'.repeat(v.length - VIN_VISIBLE_CHARS) + v.slice(-VIN_VISIBLE_CHARS);
}
