import { eq, inArray } from 'drizzle-orm';
import type { AnyCtx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { type inquiry, inquirySupplier } from '../tables.ts';
import { toInquirySummary, type InquiryDetailDto } from './dto.ts';
import { claim, part, vehicleModel } from './ports.ts';

type InquiryRow = typeof inquiry.$inferSelect;
export type PartFacts = NonNullable<InquiryDetailDto['part']>;
export type VehicleFacts = NonNullable<InquiryDetailDto['vehicle']>;

const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_DEADLINE_HOURS = 24;
export const MIN_DEADLINE_HOURS = 1;
export const MAX_DEADLINE_HOURS = 7 * 24;

// A deadline between one hour and seven days from now: less leaves suppliers no time to answer,
// more leaves the car on the shop's lift. A deadline outside is moved to the nearest bound rather
// than refused, because the quote command passes it on from a caller who cannot fix it mid-quote.
export function boundDeadline(now: Date, deadlineAt?: Date): Date {
  const at = deadlineAt?.getTime() ?? now.getTime() + DEFAULT_DEADLINE_HOURS * HOUR_MS;
  const min = now.getTime() + MIN_DEADLINE_HOURS * HOUR_MS;
  const max = now.getTime() + MAX_DEADLINE_HOURS * HOUR_MS;
  return new Date(Math.min(Math.max(at, min), max));
}

export async function vehicleOfClaim(db: Executor, claimId: string): Promise<VehicleFacts | null> {
  const [row] = await db
    .select({ brand: vehicleModel.brand, series: vehicleModel.series, model: vehicleModel.model, yearFrom: vehicleModel.yearFrom, yearTo: vehicleModel.yearTo })
    .from(claim)
    .innerJoin(vehicleModel, eq(vehicleModel.id, claim.vehicleModelId))
    .where(eq(claim.id, claimId));
  return row ?? null;
}

export async function partsById(db: Executor, partIds: readonly string[]): Promise<Map<string, PartFacts>> {
  if (partIds.length === 0) return new Map();
  const rows = await db
    .select({ id: part.id, oeNo: part.oeNo, nameZh: part.nameZh, nameEn: part.nameEn, category: part.category })
    .from(part)
    .where(inArray(part.id, [...new Set(partIds)]));
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}

export type Invitation = { row: InquiryRow; supplierOrgIds: readonly string[]; facts: { part: PartFacts | null; vehicle: VehicleFacts | null } };

// Invites suppliers to inquiries: one inquiry_supplier row each (a supplier already invited is
// left alone) and an `inquiry.opened` event addressed to each new one, so its webhooks hear of it.
// The payload is the inquiry as a supplier sees it: no claim or quote line, and never the names of
// the other suppliers. All the inquiries of a quote in two statements, not two per inquiry.
// Returns, per inquiry, the suppliers actually added.
export async function inviteSuppliers(tx: Executor, ctx: AnyCtx, invitations: readonly Invitation[]): Promise<Map<string, string[]>> {
  const added = new Map<string, string[]>(invitations.map((i) => [i.row.id, []]));
  const values = invitations.flatMap((i) => i.supplierOrgIds.map((supplierOrgId) => ({ inquiryId: i.row.id, supplierOrgId, invitedAt: ctx.now })));
  if (values.length === 0) return added;
  const rows = await tx.insert(inquirySupplier).values(values).onConflictDoNothing().returning({ inquiryId: inquirySupplier.inquiryId, supplierOrgId: inquirySupplier.supplierOrgId });
  for (const r of rows) added.get(r.inquiryId)!.push(r.supplierOrgId);
  const events = invitations.flatMap((i) => {
    const payload = { inquiry: { ...toInquirySummary(i.row, false), part: i.facts.part, vehicle: i.facts.vehicle } };
    return added.get(i.row.id)!.map((supplierOrgId) => ({ orgId: supplierOrgId, type: 'inquiry.opened', payload }));
  });
  await emitEvents(tx, ctx, events);
  return added;
}
