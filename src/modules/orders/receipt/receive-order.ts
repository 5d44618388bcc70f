import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import { recordAudits } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { httpUrlField } from '../../../platform/http-url.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents, type DomainEvent } from '../../../platform/outbox.ts';
import { org } from '../../identity/index.ts';
import { traceCodeField, unitsByCode } from '../../inventory/index.ts';
import { countForSuppliers } from '../../ratings/index.ts';
import { findOrder } from '../access.ts';
import { settleLines } from '../money/settle-lines.ts';
import { noRepeatedLines } from '../schemas.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import { OrderDto } from '../dto.ts';
import { getOrder } from '../get-order.ts';
import { orderLine, orderReturn } from '../tables.ts';
import { orderParties } from '../tell-parties.ts';

export const ReceiptInput = z
  .strictObject({
    lines: z
      .array(
        z.strictObject({
          orderLineId: z.uuid(),
          result: z.enum(['accepted', 'rejected']),
          reason: z.enum(['wrong_part', 'damaged', 'quality', 'missing']).optional(),
          photoUrls: z.array(httpUrlField).max(20).optional(),
          // The codes scanned on the units received, checked against those packed for the line.
          traceCodes: z.array(traceCodeField).max(999).optional(),
        }),
      )
      .min(1)
      .max(200)
      .superRefine(noRepeatedLines),
  })
  .meta({ id: 'OrderReceiptInput' });
export type ReceiptInput = z.infer<typeof ReceiptInput>;

type Mismatch = { code: string; why: 'unknown' | 'other_product' | 'other_line'; productId?: string; grade?: string };

// The order as it now is, and every scanned code that was not one of the units packed for its
// line, with why: unknown (no such code), other_product (a unit of another product, with its
// product and grade), other_line (the right product, but packed for another line or not at all).
export const ReceiptAnswerDto = OrderDto.extend({
  traceMismatches: z.array(
    z.object({
      orderLineId: z.uuid(),
      code: z.string(),
      why: z.enum(['unknown', 'other_product', 'other_line']),
      productId: z.uuid().nullable(),
      grade: z.string().nullable(),
    }),
  ),
}).meta({ id: 'OrderReceiptAnswer' });
export type ReceiptAnswerDto = z.infer<typeof ReceiptAnswerDto>;

// The shop signs for delivered lines (签收) and inspects each: accepted, or rejected with a reason
// (wrong part, damaged, quality, missing) and photos. A scanned trace code that is not one of the
// units packed for the line is flagged (以次充好: a cheaper or other part passed off as the
// approved one) whatever the shop decides, and the platform, the payer and the supplier are told.
// A rejected line opens a return (退货) for its supplier to approve.
export async function receiveOrder(tx: Tx, ctx: Ctx, orderId: string, input: ReceiptInput): Promise<ReceiptAnswerDto> {
  requirePermission(ctx.actor, 'orders.receive');
  const o = await findOrder(tx, ctx.actor, orderId, { forUpdate: true });
  if (!isPlatform(ctx.actor) && ctx.actor.orgId !== o.buyerOrgId) throw new AppError('forbidden', { permission: 'orders.receive' });
  const ids = input.lines.map((l) => l.orderLineId);
  const lines = await tx
    .select()
    .from(orderLine)
    .where(and(eq(orderLine.orderId, o.id), inArray(orderLine.id, ids)))
    .orderBy(asc(orderLine.id))
    .for('update');
  const errors: FieldError[] = [];
  input.lines.forEach((l, i) => {
    if (!lines.some((x) => x.id === l.orderLineId)) errors.push({ path: `lines.${i}.orderLineId`, in: 'body', code: 'unknown_reference', params: { what: 'order_line', value: l.orderLineId } });
    if (l.result === 'rejected' && l.reason === undefined) errors.push({ path: `lines.${i}.reason`, in: 'body', code: 'required' });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  // Trace codes: what each scanned code really is.
  const scanned = input.lines.flatMap((l) => l.traceCodes ?? []);
  const units = await unitsByCode(tx, scanned);
  const mismatches = new Map<string, Mismatch[]>();
  for (const l of input.lines) {
    const line = lines.find((x) => x.id === l.orderLineId)!;
    const found: Mismatch[] = [];
    for (const code of l.traceCodes ?? []) {
      const unit = units.find((u) => u.code === code);
      if (!unit) found.push({ code, why: 'unknown' });
      else if (unit.productId !== line.productId) found.push({ code, why: 'other_product', productId: unit.productId, grade: unit.grade });
      else if (unit.orderLineId !== line.id) found.push({ code, why: 'other_line' });
    }
    if (found.length > 0) mismatches.set(line.id, found);
  }

  for (const l of input.lines) {
    await tx
      .update(orderLine)
      .set({
        receivedAt: ctx.now,
        rejectReason: l.result === 'rejected' ? l.reason! : null,
        rejectPhotoUrls: l.photoUrls ?? null,
        ...(mismatches.has(l.orderLineId) ? { traceMismatch: true } : {}),
      })
      .where(eq(orderLine.id, l.orderLineId));
  }
  const byResult = (r: 'accepted' | 'rejected') => lines.filter((x) => input.lines.find((l) => l.orderLineId === x.id)!.result === r);
  await applyLineEvent(tx, ctx, { orgId: o.payerOrgId, lines: byResult('accepted'), event: 'accept', detail: { orderId: o.id } });
  const rejected = byResult('rejected');
  await applyLineEvent(tx, ctx, { orgId: o.payerOrgId, lines: rejected, event: 'reject', detail: { orderId: o.id } });

  const returns = rejected.map((line) => ({
    id: newId(),
    orderId: o.id,
    orderLineId: line.id,
    supplierOrgId: line.supplierOrgId,
    reason: input.lines.find((l) => l.orderLineId === line.id)!.reason!,
    qty: line.qty,
    creditFen: line.amountFen,
    status: 'requested' as const,
    warehouseId: line.warehouseId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  if (returns.length > 0) await tx.insert(orderReturn).values(returns);
  await recordAudits(tx, ctx, [
    ...returns.map((r) => ({
      orgId: o.payerOrgId,
      objectType: 'order_return',
      objectId: r.id,
      action: 'open',
      toState: 'requested',
      data: { orderLineId: r.orderLineId, reason: r.reason, qty: r.qty },
    })),
    ...[...mismatches].map(([lineId, found]) => ({ orgId: o.payerOrgId, objectType: 'order_line', objectId: lineId, action: 'trace_mismatch', data: { codes: found } })),
  ]);

  // What the shop found feeds its suppliers' ratings.
  await countForSuppliers(
    tx,
    lines.map((line) => ({
      supplierOrgId: line.supplierOrgId,
      linesReceived: 1,
      linesRejected: rejected.includes(line) ? 1 : 0,
      traceMismatches: mismatches.has(line.id) ? 1 : 0,
    })),
    ctx.now,
  );

  const parties = await orderParties(tx, o.id);
  const events: DomainEvent[] = parties.map((orgId) => ({
    orgId,
    type: 'order.received',
    payload: { orderId: o.id, orderNo: o.orderNo, accepted: byResult('accepted').map((l) => l.id), rejected: rejected.map((l) => l.id), returns: returns.map((r) => r.id) },
  }));
  if (mismatches.size > 0) {
    // The platform's risk team hears of every mismatch, besides the payer and the supplier.
    const platforms = await tx.select({ id: org.id }).from(org).where(eq(org.kind, 'platform')).limit(5);
    const told = new Set([...platforms.map((p) => p.id), o.payerOrgId, ...lines.filter((l) => mismatches.has(l.id)).map((l) => l.supplierOrgId)]);
    for (const orgId of told) {
      events.push({ orgId, type: 'order.trace_mismatch', payload: { orderId: o.id, orderNo: o.orderNo, lines: Object.fromEntries(mismatches) } });
    }
  }
  await emitEvents(tx, ctx, events);
  // The money last (its locks held shortest): accepted lines are sold, rejected ones release what
  // the payer owed.
  await settleLines(tx, ctx, o, byResult('accepted'), 'accepted');
  await settleLines(tx, ctx, o, rejected, 'released');
  const traceMismatches = [...mismatches].flatMap(([orderLineId, found]) => found.map((m) => ({ orderLineId, code: m.code, why: m.why, productId: m.productId ?? null, grade: m.grade ?? null })));
  return { ...(await getOrder(tx, ctx, o.id)), traceMismatches };
}
