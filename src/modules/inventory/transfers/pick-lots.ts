// Which lots and owners a transfer takes, as a pure function of the source's locked quants.

export type PickLine = { productId: string; lotNo?: string | undefined; qty: number };

export type SourceQuant = {
  productId: string;
  lotId: string;
  lotNo: string;
  ownerOrgId: string;
  // on hand − reserved, as locked: what orders have reserved stays for them.
  available: number;
};

export type Pick = { productId: string; lotId: string; ownerOrgId: string; qty: number };
export type ShortPick = { index: number; productId: string; lotNo: string | null; requested: number; available: number };
export type PickResult = { ok: true; lines: Pick[][] } | { ok: false; short: ShortPick[] };

// Oldest lots first (lot ids are UUIDv7, so by the time the lot was first received): stock that has
// waited longest moves first. Within a lot, the operator's own goods before consignment (a
// supplier's goods stay where the supplier placed them while the operator's own can serve), then by
// owner id so the choice is always the same. Lines are served in order and never count a unit
// twice; every short line is reported with what was left for it.
export function pickLots(lines: readonly PickLine[], quants: readonly SourceQuant[], operatorOrgId: string): PickResult {
  const order = [...quants].sort((a, b) => compare(a.lotId, b.lotId) || Number(b.ownerOrgId === operatorOrgId) - Number(a.ownerOrgId === operatorOrgId) || compare(a.ownerOrgId, b.ownerOrgId));
  const left = order.map((q) => q.available);
  const picked: Pick[][] = [];
  const short: ShortPick[] = [];
  lines.forEach((line, index) => {
    let need = line.qty;
    const picks: Pick[] = [];
    order.forEach((q, i) => {
      if (need === 0 || q.productId !== line.productId || (line.lotNo !== undefined && q.lotNo !== line.lotNo)) return;
      const take = Math.min(need, left[i]!);
      if (take <= 0) return;
      picks.push({ productId: q.productId, lotId: q.lotId, ownerOrgId: q.ownerOrgId, qty: take });
      left[i] = left[i]! - take;
      need -= take;
    });
    if (need > 0) short.push({ index, productId: line.productId, lotNo: line.lotNo ?? null, requested: line.qty, available: line.qty - need });
    picked.push(picks);
  });
  return short.length > 0 ? { ok: false, short } : { ok: true, lines: picked };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
