import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { regionPath } from '../regions/index.ts';
import { allocate, type AvailableQuant, type ShortLine, type SourcedLine, type StockLine, type WarehouseReach } from './allocate.ts';
import { applyMoves, type NewMove } from './apply-moves.ts';
import { virtualLocations } from './locations.ts';
import { stockQuant, warehouse, warehouseCoverage } from './tables.ts';

export type ReserveLine = StockLine & { orderLineId: string };
export type ReservedLine = SourcedLine & { orderLineId: string; moveIds: string[] };
export type ReserveResult = { ok: true; lines: ReservedLine[] } | { ok: false; short: ShortLine[] };

// The locking read: every quant of the order's products, with stock to spare, in a warehouse that
// delivers to the region (one row per coverage entry containing it), locked in key order. Named,
// so PostgreSQL plans the join once per connection.
function prepareLock(tx: Tx) {
  return tx
    .select({
      productId: stockQuant.productId,
      locationId: stockQuant.locationId,
      lotId: stockQuant.lotId,
      ownerOrgId: stockQuant.ownerOrgId,
      available: sql<number>`${stockQuant.onHand} - ${stockQuant.reserved}`.mapWith(Number),
      warehouseId: warehouse.id,
      kind: warehouse.kind,
      operatorOrgId: warehouse.operatorOrgId,
      code: warehouse.code,
      regionCode: warehouseCoverage.regionCode,
      transitDays: warehouseCoverage.transitDays,
    })
    .from(stockQuant)
    .innerJoin(warehouse, eq(warehouse.stockLocationId, stockQuant.locationId))
    .innerJoin(warehouseCoverage, and(eq(warehouseCoverage.warehouseId, warehouse.id), sql`${warehouseCoverage.regionCode} = any(${sql.placeholder('path')}::text[])`))
    .where(and(sql`${stockQuant.productId} = any(${sql.placeholder('productIds')}::uuid[])`, gt(stockQuant.onHand, stockQuant.reserved)))
    .orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId))
    .for('update', { of: stockQuant })
    .prepare('reserve_lock');
}

const prepared = new WeakMap<Tx, ReturnType<typeof prepareLock>>();

// Reserves stock for every line of an order, or for none (two-phase: the reservations are pending
// moves to the customer location, posted when the goods ship, voided on cancel). The quants that
// could serve the order (its products, in warehouses delivering to the region) are locked first,
// in key order, and the choice is made on what the lock shows, so concurrent orders for the last
// units queue on the same rows and each sees what the one before it left: exactly as many succeed
// as there are units. The database's checks on stock_quant back this up. A refused reservation
// writes nothing. Two round trips: the locking read, and the moves with their quants.
export async function reserveStock(tx: Tx, input: { regionCode: string; lines: readonly ReserveLine[]; at: Date }): Promise<ReserveResult> {
  const path = regionPath(input.regionCode).map((r) => r.code);
  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  let lock = prepared.get(tx);
  if (!lock) {
    lock = prepareLock(tx);
    prepared.set(tx, lock);
  }
  const rows = productIds.length === 0 || path.length === 0 ? [] : await lock.execute({ productIds, path });

  // A quant comes once per coverage entry that contains the region (a province's and a city's):
  // each warehouse delivers in the days of its most specific entry.
  const reach = new Map<string, WarehouseReach & { depth: number }>();
  const quants = new Map<string, AvailableQuant>();
  for (const r of rows) {
    const depth = path.indexOf(r.regionCode);
    const seen = reach.get(r.warehouseId);
    if (!seen || depth > seen.depth) reach.set(r.warehouseId, { warehouseId: r.warehouseId, kind: r.kind, operatorOrgId: r.operatorOrgId, code: r.code, transitDays: r.transitDays, depth });
    quants.set(`${r.productId}|${r.locationId}|${r.lotId}|${r.ownerOrgId}`, r);
  }
  const result = allocate(input.lines, [...reach.values()], [...quants.values()]);
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
