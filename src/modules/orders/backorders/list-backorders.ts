import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission, type Actor } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { stockDemand, warehouse } from '../../inventory/index.ts';
import { orderLine, partsOrder } from '../tables.ts';

export const ListBackordersQuery = z.strictObject({
  ...pageQuery,
  // open: waiting for goods on their way; unsourced: what was bringing them failed, someone must act.
  status: z.enum(['open', 'unsourced', 'filled', 'cancelled']).optional(),
  warehouseId: z.uuid().optional(),
});
export type ListBackordersQuery = z.infer<typeof ListBackordersQuery>;

export const BackorderDto = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'unsourced', 'filled', 'cancelled']),
    orderId: z.uuid(),
    orderNo: z.string(),
    orderLineId: z.uuid(),
    lineNo: z.number().int(),
    lineStatus: z.string(),
    productId: z.uuid(),
    qty: z.number().int(),
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    // What brings the goods: a transfer or a purchase order (its id), none when unsourced.
    source: z.enum(['transfer', 'purchase']),
    sourceDocumentId: z.uuid().nullable(),
    etaDate: z.string(),
    createdAt: z.string(),
    filledAt: z.string().nullable(),
  })
  .meta({ id: 'Backorder' });
export type BackorderDto = z.infer<typeof BackorderDto>;

// Who sees a backorder: the platform all; a warehouse's operator those waiting at its warehouses;
// an order's payer and buyer their own orders' lines.
function backorderScope(actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  return or(eq(warehouse.operatorOrgId, actor.orgId), eq(partsOrder.payerOrgId, actor.orgId), eq(partsOrder.buyerOrgId, actor.orgId));
}

// The backorders worklist (缺货待补), newest first: which order lines wait for goods, where, brought
// by what, promised for when, and those whose source failed (status unsourced) for someone to act on.
export async function listBackorders(db: Executor, ctx: Ctx, query: ListBackordersQuery): Promise<Page<BackorderDto>> {
  requirePermission(ctx.actor, 'orders.read');
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select({ d: stockDemand, orderNo: partsOrder.orderNo, orderId: partsOrder.id, lineNo: orderLine.lineNo, lineStatus: orderLine.status, warehouseCode: warehouse.code })
    .from(stockDemand)
    .innerJoin(orderLine, eq(orderLine.id, stockDemand.orderLineId))
    .innerJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
    .innerJoin(warehouse, eq(warehouse.id, stockDemand.warehouseId))
    .where(
      and(
        backorderScope(ctx.actor),
        query.status ? eq(stockDemand.status, query.status) : undefined,
        query.warehouseId ? eq(stockDemand.warehouseId, query.warehouseId) : undefined,
        before ? lt(stockDemand.id, before) : undefined,
      ),
    )
    .orderBy(desc(stockDemand.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, id: r.d.id })),
    query.limit,
    (r) => ({
      id: r.d.id,
      status: r.d.status,
      orderId: r.orderId,
      orderNo: r.orderNo,
      orderLineId: r.d.orderLineId,
      lineNo: r.lineNo,
      lineStatus: r.lineStatus,
      productId: r.d.productId,
      qty: r.d.qty,
      warehouseId: r.d.warehouseId,
      warehouseCode: r.warehouseCode,
      source: r.d.source,
      sourceDocumentId: r.d.sourceDocumentId,
      etaDate: r.d.etaDate,
      createdAt: r.d.createdAt.toISOString(),
      filledAt: r.d.filledAt?.toISOString() ?? null,
    }),
  );
}
