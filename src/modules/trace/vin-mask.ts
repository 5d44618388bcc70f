// A car owner who looks up a trace code sees which vehicle the part went into, but the public
// lookup must not hand out VINs, whole or nearly. The last six characters are the maker's serial:
// with the model, which the part already tells, they leave only a handful of candidate VINs; and
// in China "车架号后六位" with the plate is what traffic-violation lookups and insurers' hotlines ask
// as proof that a car is one's own. The last four are enough for the owner to compare with their
// registration certificate (行驶证): another car matches by chance about once in ten thousand. And
// they leave a hundred possible serials where six would leave one.
export const VIN_VISIBLE_CHARS = 4;

export function maskVin(vin: string | null | undefined): string | null {
  if (vin === null || vin === undefined) return null;
  const v = vin.trim().toUpperCase();
  if (v === '') return null;
  // A value too short to be a VIN would be shown whole by "all but the last four": hide it all.
  if (v.length <= VIN_VISIBLE_CHARS) return '*'.repeat(v.length);
  return '*'.repeat(v.length - VIN_VISIBLE_CHARS) + v.slice(-VIN_VISIBLE_CHARS);
}
