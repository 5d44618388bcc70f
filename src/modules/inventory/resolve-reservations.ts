import { and, inArray, isNull, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db.ts';
import { applyMoves, type NewMove } from './apply-moves.ts';
import { stockMove } from './tables.ts';

const resolution = alias(stockMove, 'resolution');

// The reservations of some order lines that are still pending, locked so that a shipment and a
// cancellation of the same line cannot both resolve them (the unique index on pending_id would
// refuse the second anyway; the lock makes it wait and then find nothing left).
async function pendingOf(tx: Tx, orderLineIds: readonly string[]) {
  if (orderLineIds.length === 0) return [];
  return tx
    .select({
      id: stockMove.id,
      productId: stockMove.productId,
      lotId: stockMove.lotId,
      ownerOrgId: stockMove.ownerOrgId,
      qty: stockMove.qty,
      fromLocationId: stockMove.fromLocationId,
      toLocationId: stockMove.toLocationId,
      orderLineId: stockMove.orderLineId,
    })
    .from(stockMove)
    .leftJoin(resolution, eq(resolution.pendingId, stockMove.id))
    .where(and(inArray(stockMove.orderLineId, [...orderLineIds]), eq(stockMove.phase, 'pending'), isNull(resolution.id)))
    .orderBy(stockMove.id)
    .for('update', { of: stockMove });
}

// Posts (the goods left: on hand moves to the customer) or voids (released) every pending
// reservation of the lines. Returns how many units each line had pending.
export async function resolveReservations(tx: Tx, phase: 'post' | 'void', orderLineIds: readonly string[], at: Date): Promise<Map<string, number>> {
  const pending = await pendingOf(tx, orderLineIds);
  const moves: NewMove[] = pending.map((p) => ({ ...p, phase, kind: 'order', pendingId: p.id }));
  await applyMoves(tx, moves, at);
  const units = new Map<string, number>();
  for (const p of pending) units.set(p.orderLineId!, (units.get(p.orderLineId!) ?? 0) + p.qty);
  return units;
}
