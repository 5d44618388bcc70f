import { executePrepared, type Tx } from '../../platform/db.ts';
import { stmt } from '../../platform/stmt.ts';
import { regionPath } from '../regions/index.ts';
import { allocate, type AvailableQuant, type ShortLine, type SourcedLine, type StockLine, type WarehouseReach } from './allocate.ts';
import { applyMoves, type NewMove } from './apply-moves.ts';
import { virtualLocations } from './locations.ts';
import { quantKey } from './quant-math.ts';
import type { WarehouseKind } from './tables.ts';

export type ReserveLine = StockLine & { orderLineId: string };
export type ReservedLine = SourcedLine & { orderLineId: string; moveIds: string[] };
export type ReserveResult = { ok: true; lines: ReservedLine[] } | { ok: false; short: ShortLine[] };

// The locking read: every quant of the order's products, with stock to spare, in a warehouse that
// delivers to the region (one row per coverage entry containing it), locked in key order; lots
// under recall are left out, as in the sourcing core. Raw rows
// from a named statement: PostgreSQL plans the join once per connection, and nothing maps rows.
type LockRow = {
  product_id: string;
  location_id: string;
  lot_id: string;
  owner_org_id: string;
  available: number;
  warehouse_id: string;
  kind: WarehouseKind;
  operator_org_id: string;
  code: string;
  region_code: string;
  transit_days: number;
};

function lockQuants(tx: Tx, productIds: string[], path: string[]) {
  return executePrepared<LockRow>(
    tx,
    stmt`select q.product_id, q.location_id, q.lot_id, q.owner_org_id, (q.on_hand - q.reserved)::int as available,
          w.id as warehouse_id, w.kind, w.operator_org_id, w.code, c.region_code, c.transit_days
        from stock_quant q
        join warehouse w on w.stock_location_id = q.location_id
        join warehouse_coverage c on c.warehouse_id = w.id and c.region_code = any(${path}::text[])
        join stock_lot l on l.id = q.lot_id and l.recalled_at is null
        where q.product_id = any(${productIds}::uuid[]) and q.on_hand > q.reserved
        order by q.product_id, q.location_id, q.lot_id, q.owner_org_id
        for update of q`,
  );
}

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
  const rows = productIds.length === 0 || path.length === 0 ? [] : await lockQuants(tx, productIds, path);

  // A quant comes once per coverage entry that contains the region (a province's and a city's):
  // each warehouse delivers in the days of its most specific entry.
  const reach = new Map<string, WarehouseReach & { depth: number }>();
  const quants = new Map<string, AvailableQuant>();
  for (const r of rows) {
    const depth = path.indexOf(r.region_code);
    const seen = reach.get(r.warehouse_id);
    if (!seen || depth > seen.depth) reach.set(r.warehouse_id, { warehouseId: r.warehouse_id, kind: r.kind, operatorOrgId: r.operator_org_id, code: r.code, transitDays: r.transit_days, depth });
    const quant = { warehouseId: r.warehouse_id, productId: r.product_id, locationId: r.location_id, lotId: r.lot_id, ownerOrgId: r.owner_org_id, available: r.available };
    quants.set(quantKey(quant), quant);
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
