import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { executePrepared } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { bulkInsert } from '../../../platform/bulk-insert.ts';
import { stmt, type Stmt } from '../../../platform/stmt.ts';
import { applyMoves, type NewMove } from '../apply-moves.ts';
import { virtualLocations } from '../locations.ts';
import { stockDemand, stockLot, stockQuant, warehouse, type DemandSource, type DemandStatus } from '../tables.ts';

// Backorders as inventory keeps them (stock_demand): written when an order is placed, filled when
// goods arrive at their warehouse, cancelled with their order line, marked unsourced when what was
// bringing the goods failed.

export type NewDemand = { orderLineId: string; warehouseId: string; productId: string; qty: number; source: DemandSource; sourceDocumentId: string | null; etaDate: string };

export function demandRows(demands: readonly NewDemand[], at: Date, status: DemandStatus = 'open') {
  return demands.map((d) => ({ id: newId(), ...d, status, createdAt: at, updatedAt: at, filledAt: null }));
}

// The backorders of an order being placed, as one statement for the order's single write.
export function demandsInsert(demands: readonly NewDemand[], at: Date): Stmt {
  return bulkInsert(stockDemand, demandRows(demands, at, 'open'));
}

// Lines sourced again (their lot was recalled) wait anew: a line's earlier, finished backorder row
// gives way (one row per line), and each gets an open one, or an unsourced one when nothing can
// source it now. Returns the new rows' ids in input order.
export async function reopenDemands(tx: Tx, demands: readonly (NewDemand & { status: 'open' | 'unsourced' })[], at: Date): Promise<string[]> {
  if (demands.length === 0) return [];
  await tx.delete(stockDemand).where(
    and(
      inArray(
        stockDemand.orderLineId,
        demands.map((d) => d.orderLineId),
      ),
      inArray(stockDemand.status, ['filled', 'cancelled']),
    ),
  );
  const rows = demands.map(({ status, ...d }) => demandRows([d], at, status)[0]!);
  await tx.insert(stockDemand).values(rows);
  return rows.map((r) => r.id);
}

// What became of filled demands: the order lines now reserved, with their reservations.
export type FilledDemand = { demandId: string; orderLineId: string; warehouseId: string; productId: string; qty: number; moveIds: string[] };

// The orders module is told when its backordered lines are reserved, in the same transaction, so
// the line moves awaiting_stock → reserved with the stock. Inventory cannot import orders (orders
// imports inventory), so orders registers itself here when it is loaded; goods arriving with no
// listener would reserve stock for lines nobody moves on, so that is refused loudly.
export type DemandsFilledListener = (tx: Tx, ctx: Ctx, filled: readonly FilledDemand[]) => Promise<void>;
let listener: DemandsFilledListener | null = null;

export function onDemandsFilled(l: DemandsFilledListener): void {
  listener = l;
}

// Likewise when what was bringing the goods failed (a supplier refused the purchase order's line,
// a purchase order was cancelled): orders re-sources the lines or surfaces them to the platform.
export type UnsourcedDemand = { demandId: string; orderLineId: string; warehouseId: string; productId: string; qty: number; why: string };
export type DemandsUnsourcedListener = (tx: Tx, ctx: Ctx, unsourced: readonly UnsourcedDemand[]) => Promise<void>;
let unsourcedListener: DemandsUnsourcedListener | null = null;

export function onDemandsUnsourced(l: DemandsUnsourcedListener): void {
  unsourcedListener = l;
}

// Marks the open demands a document was bringing goods for (of the given products, or all) as
// unsourced, and tells orders. Returns them.
export async function unsourceDemands(tx: Tx, ctx: Ctx, input: { documentId: string; productIds?: readonly string[]; why: string }): Promise<UnsourcedDemand[]> {
  const open = (await demandsOfDocument(tx, input.documentId)).filter((d) => !input.productIds || input.productIds.includes(d.productId));
  if (open.length === 0) return [];
  await tx
    .update(stockDemand)
    .set({ status: 'unsourced', updatedAt: ctx.now })
    .where(
      inArray(
        stockDemand.id,
        open.map((d) => d.id),
      ),
    );
  const out = open.map((d) => ({ demandId: d.id, orderLineId: d.orderLineId, warehouseId: d.warehouseId, productId: d.productId, qty: d.qty, why: input.why }));
  if (!unsourcedListener) throw new Error('unsourceDemands: no listener for unsourced backorders (the orders module is not loaded)');
  await unsourcedListener(tx, ctx, out);
  return out;
}

// Stock set free at warehouses (a cancelled order's reservations, a return restocked) goes to
// their open backorders of those products as arriving goods do, so it never sits free while a line
// waits for the next receipt. The warehouses are taken in id order.
export async function fillDemandsWhereFreed(tx: Tx, ctx: Ctx, freed: readonly { warehouseId: string; productId: string }[]): Promise<FilledDemand[]> {
  if (freed.length === 0) return [];
  const warehouses = await tx
    .select({ id: warehouse.id, stockLocationId: warehouse.stockLocationId })
    .from(warehouse)
    .where(inArray(warehouse.id, [...new Set(freed.map((f) => f.warehouseId))]))
    .orderBy(asc(warehouse.id));
  const filled: FilledDemand[] = [];
  for (const w of warehouses)
    filled.push(
      ...(await fillDemands(
        tx,
        ctx,
        w,
        freed.filter((f) => f.warehouseId === w.id).map((f) => f.productId),
      )),
    );
  return filled;
}

type OpenDemand = { id: string; order_line_id: string; product_id: string; qty: number };
type FreeQuant = { product_id: string; location_id: string; lot_id: string; owner_org_id: string; available: number };

// Reserves what is now available at a warehouse for its open backorders of the given products,
// oldest first, each line whole or not at all (a line the stock cannot cover waits, and a younger,
// smaller one may be served). The demands, then the quants, are locked in key order; a demand
// filled by a concurrent arrival is found filled. Call it after goods arrive: a receipt, a
// transfer received (fillDemandsWhereFreed for stock set free).
export async function fillDemands(tx: Tx, ctx: Ctx, warehouse: { id: string; stockLocationId: string }, productIds: readonly string[]): Promise<FilledDemand[]> {
  const products = [...new Set(productIds)];
  if (products.length === 0) return [];
  const open = await executePrepared<OpenDemand>(tx, openDemandsStmt(warehouse.id, products));
  if (open.length === 0) return [];
  const quants = await executePrepared<FreeQuant>(tx, freeQuantsStmt(warehouse.stockLocationId, [...new Set(open.map((d) => d.product_id))]));
  const planned = planFills(open, quants);
  if (planned.length === 0) return [];
  const moves: NewMove[] = [];
  const owner: number[] = [];
  planned.forEach((p, i) => {
    for (const a of p.allocations) {
      moves.push({
        phase: 'pending',
        kind: 'order',
        productId: p.demand.product_id,
        lotId: a.lot_id,
        ownerOrgId: a.owner_org_id,
        qty: a.qty,
        fromLocationId: a.location_id,
        toLocationId: virtualLocations.customer.id,
        orderLineId: p.demand.order_line_id,
      });
      owner.push(i);
    }
  });
  const ids = await applyMoves(tx, moves, ctx.now);
  await tx
    .update(stockDemand)
    .set({ status: 'filled', filledAt: ctx.now, updatedAt: ctx.now })
    .where(
      inArray(
        stockDemand.id,
        planned.map((p) => p.demand.id),
      ),
    );
  const filled = planned.map((p, i) => ({
    demandId: p.demand.id,
    orderLineId: p.demand.order_line_id,
    warehouseId: warehouse.id,
    productId: p.demand.product_id,
    qty: p.demand.qty,
    moveIds: ids.filter((_, j) => owner[j] === i),
  }));
  if (!listener) throw new Error('fillDemands: no listener for filled backorders (the orders module is not loaded)');
  await listener(tx, ctx, filled);
  return filled;
}

// fillDemands's statements (exported for the test that prepares every named statement): a
// warehouse's open demands of the products, and the free quants of the products at its stock
// location (lots under recall left out), both locked in key order.
export function openDemandsStmt(warehouseId: string, productIds: readonly string[]): Stmt {
  return stmt`select ${stockDemand.id} as id, ${stockDemand.orderLineId} as order_line_id, ${stockDemand.productId} as product_id, ${stockDemand.qty} as qty
      from ${stockDemand}
      where ${stockDemand.warehouseId} = ${warehouseId} and ${stockDemand.productId} = any(${productIds}::uuid[]) and ${stockDemand.status} = 'open'
      order by ${stockDemand.id} for update`;
}

export function freeQuantsStmt(locationId: string, productIds: readonly string[]): Stmt {
  const q = stockQuant;
  return stmt`select ${q.productId} as product_id, ${q.locationId} as location_id, ${q.lotId} as lot_id, ${q.ownerOrgId} as owner_org_id, (${q.onHand} - ${q.reserved})::int as available
      from ${q} join ${stockLot} on ${stockLot.id} = ${q.lotId} and ${stockLot.recalledAt} is null
      where ${q.locationId} = ${locationId} and ${q.productId} = any(${productIds}::uuid[]) and ${q.onHand} > ${q.reserved}
      order by ${q.productId}, ${q.locationId}, ${q.lotId}, ${q.ownerOrgId}
      for update of ${q}`;
}

type Fill = { demand: OpenDemand; allocations: { location_id: string; lot_id: string; owner_org_id: string; qty: number }[] };

// Pure: which demands the free quants fill, oldest demand first (ids are UUIDv7), oldest lot first.
export function planFills(demands: readonly OpenDemand[], quants: readonly FreeQuant[]): Fill[] {
  const left = quants.map((q) => ({ ...q })).sort((a, b) => (a.lot_id < b.lot_id ? -1 : a.lot_id > b.lot_id ? 1 : 0));
  const out: Fill[] = [];
  for (const d of [...demands].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const mine = left.filter((q) => q.product_id === d.product_id && q.available > 0);
    if (mine.reduce((n, q) => n + q.available, 0) < d.qty) continue;
    let need = d.qty;
    const allocations: Fill['allocations'] = [];
    for (const q of mine) {
      if (need === 0) break;
      const n = Math.min(need, q.available);
      q.available -= n;
      need -= n;
      allocations.push({ location_id: q.location_id, lot_id: q.lot_id, owner_org_id: q.owner_org_id, qty: n });
    }
    out.push({ demand: d, allocations });
  }
  return out;
}

// Demands of order lines being cancelled: they no longer claim incoming goods. Returns those that
// were open.
export async function cancelDemands(tx: Tx, ctx: Ctx, orderLineIds: readonly string[]): Promise<string[]> {
  if (orderLineIds.length === 0) return [];
  const rows = await tx
    .update(stockDemand)
    .set({ status: 'cancelled', updatedAt: ctx.now })
    .where(and(inArray(stockDemand.orderLineId, [...orderLineIds]), inArray(stockDemand.status, ['open', 'unsourced'])))
    .returning({ id: stockDemand.id });
  return rows.map((r) => r.id);
}

// The open demands a source document (a purchase order, a transfer) was bringing goods for, locked,
// oldest first: when it fails, they must be re-sourced or surfaced, never silently left waiting.
export async function demandsOfDocument(tx: Tx, documentId: string) {
  return tx
    .select()
    .from(stockDemand)
    .where(and(eq(stockDemand.sourceDocumentId, documentId), eq(stockDemand.status, 'open')))
    .orderBy(asc(stockDemand.id))
    .for('update');
}
