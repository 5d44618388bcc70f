import { isCounted } from './locations.ts';
import type { MovePhase } from './tables.ts';

// What a move does to the quants, as a pure function: the one definition that apply-moves.ts
// writes to the cache and verify-stock.ts (and the property tests) rebuild the cache from.

export type MoveFacts = {
  phase: MovePhase;
  productId: string;
  lotId: string;
  ownerOrgId: string;
  qty: number;
  fromLocationId: string;
  toLocationId: string;
};

export type QuantKey = { productId: string; locationId: string; lotId: string; ownerOrgId: string };
export type QuantDelta = QuantKey & { onHand: number; reserved: number };

export function quantKey(k: QuantKey): string {
  return `${k.productId}|${k.locationId}|${k.lotId}|${k.ownerOrgId}`;
}

// The effect of one move on counted locations:
//  single: the goods move (from −, to +);
//  pending: they stay, but are reserved at the source;
//  post: the reserved goods move (from: on hand − and reserved −; to: on hand +);
//  void: the reservation is released.
// A post or void carries the same product, lot, owner, quantity and locations as its pending move.
export function moveDeltas(m: MoveFacts): QuantDelta[] {
  const at = (locationId: string, onHand: number, reserved: number): QuantDelta[] =>
    isCounted(locationId) ? [{ productId: m.productId, lotId: m.lotId, ownerOrgId: m.ownerOrgId, locationId, onHand, reserved }] : [];
  switch (m.phase) {
    case 'single':
      return [...at(m.fromLocationId, -m.qty, 0), ...at(m.toLocationId, m.qty, 0)];
    case 'pending':
      return at(m.fromLocationId, 0, m.qty);
    case 'post':
      return [...at(m.fromLocationId, -m.qty, -m.qty), ...at(m.toLocationId, m.qty, 0)];
    case 'void':
      return at(m.fromLocationId, 0, -m.qty);
  }
}

// Sums deltas per quant, dropping those that cancel out entirely.
export function sumDeltas(deltas: Iterable<QuantDelta>): Map<string, QuantDelta> {
  return dropZeros(addDeltas(new Map(), deltas));
}

// Adds deltas into running sums (for folding a long history batch by batch).
export function addDeltas(sums: Map<string, QuantDelta>, deltas: Iterable<QuantDelta>): Map<string, QuantDelta> {
  for (const d of deltas) {
    const key = quantKey(d);
    const s = sums.get(key);
    if (s) {
      s.onHand += d.onHand;
      s.reserved += d.reserved;
    } else {
      sums.set(key, { ...d });
    }
  }
  return sums;
}

export function dropZeros(sums: Map<string, QuantDelta>): Map<string, QuantDelta> {
  for (const [key, s] of sums) if (s.onHand === 0 && s.reserved === 0) sums.delete(key);
  return sums;
}

// The quants a list of moves produces (added into `sums`, empty ones kept: dropZeros removes them):
// what the cache must equal.
export function quantsFromMoves(moves: Iterable<MoveFacts>, sums = new Map<string, QuantDelta>()): Map<string, QuantDelta> {
  for (const m of moves) addDeltas(sums, moveDeltas(m));
  return sums;
}

// Whether a quant is possible: nothing negative, never more reserved than on hand.
export function quantIsValid(q: { onHand: number; reserved: number }): boolean {
  return q.onHand >= 0 && q.reserved >= 0 && q.reserved <= q.onHand;
}
