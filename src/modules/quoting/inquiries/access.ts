import { and, eq, exists, sql, type SQL } from 'drizzle-orm';
import { can, tenantScope, type Actor } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';
import { inquiry, inquirySupplier } from '../tables.ts';

// Who sees an inquiry, and as whom. An insurer (any of its people who read claims) sees its own
// inquiries whole; the platform sees all of them as an insurer would. A supplier's salespeople and
// admins see only the inquiries sent to their organisation, without the insurer's references or the
// other suppliers. Anyone else (repair shops, operators) is refused outright.
export type InquiryViewer = { side: 'insurer'; actor: Actor } | { side: 'supplier'; actor: Actor };

export function inquiryViewer(actor: Actor): InquiryViewer {
  if ((actor.orgKind === 'insurer' || actor.orgKind === 'platform') && can(actor, 'claims.read')) return { side: 'insurer', actor };
  if (actor.orgKind === 'supplier' && can(actor, 'inquiries.bid')) return { side: 'supplier', actor };
  throw forbidden(actor.orgKind === 'supplier' ? 'inquiries.bid' : 'claims.read');
}

// The WHERE clause of what a viewer may see. For a supplier, being invited is the whole right.
export function inquiryScope(viewer: InquiryViewer): SQL | undefined {
  if (viewer.side === 'insurer') return tenantScope(viewer.actor, inquiry.insurerOrgId);
  return invitedScope(viewer.actor.orgId);
}

export function invitedScope(supplierOrgId: string): SQL {
  return exists(sql`(select 1 from ${inquirySupplier} where ${inquirySupplier.inquiryId} = ${inquiry.id} and ${inquirySupplier.supplierOrgId} = ${supplierOrgId})`);
}

export function inquiryNotFound(): AppError {
  return new AppError('not_found', { what: 'inquiry' });
}

type InquiryRow = typeof inquiry.$inferSelect;

// Loads and locks one inquiry the insurer's actor may manage, for a command that changes it; the
// lock makes a concurrent bid, close or escalation wait and then see the new state.
export async function lockManagedInquiry(tx: Executor, actor: Actor, id: string): Promise<InquiryRow> {
  const [row] = await tx
    .select()
    .from(inquiry)
    .where(and(tenantScope(actor, inquiry.insurerOrgId), eq(inquiry.id, id)))
    .for('update');
  if (!row) throw inquiryNotFound();
  return row;
}
