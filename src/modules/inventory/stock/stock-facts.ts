import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../platform/db.ts';

// What replenishment needs to know of some products at one warehouse, all of it inventory's own
// data: what is there (on hand, reserved, available in lots not under recall), what is on its way
// (purchase orders' incoming, transfers in transit), the backorders waiting there, and what left it
// for orders since a day (reservations posted from its stock location: goods shipped to shops).
export type StockFacts = {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  incomingPurchase: number;
  incomingTransfer: number;
  backorders: number;
  outflow: number;
};

// A warehouse's rules are a few hundred products at most; the callers batch above this.
export const MAX_FACT_PRODUCTS = 1000;

type Row = { product_id: string; on_hand: number; reserved: number; available: number; incoming_purchase: number; incoming_transfer: number; backorders: number; outflow: number };

// One statement, each figure from its own indexed read: quants by location, incoming and
// backorders by warehouse, transit quants by the transfers into the warehouse, and the outflow by
// the products' lots (stock_move is indexed by lot, not by location or product).
export async function stockFacts(exec: Executor, input: { warehouseId: string; stockLocationId: string; productIds: readonly string[]; outflowSince: Date }): Promise<Map<string, StockFacts>> {
  const products = [...new Set(input.productIds)];
  if (products.length > MAX_FACT_PRODUCTS) throw new Error(`stockFacts: ${products.length} products, at most ${MAX_FACT_PRODUCTS}`);
  const out = new Map<string, StockFacts>();
  if (products.length === 0) return out;
  // One array parameter (drizzle would spread a bare array into a list).
  const ids = sql.param(products);
  const rows = await queryRows<Row>(
    exec,
    sql`with p(product_id) as (select unnest(${ids}::uuid[])),
        q as (
          select q.product_id, sum(q.on_hand) as on_hand, sum(q.reserved) as reserved,
                 sum(case when l.recalled_at is null then q.on_hand - q.reserved else 0 end) as available
            from stock_quant q join stock_lot l on l.id = q.lot_id
            where q.location_id = ${input.stockLocationId}::uuid and q.product_id = any(${ids}::uuid[])
            group by q.product_id),
        i as (
          select product_id, sum(qty) as qty from stock_incoming
            where warehouse_id = ${input.warehouseId}::uuid and product_id = any(${ids}::uuid[])
            group by product_id),
        t as (
          select q.product_id, sum(q.on_hand) as qty
            from stock_transfer t join stock_quant q on q.location_id = t.id
            where t.to_warehouse_id = ${input.warehouseId}::uuid and t.status = 'in_transit' and q.product_id = any(${ids}::uuid[])
            group by q.product_id),
        d as (
          select product_id, sum(qty) as qty from stock_demand
            where warehouse_id = ${input.warehouseId}::uuid and status = 'open' and product_id = any(${ids}::uuid[])
            group by product_id),
        o as (
          select m.product_id, sum(m.qty) as qty
            from stock_move m
            where m.lot_id in (select id from stock_lot where product_id = any(${ids}::uuid[]))
              and m.kind = 'order' and m.phase = 'post' and m.from_location_id = ${input.stockLocationId}::uuid
              and m.at >= ${input.outflowSince.toISOString()}::timestamptz
            group by m.product_id)
        select p.product_id,
               coalesce(q.on_hand, 0)::int as on_hand, coalesce(q.reserved, 0)::int as reserved, coalesce(q.available, 0)::int as available,
               coalesce(i.qty, 0)::int as incoming_purchase, coalesce(t.qty, 0)::int as incoming_transfer,
               coalesce(d.qty, 0)::int as backorders, coalesce(o.qty, 0)::int as outflow
          from p
          left join q on q.product_id = p.product_id
          left join i on i.product_id = p.product_id
          left join t on t.product_id = p.product_id
          left join d on d.product_id = p.product_id
          left join o on o.product_id = p.product_id`,
  );
  for (const r of rows) {
    out.set(r.product_id, {
      productId: r.product_id,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: r.available,
      incomingPurchase: r.incoming_purchase,
      incomingTransfer: r.incoming_transfer,
      backorders: r.backorders,
      outflow: r.outflow,
    });
  }
  return out;
}
