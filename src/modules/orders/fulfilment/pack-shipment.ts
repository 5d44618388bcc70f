import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { stockMove, traceCodeField, traceUnit, warehouse } from '../../inventory/index.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import type { OrderDto } from '../dto.ts';
import { getOrder } from '../get-order.ts';
import { orderLine } from '../tables.ts';
import { findShipmentToWork } from './find-shipment.ts';
import { noRepeatedLines } from '../schemas.ts';

export const PackInput = z.strictObject({
  lines: z
    .array(z.strictObject({ orderLineId: z.uuid(), traceCodes: z.array(traceCodeField).max(999).optional() }))
    .min(1)
    .max(200)
    .superRefine(noRepeatedLines),
});
export type PackInput = z.infer<typeof PackInput>;

// Pick and pack (拣货/打包) by scanning: the picker scans each line's product and, for certified
// parts, every unit's trace code. A code must exist, be of the line's product and of a lot
// reserved for that line (no more units of a lot than were reserved from it), be in stock at this
// warehouse and not already picked for another line, and be scanned once. Every problem is
// reported at once with its line and code; nothing is picked unless everything fits. The units
// are then tied to the line (so the shop's scan at receipt can be checked against them) and the
// lines move reserved → picked.
export async function packShipment(tx: Tx, ctx: Ctx, shipmentId: string, input: PackInput): Promise<OrderDto> {
  const { shipment, order } = await findShipmentToWork(tx, ctx.actor, shipmentId);
  if (shipment.status !== 'open') throw new AppError('invalid_state', { what: 'shipment', state: shipment.status });
  const ids = input.lines.map((l) => l.orderLineId);
  const lines = await tx.select().from(orderLine).where(and(eq(orderLine.shipmentId, shipment.id), inArray(orderLine.id, ids))).orderBy(asc(orderLine.id)).for('update');
  const [wh] = await tx.select({ stockLocationId: warehouse.stockLocationId }).from(warehouse).where(eq(warehouse.id, shipment.warehouseId));
  // What each line reserved, per lot: the most units of each lot its codes may name.
  const reservedLots = await tx
    .select({ orderLineId: stockMove.orderLineId, lotId: stockMove.lotId, qty: stockMove.qty })
    .from(stockMove)
    .where(and(inArray(stockMove.orderLineId, ids), eq(stockMove.phase, 'pending')));
  const codes = input.lines.flatMap((l) => l.traceCodes ?? []);
  const units = codes.length === 0 ? [] : await tx.select().from(traceUnit).where(inArray(traceUnit.code, codes)).for('update');
  const unitByCode = new Map(units.map((u) => [u.code, u]));

  const errors: FieldError[] = [];
  const err = (path: string, code: FieldError['code'], params?: Record<string, unknown>) => errors.push({ path, in: 'body', code, params });
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const line = lines.find((x) => x.id === l.orderLineId);
    if (!line) return err(`lines.${i}.orderLineId`, 'line_not_in_shipment');
    const scanned = l.traceCodes ?? [];
    if (line.grade === 'certified' && scanned.length === 0) return err(`lines.${i}.traceCodes`, 'trace_codes_required');
    if (scanned.length > 0 && scanned.length !== line.qty) return err(`lines.${i}.traceCodes`, 'trace_codes_count', { count: scanned.length, qty: line.qty });
    const room = new Map<string, number>();
    for (const r of reservedLots) if (r.orderLineId === line.id) room.set(r.lotId, (room.get(r.lotId) ?? 0) + r.qty);
    scanned.forEach((code, j) => {
      const at = `lines.${i}.traceCodes.${j}`;
      const unit = unitByCode.get(code);
      if (seen.has(code)) return err(at, 'trace_code_taken', { value: code });
      seen.add(code);
      if (!unit) return err(at, 'trace_code_not_found', { value: code });
      if (unit.productId !== line.productId) return err(at, 'trace_code_wrong_product', { value: code });
      if ((room.get(unit.lotId) ?? 0) <= 0) return err(at, 'trace_code_wrong_lot', { value: code });
      room.set(unit.lotId, room.get(unit.lotId)! - 1);
      if (unit.status !== 'in_stock' || unit.locationId !== wh?.stockLocationId || unit.orderLineId !== null) return err(at, 'trace_code_not_in_stock', { value: code });
    });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  for (const l of input.lines) {
    if (!l.traceCodes?.length) continue;
    await tx
      .update(traceUnit)
      .set({ orderLineId: l.orderLineId, updatedAt: ctx.now })
      .where(and(inArray(traceUnit.code, l.traceCodes), isNull(traceUnit.orderLineId)));
  }
  await applyLineEvent(tx, ctx, {
    orgId: order.payerOrgId,
    lines,
    event: 'pick',
    detail: { shipmentId: shipment.id, traceCodes: Object.fromEntries(input.lines.map((l) => [l.orderLineId, l.traceCodes ?? []])) },
  });
  return getOrder(tx, ctx, order.id);
}
