import { and, asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { bid, inquiry, inquirySupplier } from '../tables.ts';
import { inquiryNotFound, inquiryScope, inquiryViewer, type InquiryViewer } from './access.ts';
import { toBidDto, toInquirySummary, type InquiryDetailDto } from './dto.ts';
import { partsById, vehicleOfClaim } from './invite.ts';
import { org } from './ports.ts';
import { asShown } from './state.ts';

type InquiryRow = typeof inquiry.$inferSelect;

// An inquiry as one viewer may see it. Sealed bids: while the inquiry is open the insurer learns
// only how many bids arrived, never a price or a supplier, so no one can be tipped off to undercut;
// once it is closed every bid shows. A withdrawn inquiry keeps its bids sealed for good: nothing
// was bought, and the suppliers' prices stay theirs. A supplier always sees its own bids and
// nothing of anyone else's, not even their number.
export async function inquiryDetail(db: Executor, viewer: InquiryViewer, row: InquiryRow): Promise<InquiryDetailDto> {
  const forInsurer = viewer.side === 'insurer';
  const [vehicle, parts] = [await vehicleOfClaim(db, row.claimId), await partsById(db, row.partId ? [row.partId] : [])];
  const base = { ...toInquirySummary(row, forInsurer), part: (row.partId && parts.get(row.partId)) || null, vehicle };

  if (!forInsurer) {
    const own = await db
      .select()
      .from(bid)
      .where(and(eq(bid.inquiryId, row.id), eq(bid.supplierOrgId, viewer.actor.orgId)))
      .orderBy(asc(bid.id));
    return { ...base, sealed: row.status !== 'closed', bidCount: own.length, invitedSuppliers: null, bids: own.map(toBidDto) };
  }

  const sealed = row.status !== 'closed';
  const invited = await db
    .select({ orgId: inquirySupplier.supplierOrgId, name: org.name, invitedAt: inquirySupplier.invitedAt })
    .from(inquirySupplier)
    .innerJoin(org, eq(org.id, inquirySupplier.supplierOrgId))
    .where(eq(inquirySupplier.inquiryId, row.id))
    .orderBy(asc(inquirySupplier.invitedAt), asc(inquirySupplier.supplierOrgId));
  const invitedSuppliers = invited.map((i) => ({ orgId: i.orgId, name: i.name, invitedAt: i.invitedAt.toISOString() }));
  if (sealed) {
    const [counted] = await db.select({ n: count() }).from(bid).where(eq(bid.inquiryId, row.id));
    return { ...base, sealed, bidCount: counted?.n ?? 0, invitedSuppliers, bids: null };
  }
  const bids = await db.select().from(bid).where(eq(bid.inquiryId, row.id)).orderBy(asc(bid.priceFen), asc(bid.id));
  return { ...base, sealed, bidCount: bids.length, invitedSuppliers, bids: bids.map(toBidDto) };
}

async function findVisible(db: Executor, viewer: InquiryViewer, id: string): Promise<InquiryRow | undefined> {
  const [row] = await db
    .select()
    .from(inquiry)
    .where(and(inquiryScope(viewer), eq(inquiry.id, id)));
  return row;
}

// GET /inquiries/{id}. An inquiry the caller may not see (another insurer's, or one its supplier
// was not invited to) is a 404. One past its deadline shows closed, its bids unsealed, before the
// deadline job has written it so (asShown): a read writes nothing.
export async function getInquiry(db: Executor, ctx: Ctx, id: string): Promise<InquiryDetailDto> {
  const viewer = inquiryViewer(ctx.actor);
  const row = await findVisible(db, viewer, id);
  if (!row) throw inquiryNotFound();
  return inquiryDetail(db, viewer, asShown(row, ctx.now));
}
