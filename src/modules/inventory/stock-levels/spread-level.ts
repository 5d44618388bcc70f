// How a supplier's stated level of one product (or of one lot of it) becomes new levels per lot at
// its warehouse (a pure rule; the owners within a lot are then settled by the count's rule,
// countAdjustments).
//
// A product's total, stated without a lot: a rise goes into the default lot (the one a supplier
// that keeps no lots holds everything in); a fall comes out of the units no order holds, the
// default lot first (stock put there by earlier levels), then the other lots oldest first (lot ids
// are time-ordered), as goods leave a shelf. One lot's level, stated with its lot number, changes
// that lot alone.
//
// Refused, as values: a level below what orders have reserved (they would ship goods that are not
// there); a fall that would take units carrying trace codes (which units left is known only by
// scanning them, so a stock count must do it); a rise in a recalled lot.

export type LotLevel = {
  // The lot's id, or the default lot's key while that lot does not exist yet.
  key: string;
  onHand: number;
  reserved: number;
  // Its units at this warehouse carry trace codes.
  coded: boolean;
  recalled: boolean;
};

export type LevelChange = { key: string; from: number; to: number };
export type LevelRefusal = 'below_reserved' | 'coded_lot' | 'recalled_lot';
export type SpreadResult = { ok: true; changes: LevelChange[] } | { ok: false; reason: LevelRefusal };

const sum = (lots: readonly LotLevel[], field: 'onHand' | 'reserved') => lots.reduce((n, l) => n + l[field], 0);

// The product's total: `lots` are its lots at the warehouse in any order; `defaultLot` is the
// default lot, held or not (then with zero on hand).
export function spreadTotal(lots: readonly LotLevel[], defaultLot: LotLevel, target: number): SpreadResult {
  const held = lots.some((l) => l.key === defaultLot.key) ? lots : [...lots, defaultLot];
  const onHand = sum(held, 'onHand');
  if (target === onHand) return { ok: true, changes: [] };
  if (target > onHand) {
    const lot = held.find((l) => l.key === defaultLot.key)!;
    if (lot.recalled) return { ok: false, reason: 'recalled_lot' };
    return { ok: true, changes: [{ key: lot.key, from: lot.onHand, to: lot.onHand + target - onHand }] };
  }
  if (target < sum(held, 'reserved')) return { ok: false, reason: 'below_reserved' };
  let fall = onHand - target;
  const order = [...held].sort((a, b) => Number(b.key === defaultLot.key) - Number(a.key === defaultLot.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const changes: LevelChange[] = [];
  for (const lot of order) {
    if (fall === 0) break;
    if (lot.coded) continue;
    const take = Math.min(fall, lot.onHand - lot.reserved);
    if (take <= 0) continue;
    changes.push({ key: lot.key, from: lot.onHand, to: lot.onHand - take });
    fall -= take;
  }
  if (fall > 0) return { ok: false, reason: 'coded_lot' };
  return { ok: true, changes };
}

// One lot's level.
export function spreadLot(lot: LotLevel, target: number): SpreadResult {
  if (target === lot.onHand) return { ok: true, changes: [] };
  if (target > lot.onHand) return lot.recalled ? { ok: false, reason: 'recalled_lot' } : { ok: true, changes: [{ key: lot.key, from: lot.onHand, to: target }] };
  if (target < lot.reserved) return { ok: false, reason: 'below_reserved' };
  if (lot.coded) return { ok: false, reason: 'coded_lot' };
  return { ok: true, changes: [{ key: lot.key, from: lot.onHand, to: target }] };
}
