type Quant = { ownerOrgId: string; onHand: number; reserved: number };
export type Adjustment = { ownerOrgId: string; delta: number };

// How a count's difference is booked among the owners of a lot's goods at the warehouse (a pure
// rule). A surplus is the operator's: found goods nobody delivered on consignment. A loss falls on
// the operator's own goods first, since it answers for what it keeps, and on consignment only when
// its own are gone, by owner id so the choice is always the same; never on reserved units, which
// orders hold (the caller refuses a count below what is reserved, so the loss always fits).
export function countAdjustments(quants: readonly Quant[], counted: number, operatorOrgId: string): Adjustment[] {
  const expected = quants.reduce((n, q) => n + q.onHand, 0);
  if (counted >= expected) return counted === expected ? [] : [{ ownerOrgId: operatorOrgId, delta: counted - expected }];
  let loss = expected - counted;
  const order = [...quants].sort((a, b) => Number(b.ownerOrgId === operatorOrgId) - Number(a.ownerOrgId === operatorOrgId) || (a.ownerOrgId < b.ownerOrgId ? -1 : 1));
  const out: Adjustment[] = [];
  for (const q of order) {
    const take = Math.min(loss, q.onHand - q.reserved);
    if (take <= 0) continue;
    out.push({ ownerOrgId: q.ownerOrgId, delta: -take });
    loss -= take;
  }
  if (loss > 0) throw new Error('countAdjustments: a loss beyond the unreserved stock (the count is below what is reserved)');
  return out;
}
