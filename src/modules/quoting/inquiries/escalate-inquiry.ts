import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { invalidField } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { inquiry, inquirySupplier } from '../tables.ts';
import { lockManagedInquiry } from './access.ts';
import type { InquiryDetailDto } from './dto.ts';
import { inquiryDetail } from './get-inquiry.ts';
import { boundDeadline, inviteSuppliers, MAX_DEADLINE_HOURS, partsById, vehicleOfClaim } from './invite.ts';
import { claim, org } from './ports.ts';
import { findSuppliersWidening, MAX_INVITED_SUPPLIERS, vehicleBrandOf, type SupplierRing } from './suppliers.ts';
import { assertTransition } from './state.ts';

export const EscalateInput = z
  .strictObject({
    // Suppliers to add by name; without them, the next ring (every supplier serving the region).
    supplierOrgIds: z.array(z.uuid()).min(1).max(MAX_INVITED_SUPPLIERS).optional(),
    // Pushes the deadline out by this much (from the current deadline), at most seven days from now.
    extendDeadlineHours: z.number().int().min(1).max(MAX_DEADLINE_HOURS).optional(),
  })
  .meta({ id: 'EscalateInquiryInput' });
export type EscalateInput = z.infer<typeof EscalateInput>;

const HOUR_MS = 60 * 60 * 1000;

// Escalation (升级询价): too few or too dear bids, so the insurer widens the circle while the
// inquiry stays open. Named suppliers must be active suppliers; without names, the suppliers
// serving the delivery region whatever the make are added, or every active supplier when that ring
// holds no one new. New suppliers get `inquiry.opened`; those already invited get
// `inquiry.deadline_extended` when the deadline moves. At most MAX_INVITED_SUPPLIERS in all.
export async function escalateInquiry(tx: Tx, ctx: Ctx, id: string, input: EscalateInput): Promise<InquiryDetailDto> {
  requirePermission(ctx.actor, 'inquiries.manage');
  const row = await lockManagedInquiry(tx, ctx.actor, id);
  assertTransition(row, 'escalate', ctx.now);

  const already = (await tx.select({ id: inquirySupplier.supplierOrgId }).from(inquirySupplier).where(eq(inquirySupplier.inquiryId, row.id))).map((r) => r.id);
  const room = MAX_INVITED_SUPPLIERS - already.length;

  let ring: SupplierRing | 'named';
  let candidates: string[];
  if (input.supplierOrgIds) {
    const named = [...new Set(input.supplierOrgIds)];
    const known = await tx
      .select({ id: org.id })
      .from(org)
      .where(and(inArray(org.id, named), eq(org.kind, 'supplier'), eq(org.status, 'active')));
    const knownIds = new Set(known.map((k) => k.id));
    const unknownAt = named.findIndex((n) => !knownIds.has(n));
    if (unknownAt !== -1) throw invalidField(`supplierOrgIds.${input.supplierOrgIds.indexOf(named[unknownAt]!)}`, 'org_unknown');
    ring = 'named';
    candidates = named.filter((n) => !already.includes(n));
    if (candidates.length > room) throw invalidField('supplierOrgIds', 'too_big_array', { maximum: Math.max(room, 0) });
  } else {
    const [claimRow] = await tx.select({ vehicleModelId: claim.vehicleModelId }).from(claim).where(eq(claim.id, row.claimId));
    const found = await findSuppliersWidening(tx, ['region', 'all'], {
      brand: await vehicleBrandOf(tx, claimRow?.vehicleModelId ?? null),
      deliveryRegionCode: row.deliveryRegionCode,
      exclude: already,
      limit: room,
    });
    ring = found.ring;
    candidates = found.supplierOrgIds;
  }

  const deadlineAt = input.extendDeadlineHours ? boundDeadline(ctx.now, new Date(row.deadlineAt.getTime() + input.extendDeadlineHours * HOUR_MS)) : row.deadlineAt;
  const [after] = await tx.update(inquiry).set({ deadlineAt }).where(eq(inquiry.id, row.id)).returning();
  const facts = { part: row.partId ? ((await partsById(tx, [row.partId])).get(row.partId) ?? null) : null, vehicle: await vehicleOfClaim(tx, row.claimId) };
  const added = (await inviteSuppliers(tx, ctx, [{ row: after!, supplierOrgIds: candidates, facts }])).get(after!.id)!;
  if (deadlineAt.getTime() !== row.deadlineAt.getTime()) {
    for (const supplierOrgId of already) {
      await emitEvent(tx, ctx, { orgId: supplierOrgId, type: 'inquiry.deadline_extended', payload: { inquiryId: row.id, deadlineAt: deadlineAt.toISOString() } });
    }
  }
  await recordAudit(tx, ctx, {
    orgId: row.insurerOrgId,
    objectType: 'inquiry',
    objectId: row.id,
    action: 'escalate',
    fromState: row.status,
    toState: after!.status,
    data: { ring, addedSupplierOrgIds: added, deadlineFrom: row.deadlineAt.toISOString(), deadlineTo: deadlineAt.toISOString() },
  });
  return inquiryDetail(tx, { side: 'insurer', actor: ctx.actor }, after!);
}
