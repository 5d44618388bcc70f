import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { shipmentTransition } from './shipment-lifecycle.ts';
import { scanUnitsForLines, traceCodeField } from '../../inventory/index.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import type { OrderDto } from '../dto.ts';
import { getOrder } from '../get-order.ts';
import { orderLine } from '../tables.ts';
import { findShipmentToWork } from './find-shipment.ts';
import { noRepeatedLines } from '../schemas.ts';

export const PackInput = z
  .strictObject({
    lines: z
      .array(z.strictObject({ orderLineId: z.uuid(), traceCodes: z.array(traceCodeField).max(999).optional() }))
      .min(1)
      .max(200)
      .superRefine(noRepeatedLines),
  })
  .meta({ id: 'PackShipmentInput' });
export type PackInput = z.infer<typeof PackInput>;

// Pick and pack (拣货/打包) by scanning: the picker scans each line's product and, for certified
// parts, every unit's trace code, checked and tied to the line by inventory (scanUnitsForLines);
// every problem is reported at once and nothing is picked unless everything fits. The lines then
// move reserved → picked.
export async function packShipment(tx: Tx, ctx: Ctx, shipmentId: string, input: PackInput): Promise<OrderDto> {
  const { shipment, order } = await findShipmentToWork(tx, ctx.actor, shipmentId);
  if (!shipmentTransition(shipment.status, 'pack').ok) throw new AppError('invalid_state', { what: 'shipment', state: shipment.status });
  const ids = input.lines.map((l) => l.orderLineId);
  const lines = await tx
    .select()
    .from(orderLine)
    .where(and(eq(orderLine.shipmentId, shipment.id), inArray(orderLine.id, ids)))
    .orderBy(asc(orderLine.id))
    .for('update');
  const unknown = input.lines.findIndex((l) => !lines.some((x) => x.id === l.orderLineId));
  if (unknown >= 0) throw new AppError('validation_failed', { count: 1 }, [{ path: `lines.${unknown}.orderLineId`, in: 'body', code: 'line_not_in_shipment' }]);
  await scanUnitsForLines(
    tx,
    shipment.warehouseId,
    input.lines.map((l, i) => {
      const line = lines.find((x) => x.id === l.orderLineId)!;
      return { orderLineId: line.id, productId: line.productId, qty: line.qty, codesRequired: line.grade === 'certified', codes: l.traceCodes ?? [], path: `lines.${i}` };
    }),
    ctx.now,
  );
  await applyLineEvent(tx, ctx, {
    orgId: order.payerOrgId,
    lines,
    event: 'pick',
    detail: { shipmentId: shipment.id, traceCodes: Object.fromEntries(input.lines.map((l) => [l.orderLineId, l.traceCodes ?? []])) },
  });
  return getOrder(tx, ctx, order.id);
}
