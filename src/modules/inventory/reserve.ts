import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { allocate, type AllocationResult, type ShortLine, type SourcedLine, type StockLine } from './allocate.ts';
import { applyMoves, type NewMove } from './apply-moves.ts';
import { virtualLocations } from './locations.ts';
import { warehousesReaching } from './reach.ts';
import { stockQuant } from './tables.ts';

export type ReserveLine = StockLine & { orderLineId: string };
export type ReservedLine = SourcedLine & { orderLineId: string; moveIds: string[] };
export type ReserveResult = { ok: true; lines: ReservedLine[] } | { ok: false; short: ShortLine[] };

// Reserves stock for every line of an order, or for none (two-phase: the reservations are pending
// moves to the customer location, posted when the goods ship, voided on cancel). The quants that
// could serve the order are locked first, in key order, and the choice is made on what the lock
// shows, so concurrent orders for the last units queue on the same rows and each sees what the
// one before it left: exactly as many succeed as there are units. The database's checks on
// stock_quant back this up. A refused reservation writes nothing.
export async function reserveStock(tx: Tx, input: { regionCode: string; lines: readonly ReserveLine[]; at: Date }): Promise<ReserveResult> {
  const reach = await warehousesReaching(tx, input.regionCode);
  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const locationIds = reach.map((w) => w.stockLocationId);
  const warehouseOfLocation = new Map(reach.map((w) => [w.stockLocationId, w.warehouseId]));
  const locked =
    productIds.length === 0 || locationIds.length === 0
      ? []
      : await tx
          .select({
            productId: stockQuant.productId,
            locationId: stockQuant.locationId,
            lotId: stockQuant.lotId,
            ownerOrgId: stockQuant.ownerOrgId,
            available: sql<number>`${stockQuant.onHand} - ${stockQuant.reserved}`.mapWith(Number),
          })
          .from(stockQuant)
          .where(and(inArray(stockQuant.productId, productIds), inArray(stockQuant.locationId, locationIds), gt(stockQuant.onHand, stockQuant.reserved)))
          .orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId))
          .for('update');
  const result: AllocationResult = allocate(
    input.lines,
    reach,
    locked.map((q) => ({ ...q, warehouseId: warehouseOfLocation.get(q.locationId)! })),
  );
  if (!result.ok) return result;

  const moves: NewMove[] = [];
  const owners: number[] = [];
  for (const line of result.lines) {
    const orderLine = input.lines[line.index]!;
    for (const a of line.allocations) {
      moves.push({
        phase: 'pending',
        kind: 'order',
        productId: orderLine.productId,
        lotId: a.lotId,
        ownerOrgId: a.ownerOrgId,
        qty: a.qty,
        fromLocationId: a.locationId,
        toLocationId: virtualLocations.customer.id,
        orderLineId: orderLine.orderLineId,
      });
      owners.push(line.index);
    }
  }
  const ids = await applyMoves(tx, moves, input.at);
  return {
    ok: true,
    lines: result.lines.map((line) => ({
      ...line,
      orderLineId: input.lines[line.index]!.orderLineId,
      moveIds: ids.filter((_, i) => owners[i] === line.index),
    })),
  };
}
