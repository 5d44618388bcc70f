import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import { queryRows, type Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { MAX_PAGE_LIMIT } from '../../../platform/pagination.ts';
import { stockScope } from './list-stock.ts';

export const StockPositionsQuery = z.strictObject({
  productId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  // Leave out positions with nothing on hand and nothing on its way.
  inStockOnly: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(50),
  cursor: z.string().max(200).optional(),
});
export type StockPositionsQuery = z.infer<typeof StockPositionsQuery>;

export const StockPositionDto = z
  .object({
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    productId: z.uuid(),
    sku: z.string(),
    productName: z.string(),
    supplierOrgId: z.uuid(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    // On its way to the warehouse (在途/已订购): ordered from suppliers and not yet received, plus
    // transfers from other warehouses still in transit. Not yet available, not yet reservable.
    incoming: z.number().int(),
    incomingPurchase: z.number().int(),
    incomingTransfer: z.number().int(),
    // The earliest day a purchase order line of it is due (a transfer's day is not known).
    nextExpectedDate: z.string().nullable(),
  })
  .meta({ id: 'StockPosition' });
export type StockPositionDto = z.infer<typeof StockPositionDto>;

type Row = {
  warehouse_id: string;
  warehouse_code: string;
  product_id: string;
  sku: string;
  product_name: string;
  supplier_org_id: string;
  on_hand: number;
  reserved: number;
  incoming_purchase: number;
  incoming_transfer: number;
  next_expected: string | null;
};

const KEY = /^[0-9a-f-]{36}\|[0-9a-f-]{36}$/;
function decodeKey(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!KEY.test(raw)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);
  return raw.split('|') as [string, string];
}

// Stock per warehouse and product, with what is on its way there beside what is on hand and
// reserved: the stock API's summary (the lot-by-lot list is listStock). Incoming is the purchase
// orders' (stock_incoming, kept by purchasing) and the transfers' in transit to the warehouse (the
// quants at each transfer's own transit location). Scoped like the lot list: an operator its
// warehouses, a supplier its products, the platform all. Keyset-paginated by (warehouse, product).
export async function listStockPositions(db: Executor, ctx: Ctx, query: StockPositionsQuery): Promise<{ items: StockPositionDto[]; nextCursor: string | null }> {
  requirePermission(ctx.actor, 'stock.read');
  const after = decodeKey(query.cursor);
  // The same filters in each branch, so that each reads only its part.
  const narrow = (w: SQL, p: SQL) =>
    sql.join(
      [
        query.warehouseId ? sql` and ${w} = ${query.warehouseId}::uuid` : sql``,
        query.productId ? sql` and ${p} = ${query.productId}::uuid` : sql``,
        after ? sql` and (${w}, ${p}) >= (${after[0]}::uuid, ${after[1]}::uuid)` : sql``,
      ],
      sql``,
    );
  const rows = await queryRows<Row>(
    db,
    sql`select k.warehouse_id, warehouse.code as warehouse_code, k.product_id, product.sku, product.name as product_name, product.supplier_org_id,
          sum(k.on_hand)::int as on_hand, sum(k.reserved)::int as reserved,
          sum(k.purchase)::int as incoming_purchase, sum(k.transfer)::int as incoming_transfer, min(k.expected)::text as next_expected
        from (
          select l.warehouse_id, q.product_id, q.on_hand, q.reserved, 0 as purchase, 0 as transfer, null::date as expected
            from stock_quant q join stock_location l on l.id = q.location_id
            where l.warehouse_id is not null${narrow(sql`l.warehouse_id`, sql`q.product_id`)}
          union all
          select i.warehouse_id, i.product_id, 0, 0, i.qty, 0, i.expected_date
            from stock_incoming i
            where true${narrow(sql`i.warehouse_id`, sql`i.product_id`)}
          union all
          select t.to_warehouse_id, q.product_id, 0, 0, 0, q.on_hand, null
            from stock_transfer t join stock_quant q on q.location_id = t.id
            where t.status = 'in_transit'${narrow(sql`t.to_warehouse_id`, sql`q.product_id`)}
        ) k
        join warehouse on warehouse.id = k.warehouse_id
        join product on product.id = k.product_id
        where ${stockScope(ctx.actor) ?? sql`true`}${after ? sql` and (k.warehouse_id, k.product_id) > (${after[0]}::uuid, ${after[1]}::uuid)` : sql``}
        group by k.warehouse_id, warehouse.code, k.product_id, product.sku, product.name, product.supplier_org_id
        ${query.inStockOnly === 'true' ? sql`having sum(k.on_hand) > 0 or sum(k.purchase) > 0 or sum(k.transfer) > 0` : sql``}
        order by k.warehouse_id, k.product_id
        limit ${query.limit + 1}`,
  );
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map((r) => ({
      warehouseId: r.warehouse_id,
      warehouseCode: r.warehouse_code,
      productId: r.product_id,
      sku: r.sku,
      productName: r.product_name,
      supplierOrgId: r.supplier_org_id,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: r.on_hand - r.reserved,
      incoming: r.incoming_purchase + r.incoming_transfer,
      incomingPurchase: r.incoming_purchase,
      incomingTransfer: r.incoming_transfer,
      nextExpectedDate: r.next_expected,
    })),
    nextCursor: more && last ? Buffer.from(`${last.warehouse_id}|${last.product_id}`, 'utf8').toString('base64url') : null,
  };
}
