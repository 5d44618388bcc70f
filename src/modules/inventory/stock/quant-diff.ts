import { quantIsValid, quantKey, type QuantDelta, type QuantKey } from '../quant-math.ts';

// How the cached quants differ from what the moves add up to, as pure functions over the two: what
// `anpei stock verify` reports (diffQuants) and what `--repair` writes to make them equal
// (repairPlan). `fromMoves` is the moves' sums per quant key (quantsFromMoves, empty sums kept:
// the repair needs to know which quants a move ever touched); `cached` is the stock_quant rows.

export type Qty = { onHand: number; reserved: number };
export type StockMismatch = { key: string; cached: Qty | null; fromMoves: Qty | null };

const isEmpty = (q: Qty) => q.onHand === 0 && q.reserved === 0;
const same = (a: Qty | undefined, b: Qty | undefined) => (a?.onHand ?? 0) === (b?.onHand ?? 0) && (a?.reserved ?? 0) === (b?.reserved ?? 0);
const qty = (q: Qty | undefined): Qty | null => (q && !isEmpty(q) ? { onHand: q.onHand, reserved: q.reserved } : null);

// Every quant whose cached row and moves disagree, an empty quant being the same as none (the
// writer leaves a quant at zero when its goods are gone), in the order the moves first touched
// them and then the cache's own; and every quant (cached or rebuilt) that is impossible, once.
export function diffQuants(fromMoves: ReadonlyMap<string, QuantDelta>, cached: Iterable<QuantDelta>): { mismatches: StockMismatch[]; invalid: string[] } {
  const stored = new Map<string, QuantDelta>();
  for (const q of cached) if (!isEmpty(q)) stored.set(quantKey(q), q);
  const mismatches: StockMismatch[] = [];
  const invalid: string[] = [];
  for (const key of new Set([...fromMoves.keys(), ...stored.keys()])) {
    const a = stored.get(key);
    const b = fromMoves.get(key);
    if (!same(a, b)) mismatches.push({ key, cached: qty(a), fromMoves: qty(b) });
    if ([a, b].some((q) => q !== undefined && !quantIsValid(q))) invalid.push(key);
  }
  return { mismatches, invalid };
}

// What makes the cache equal to the moves, leaving it as the writer (apply-moves.ts) would have:
// a quant the moves touched holds their sum, zero included, so a differing row is updated and a
// missing one inserted (unless its sum is zero: no row is then the same as an empty one); a
// non-empty row that no move ever touched is deleted. A sum that is impossible (negative, more
// reserved than on hand) cannot be written, the table's check refuses it: such quants are left as
// cached and listed as unrepairable, since only a person can say which moves are wrong. Each list
// is in key order, the order writers lock quants in.
export type RepairPlan = { insert: QuantDelta[]; update: QuantDelta[]; remove: QuantKey[]; unrepairable: StockMismatch[] };

export function repairPlan(fromMoves: ReadonlyMap<string, QuantDelta>, cached: Iterable<QuantDelta>): RepairPlan {
  const stored = new Map<string, QuantDelta>();
  for (const q of cached) stored.set(quantKey(q), q);
  const plan: RepairPlan = { insert: [], update: [], remove: [], unrepairable: [] };
  for (const [key, want] of fromMoves) {
    const have = stored.get(key);
    if (same(have, want)) continue;
    if (!quantIsValid(want)) plan.unrepairable.push({ key, cached: qty(have), fromMoves: { onHand: want.onHand, reserved: want.reserved } });
    else if (have) plan.update.push({ ...want });
    else plan.insert.push({ ...want });
  }
  for (const [key, have] of stored) {
    if (!fromMoves.has(key) && !isEmpty(have)) plan.remove.push({ productId: have.productId, locationId: have.locationId, lotId: have.lotId, ownerOrgId: have.ownerOrgId });
  }
  const byKey = (a: QuantKey, b: QuantKey) => (quantKey(a) < quantKey(b) ? -1 : quantKey(a) > quantKey(b) ? 1 : 0);
  plan.insert.sort(byKey);
  plan.update.sort(byKey);
  plan.remove.sort(byKey);
  plan.unrepairable.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return plan;
}
