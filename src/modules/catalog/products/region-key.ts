// An offer serves a set of GB/T 2260 regions; with the product, that set is the offer's natural
// key (one price per product and region set). The set is stored as one string so a unique index
// can hold it: the codes deduplicated, sorted and joined by `|`, or `*` when the list is empty,
// which means nationwide.

export const NATIONWIDE = '*';

export function normaliseRegionCodes(codes: readonly string[]): string[] {
  return [...new Set(codes)].sort();
}

export function regionKey(codes: readonly string[]): string {
  const normalised = normaliseRegionCodes(codes);
  return normalised.length === 0 ? NATIONWIDE : normalised.join('|');
}
