import { and, eq, inArray } from 'drizzle-orm';
import { recordAudits, type AuditEntry } from '../../../platform/audit.ts';
import type { AnyCtx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { inquiry } from '../tables.ts';
import { boundDeadline, inviteSuppliers, partsById, type VehicleFacts } from './invite.ts';
import { claim, vehicleModel } from './ports.ts';
import { findSuppliersWidening, MAX_INVITED_SUPPLIERS, type SupplierRing } from './suppliers.ts';

export type InquiryLineInput = {
  quoteLineId: string;
  partId: string | null;
  description: string;
  quantity: number;
};

export type OpenInquiriesInput = {
  claimId: string;
  insurerOrgId: string;
  deliveryRegionCode: string;
  lines: readonly InquiryLineInput[];
  // Defaults to 24 hours from now; kept between one hour and seven days (see boundDeadline).
  deadlineAt?: Date;
};

export type OpenedInquiry = {
  inquiryId: string;
  quoteLineId: string;
  deadlineAt: Date;
  // How many suppliers it went to, and from which ring (see suppliers.ts).
  supplierCount: number;
  ring: SupplierRing;
  // False when the line already had an open inquiry, which is returned instead of a second one.
  created: boolean;
};

// One quote is at most an assessment's lines; the bound only guards against a caller's bug.
export const MAX_INQUIRY_LINES = 500;

// Opens one inquiry (询价单) per quote line that no allowed offer could fill, and sends each to the
// suppliers who serve the vehicle's make in the delivery region, or to every active supplier when
// none does (so no inquiry goes unanswered for want of addressees). Runs inside the caller's
// transaction (the quote command's); the caller has checked that its actor may quote this claim.
// Each inquiry gets an audit row and each invited supplier an `inquiry.opened` event.
export async function openInquiries(tx: Tx, ctx: AnyCtx, input: OpenInquiriesInput): Promise<OpenedInquiry[]> {
  if (input.lines.length === 0) return [];
  if (input.lines.length > MAX_INQUIRY_LINES) throw new Error(`openInquiries: ${input.lines.length} lines, at most ${MAX_INQUIRY_LINES}`);
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new Error(`openInquiries: quantity must be a positive integer, got ${line.quantity}`);
  }
  // The claim's vehicle, once: its model for finding suppliers, its facts for their invitations.
  const [claimRow] = await tx
    .select({ vehicleModelId: claim.vehicleModelId, brand: vehicleModel.brand, series: vehicleModel.series, model: vehicleModel.model, yearFrom: vehicleModel.yearFrom, yearTo: vehicleModel.yearTo })
    .from(claim)
    .leftJoin(vehicleModel, eq(vehicleModel.id, claim.vehicleModelId))
    .where(and(eq(claim.id, input.claimId), eq(claim.insurerOrgId, input.insurerOrgId)));
  if (!claimRow) throw new Error(`openInquiries: claim ${input.claimId} is not the insurer ${input.insurerOrgId}'s`);
  const { vehicleModelId, brand } = claimRow;
  const vehicle: VehicleFacts | null = brand === null ? null : { brand, series: claimRow.series!, model: claimRow.model!, yearFrom: claimRow.yearFrom!, yearTo: claimRow.yearTo! };

  // A quote line keeps at most one open inquiry: a caller that runs twice gets the first back.
  const existing = await tx
    .select()
    .from(inquiry)
    .where(
      and(
        inArray(
          inquiry.quoteLineId,
          input.lines.map((l) => l.quoteLineId),
        ),
        eq(inquiry.status, 'open'),
      ),
    );
  const openByLine = new Map(existing.map((row) => [row.quoteLineId, row]));

  // The suppliers depend on the claim (make, region), not on the line, so they are found once.
  const { ring, supplierOrgIds } = await findSuppliersWidening(tx, ['model_and_region', 'make_and_region', 'all'], {
    vehicleModelId,
    brand,
    deliveryRegionCode: input.deliveryRegionCode,
    limit: MAX_INVITED_SUPPLIERS,
  });
  const parts = await partsById(
    tx,
    input.lines.flatMap((l) => (l.partId ? [l.partId] : [])),
  );
  const deadlineAt = boundDeadline(ctx.now, input.deadlineAt);

  // New inquiries are written in one statement, their suppliers invited in one and audited in one,
  // since a quote may open many.
  const fresh = input.lines.filter((line) => !openByLine.has(line.quoteLineId));
  const rows =
    fresh.length === 0
      ? []
      : await tx
          .insert(inquiry)
          .values(
            fresh.map((line) => ({
              id: newId(),
              insurerOrgId: input.insurerOrgId,
              claimId: input.claimId,
              quoteLineId: line.quoteLineId,
              partId: line.partId,
              description: line.description,
              quantity: line.quantity,
              deliveryRegionCode: input.deliveryRegionCode,
              status: 'open' as const,
              deadlineAt,
              createdBy: ctx.actor?.userId ?? null,
              createdAt: ctx.now,
            })),
          )
          .returning();
  const rowByLine = new Map(rows.map((row) => [row.quoteLineId, row]));

  const invitedBy = await inviteSuppliers(
    tx,
    ctx,
    fresh.map((line) => ({ row: rowByLine.get(line.quoteLineId)!, supplierOrgIds, facts: { part: (line.partId && parts.get(line.partId)) || null, vehicle } })),
  );
  const opened: OpenedInquiry[] = [];
  const audits: AuditEntry[] = [];
  for (const line of input.lines) {
    const open = openByLine.get(line.quoteLineId);
    if (open) {
      opened.push({ inquiryId: open.id, quoteLineId: line.quoteLineId, deadlineAt: open.deadlineAt, supplierCount: 0, ring, created: false });
      continue;
    }
    const row = rowByLine.get(line.quoteLineId)!;
    const invited = invitedBy.get(row.id)!;
    audits.push({
      orgId: input.insurerOrgId,
      objectType: 'inquiry',
      objectId: row.id,
      action: 'open',
      toState: 'open',
      data: { quoteLineId: line.quoteLineId, partId: line.partId, deadlineAt: deadlineAt.toISOString(), ring, invitedSupplierOrgIds: invited },
    });
    opened.push({ inquiryId: row.id, quoteLineId: line.quoteLineId, deadlineAt, supplierCount: invited.length, ring, created: true });
  }
  await recordAudits(tx, ctx, audits);
  return opened;
}
