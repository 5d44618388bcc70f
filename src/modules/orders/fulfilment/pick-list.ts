import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { mayActFor, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { product } from '../../catalog/index.ts';
import { findWarehouse, reservedLots } from '../../inventory/index.ts';
import { orderLine, partsOrder, shipment } from '../tables.ts';

export const PickListDto = z
  .object({
    warehouseId: z.uuid(),
    items: z.array(
      z.object({
        shipmentId: z.uuid(),
        orderId: z.uuid(),
        orderNo: z.string(),
        orderLineId: z.uuid(),
        lineNo: z.number().int(),
        productId: z.uuid(),
        sku: z.string(),
        productName: z.string(),
        grade: z.string(),
        qty: z.number().int(),
        status: z.string(),
        etaDate: z.string(),
        // The lots reserved for the line and how many of each: the picker takes units of these.
        lots: z.array(z.object({ lotId: z.uuid(), lotNo: z.string(), qty: z.number().int() })),
        traceCodeRequired: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PickList' });
export type PickListDto = z.infer<typeof PickListDto>;

const MAX_PICK_LINES = 500;

// The pick list (拣货单) of a warehouse: the lines of its open shipments still to pick, soonest ETA
// first, each with the lots reserved for it. For the warehouse's operator (or the supplier, for its
// own drop-ship stock); other warehouses are not found.
export async function pickList(db: Executor, ctx: Ctx, warehouseId: string): Promise<PickListDto> {
  requirePermission(ctx.actor, 'fulfilment.manage');
  // Seeing a warehouse (the platform's are public) is not running it: 404 for what the caller
  // cannot see, 403 for a warehouse it sees but another organisation runs.
  const w = await findWarehouse(db, ctx.actor, warehouseId);
  if (!mayActFor(ctx.actor, w.operatorOrgId)) throw new AppError('forbidden', { permission: 'fulfilment.manage' });
  const rows = await db
    .select({
      shipmentId: shipment.id,
      orderId: partsOrder.id,
      orderNo: partsOrder.orderNo,
      orderLineId: orderLine.id,
      lineNo: orderLine.lineNo,
      productId: orderLine.productId,
      sku: product.sku,
      productName: product.name,
      grade: orderLine.grade,
      qty: orderLine.qty,
      status: orderLine.status,
      etaDate: shipment.etaDate,
    })
    .from(orderLine)
    .innerJoin(shipment, eq(shipment.id, orderLine.shipmentId))
    .innerJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
    .innerJoin(product, eq(product.id, orderLine.productId))
    .where(and(eq(shipment.warehouseId, w.id), eq(shipment.status, 'open'), eq(orderLine.status, 'reserved')))
    .orderBy(asc(shipment.etaDate), asc(partsOrder.id), asc(orderLine.lineNo))
    .limit(MAX_PICK_LINES);
  const lineIds = rows.map((r) => r.orderLineId);
  const lots = await reservedLots(db, lineIds);
  return {
    warehouseId: w.id,
    items: rows.map((r) => ({
      ...r,
      lots: lots.filter((l) => l.orderLineId === r.orderLineId).map((l) => ({ lotId: l.lotId, lotNo: l.lotNo, qty: l.qty })),
      traceCodeRequired: r.grade === 'certified',
    })),
  };
}
