import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission, type Actor } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { MAX_PAGE_LIMIT } from '../../../platform/pagination.ts';
import { product } from '../../catalog/index.ts';
import { stockLocation, stockLot, stockQuant, warehouse } from '../tables.ts';

export const ListStockQuery = z.strictObject({
  productId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  lotNo: z.string().trim().min(1).max(60).optional(),
  // Leave out quants that are empty (everything shipped or counted away).
  inStockOnly: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(50),
  cursor: z.string().max(400).optional(),
});
export type ListStockQuery = z.infer<typeof ListStockQuery>;

export const StockRowDto = z
  .object({
    productId: z.uuid(),
    sku: z.string(),
    productName: z.string(),
    grade: z.string(),
    supplierOrgId: z.uuid(),
    warehouseId: z.uuid().nullable(),
    warehouseCode: z.string().nullable(),
    locationId: z.uuid(),
    locationName: z.string(),
    lotId: z.uuid(),
    lotNo: z.string(),
    ownerOrgId: z.uuid(),
    consignment: z.boolean(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
  })
  .meta({ id: 'StockRow' });
export type StockRowDto = z.infer<typeof StockRowDto>;

// Who sees which stock: an operator the stock in its warehouses, a supplier the stock of its own
// products wherever it lies (its consignment in the platform's warehouses, its own warehouse), the
// platform everything. Insurers and shops see none: they see what their orders reserved.
export function stockScope(actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  if (actor.orgKind === 'operator') return eq(warehouse.operatorOrgId, actor.orgId);
  if (actor.orgKind === 'supplier') return eq(product.supplierOrgId, actor.orgId);
  return sql`false`;
}

// The cursor is the last row's key (product, location, lot, owner), base64url-encoded.
const KEY = /^[0-9a-f-]{36}(\|[0-9a-f-]{36}){3}$/;
function decodeKey(cursor: string | undefined): string[] | undefined {
  if (!cursor) return undefined;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!KEY.test(raw)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);
  return raw.split('|');
}

// Stock by product, warehouse, lot and owner: on hand, reserved, available. Keyset-paginated in
// key order.
export async function listStock(db: Executor, ctx: Ctx, query: ListStockQuery): Promise<{ items: StockRowDto[]; nextCursor: string | null }> {
  requirePermission(ctx.actor, 'stock.read');
  const after = decodeKey(query.cursor);
  const rows = await db
    .select({
      productId: stockQuant.productId,
      sku: product.sku,
      productName: product.name,
      grade: product.grade,
      supplierOrgId: product.supplierOrgId,
      warehouseId: warehouse.id,
      warehouseCode: warehouse.code,
      warehouseOperatorOrgId: warehouse.operatorOrgId,
      locationId: stockQuant.locationId,
      locationName: stockLocation.name,
      lotId: stockQuant.lotId,
      lotNo: stockLot.lotNo,
      ownerOrgId: stockQuant.ownerOrgId,
      onHand: stockQuant.onHand,
      reserved: stockQuant.reserved,
    })
    .from(stockQuant)
    .innerJoin(product, eq(product.id, stockQuant.productId))
    .innerJoin(stockLot, eq(stockLot.id, stockQuant.lotId))
    .innerJoin(stockLocation, eq(stockLocation.id, stockQuant.locationId))
    .leftJoin(warehouse, eq(warehouse.id, stockLocation.warehouseId))
    .where(
      and(
        stockScope(ctx.actor),
        query.productId ? eq(stockQuant.productId, query.productId) : undefined,
        query.warehouseId ? eq(warehouse.id, query.warehouseId) : undefined,
        query.lotNo ? eq(stockLot.lotNo, query.lotNo) : undefined,
        query.inStockOnly === 'true' ? gt(stockQuant.onHand, 0) : undefined,
        after
          ? sql`(${stockQuant.productId}, ${stockQuant.locationId}, ${stockQuant.lotId}, ${stockQuant.ownerOrgId}) > (${after[0]}::uuid, ${after[1]}::uuid, ${after[2]}::uuid, ${after[3]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(({ warehouseOperatorOrgId, ...r }) => ({
      ...r,
      consignment: warehouseOperatorOrgId !== null && r.ownerOrgId !== warehouseOperatorOrgId,
      available: r.onHand - r.reserved,
    })),
    nextCursor: more && last ? Buffer.from([last.productId, last.locationId, last.lotId, last.ownerOrgId].join('|'), 'utf8').toString('base64url') : null,
  };
}
