import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import { priceGuideEntry } from '../tables.ts';
import { ownInsurerForWrite } from './access.ts';
import { part } from './catalog-port.ts';
import { toGuideEntryDto, type GuideEntryDto } from './guide-entry.ts';

// Removes one entry of the caller's insurer's guide; the answer is the entry as it was. Another
// insurer's entry is not found, exactly like one that never existed. The audit row keeps the
// entry's values, since nothing else remembers them once it is gone.
export async function deleteGuideEntry(tx: Tx, ctx: Ctx, id: string): Promise<GuideEntryDto> {
  const insurerOrgId = ownInsurerForWrite(ctx.actor);
  const [deleted] = await tx
    .delete(priceGuideEntry)
    .where(and(eq(priceGuideEntry.id, id), eq(priceGuideEntry.insurerOrgId, insurerOrgId)))
    .returning();
  if (!deleted) throw notFound('price_guide_entry');
  let oeNo: string | null = null;
  if (deleted.partId !== null) {
    const [found] = await tx.select({ oeNo: part.oeNo }).from(part).where(eq(part.id, deleted.partId));
    oeNo = found?.oeNo ?? null;
  }
  const entry = toGuideEntryDto(deleted, oeNo);
  await recordAudit(tx, ctx, {
    orgId: insurerOrgId,
    objectType: 'price_guide_entry',
    objectId: id,
    action: 'delete',
    data: { guideKey: entry.guideKey, regionCode: entry.regionCode, oeReferenceFen: entry.oeReferenceFen, caps: entry.caps },
  });
  return entry;
}
