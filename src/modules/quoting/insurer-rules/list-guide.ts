import { and, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { priceGuideEntry } from '../tables.ts';
import { insurerForRead } from './access.ts';
import { categoryCodes, part } from './catalog-port.ts';
import { NATIONWIDE, toGuideEntryDto, type GuideEntryDto } from './guide-entry.ts';

export const ListGuideQuery = z.strictObject({
  // The entries of one part (its part-scope entries, every region).
  partId: z.uuid().optional(),
  // The category-scope entries of one category (not the part entries of parts in it).
  category: z.enum(categoryCodes).optional(),
  // One region's entries; `*` lists the nationwide ones.
  regionCode: z.string().max(12).optional(),
  insurerOrgId: z.uuid().optional(),
  ...pageQuery,
});
export type ListGuideQuery = z.infer<typeof ListGuideQuery>;

// The insurer's price guide, newest entries first, with each part's OE number for the reader.
export async function listGuide(db: Executor, ctx: Ctx, query: ListGuideQuery): Promise<Page<GuideEntryDto>> {
  const insurerOrgId = await insurerForRead(db, ctx.actor, query.insurerOrgId);
  const before = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(priceGuideEntry.insurerOrgId, insurerOrgId),
    query.partId ? eq(priceGuideEntry.partId, query.partId) : undefined,
    query.category ? and(eq(priceGuideEntry.scope, 'category'), eq(priceGuideEntry.category, query.category)) : undefined,
    query.regionCode === undefined ? undefined : query.regionCode === NATIONWIDE ? isNull(priceGuideEntry.regionCode) : eq(priceGuideEntry.regionCode, query.regionCode),
    before ? lt(priceGuideEntry.id, before) : undefined,
  ];
  const rows = await db
    .select({ entry: priceGuideEntry, oeNo: part.oeNo })
    .from(priceGuideEntry)
    .leftJoin(part, eq(part.id, priceGuideEntry.partId))
    .where(and(...conditions))
    .orderBy(desc(priceGuideEntry.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((r) => ({ id: r.entry.id, ...r })),
    query.limit,
    (r) => toGuideEntryDto(r.entry, r.oeNo),
  );
}
