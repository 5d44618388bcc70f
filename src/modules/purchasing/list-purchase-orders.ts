import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { findPurchaseOrder, purchaseOrderScope } from './access.ts';
import { toPurchaseOrderDtos, type PurchaseOrderDto, type PurchaseOrderSummaryDto } from './dto.ts';
import { purchaseOrder } from './tables.ts';

export const ListPurchaseOrdersQuery = z.strictObject({
  status: z.enum(['draft', 'sent', 'confirmed', 'refused', 'partially_received', 'received', 'cancelled']).optional(),
  supplierOrgId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  origin: z.enum(['manual', 'backorder', 'replenishment']).optional(),
  ...pageQuery,
});
export type ListPurchaseOrdersQuery = z.infer<typeof ListPurchaseOrdersQuery>;

// The purchase orders the caller may see (access.ts), newest first, filtered.
export async function listPurchaseOrders(db: Executor, ctx: Ctx, query: ListPurchaseOrdersQuery): Promise<Page<PurchaseOrderSummaryDto>> {
  requirePermission(ctx.actor, 'purchasing.read');
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select()
    .from(purchaseOrder)
    .where(
      and(
        purchaseOrderScope(ctx.actor),
        query.status ? eq(purchaseOrder.status, query.status) : undefined,
        query.supplierOrgId ? eq(purchaseOrder.supplierOrgId, query.supplierOrgId) : undefined,
        query.warehouseId ? eq(purchaseOrder.warehouseId, query.warehouseId) : undefined,
        query.origin ? eq(purchaseOrder.origin, query.origin) : undefined,
        before ? lt(purchaseOrder.id, before) : undefined,
      ),
    )
    .orderBy(desc(purchaseOrder.id))
    .limit(query.limit + 1);
  const dtos = new Map((await toPurchaseOrderDtos(db, rows.slice(0, query.limit), false)).map((d) => [d.id, d]));
  return toPage(rows, query.limit, (r) => dtos.get(r.id)!);
}

// One purchase order with its lines, history and receipts.
export async function getPurchaseOrder(db: Executor, ctx: Ctx, id: string): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.read');
  const [dto] = await toPurchaseOrderDtos(db, [await findPurchaseOrder(db, ctx.actor, id)], true);
  return dto!;
}
