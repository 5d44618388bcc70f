import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, invalidField } from '../../../platform/errors.ts';
import { applyClaimEvent, claim, lockClaim } from '../../claims/index.ts';
import { installLineUnits } from '../../inventory/index.ts';
import { findOrder } from '../access.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import type { OrderDto } from '../dto.ts';
import { getOrder } from '../get-order.ts';
import { orderLine, orderReturn, partsOrder } from '../tables.ts';

export const InstallInput = z
  .strictObject({
    lineIds: z.array(z.uuid()).min(1).max(200),
    // The vehicle, for a shop's own purchase; a claim's parts go on the claim's VIN.
    vin: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/))
      .optional(),
  })
  .meta({ id: 'InstallLinesInput' });
export type InstallInput = z.infer<typeof InstallInput>;

// The shop marks accepted lines installed (装车) on the vehicle: the claim's VIN for a claim order
// (a different VIN is refused), the given one for its own purchases. Their trace units record the
// VIN, which is what a car owner's lookup and a recall read. When every line of every order of the
// claim is installed (or was rejected, returned or cancelled), the claim moves ordered → repaired.
export async function installLines(tx: Tx, ctx: Ctx, orderId: string, input: InstallInput): Promise<OrderDto> {
  requirePermission(ctx.actor, 'orders.receive');
  const o = await findOrder(tx, ctx.actor, orderId, { forUpdate: true });
  if (!isPlatform(ctx.actor) && ctx.actor.orgId !== o.buyerOrgId) throw new AppError('forbidden', { permission: 'orders.receive' });
  let vin = input.vin;
  if (o.claimId) {
    const [c] = await tx.select({ vin: claim.vin }).from(claim).where(eq(claim.id, o.claimId));
    if (vin !== undefined && vin !== c!.vin) throw invalidField('vin', 'invalid');
    vin = c!.vin;
  }
  if (vin === undefined) throw invalidField('vin', 'required');
  const lines = await tx
    .select()
    .from(orderLine)
    .where(and(eq(orderLine.orderId, o.id), inArray(orderLine.id, input.lineIds)))
    .orderBy(asc(orderLine.id))
    .for('update');
  // biome-ignore lint/complexity/useIndexOf: the first id that matches no line, not an item's index.
  const unknown = input.lineIds.findIndex((id) => !lines.some((l) => l.id === id));
  if (unknown >= 0) throw invalidField(`lineIds.${unknown}`, 'unknown_reference', { what: 'order_line', value: input.lineIds[unknown] });
  // A line on its way back (a return opened after acceptance, not refused) is not fitted.
  const [returning] = await tx
    .select({ id: orderReturn.id, lineId: orderReturn.orderLineId })
    .from(orderReturn)
    .where(and(inArray(orderReturn.orderLineId, input.lineIds), inArray(orderReturn.status, ['requested', 'approved'])))
    .limit(1);
  if (returning) throw invalidField(`lineIds.${input.lineIds.indexOf(returning.lineId)}`, 'return_open', { value: returning.id });
  await applyLineEvent(tx, ctx, { orgId: o.payerOrgId, lines, event: 'install', set: { installedVin: vin, installedAt: ctx.now }, detail: { orderId: o.id, vin } });
  await installLineUnits(tx, input.lineIds, vin, ctx.now);

  if (o.claimId) {
    // Locked first: two installs finishing a claim's last lines at once (an order and its
    // replacement) then decide one after the other, and the second sees the first's line installed.
    const c = await lockClaim(tx, o.claimId);
    const [open] = await tx
      .select({ id: orderLine.id })
      .from(orderLine)
      .innerJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
      .where(and(eq(partsOrder.claimId, o.claimId), notInArray(orderLine.status, ['installed', 'rejected', 'returned', 'cancelled'])))
      .limit(1);
    if (!open && c?.status === 'ordered') await applyClaimEvent(tx, ctx, o.claimId, 'repair', { orderId: o.id });
  }
  return getOrder(tx, ctx, o.id);
}
