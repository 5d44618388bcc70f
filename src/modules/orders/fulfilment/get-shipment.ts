import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { orderScope, visibleLines } from '../access.ts';
import { ShipmentDto, toShipmentDto } from '../dto.ts';
import { orderLine, partsOrder, shipment, shipmentEvent } from '../tables.ts';

export const ShipmentDetailDto = ShipmentDto.extend({
  orderId: z.uuid(),
  orderNo: z.string(),
  lineIds: z.array(z.uuid()),
  events: z.array(z.object({ id: z.uuid(), type: z.string(), at: z.string(), location: z.string().nullable(), note: z.string().nullable() })),
}).meta({ id: 'ShipmentDetail' });
export type ShipmentDetailDto = z.infer<typeof ShipmentDetailDto>;

// One shipment with its tracking events, for every party of its order.
export async function getShipment(db: Executor, ctx: Ctx, id: string): Promise<ShipmentDetailDto> {
  requirePermission(ctx.actor, 'orders.read');
  const [found] = await db
    .select({ shipment, orderNo: partsOrder.orderNo, order: partsOrder })
    .from(shipment)
    .innerJoin(partsOrder, eq(partsOrder.id, shipment.orderId))
    .where(and(orderScope(db, ctx.actor), eq(shipment.id, id)));
  if (!found) throw new AppError('not_found', { what: 'shipment' });
  const lines = await db
    .select({ id: orderLine.id, supplierOrgId: orderLine.supplierOrgId, shipperOrgId: orderLine.shipperOrgId })
    .from(orderLine)
    .where(eq(orderLine.shipmentId, id))
    .orderBy(asc(orderLine.lineNo));
  // A supplier or warehouse of the order sees only the shipments carrying its lines, as it sees
  // only its lines of the order.
  if (visibleLines(ctx.actor, found.order, lines).lines.length === 0) throw new AppError('not_found', { what: 'shipment' });
  const events = await db.select().from(shipmentEvent).where(eq(shipmentEvent.shipmentId, id)).orderBy(asc(shipmentEvent.at)).limit(200);
  return {
    ...toShipmentDto(found.shipment, chinaDate(ctx.now)),
    orderId: found.shipment.orderId,
    orderNo: found.orderNo,
    lineIds: lines.map((l) => l.id),
    events: events.map((e) => ({ id: e.id, type: e.type, at: e.at.toISOString(), location: e.location, note: e.note })),
  };
}

export const ListShipmentsQuery = z.strictObject({
  status: z.enum(['open', 'shipped', 'delivered', 'cancelled']).optional(),
  warehouseId: z.uuid().optional(),
  ...pageQuery,
});
export type ListShipmentsQuery = z.infer<typeof ListShipmentsQuery>;

// A shipper's worklist: the shipments its organisation sends (the platform: all), newest first.
export async function listShipments(db: Executor, ctx: Ctx, query: ListShipmentsQuery): Promise<Page<ShipmentDto & { orderId: string; orderNo: string }>> {
  requirePermission(ctx.actor, 'fulfilment.manage');
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select({ shipment, orderNo: partsOrder.orderNo })
    .from(shipment)
    .innerJoin(partsOrder, eq(partsOrder.id, shipment.orderId))
    .where(
      and(
        isPlatform(ctx.actor) ? undefined : eq(shipment.shipperOrgId, ctx.actor.orgId),
        query.status ? eq(shipment.status, query.status) : undefined,
        query.warehouseId ? eq(shipment.warehouseId, query.warehouseId) : undefined,
        before ? lt(shipment.id, before) : undefined,
      ),
    )
    .orderBy(desc(shipment.id))
    .limit(query.limit + 1);
  const today = chinaDate(ctx.now);
  return toPage(
    rows.map((r) => ({ id: r.shipment.id, row: r })),
    query.limit,
    ({ row }) => ({ ...toShipmentDto(row.shipment, today), orderId: row.shipment.orderId, orderNo: row.orderNo }),
  );
}
