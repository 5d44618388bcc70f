import { and, asc, eq, gt, ilike, like, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { containsPattern, escapeLike } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { org } from '../identity/index.ts';
import { regionName } from '../regions/index.ts';
import { assertMayFileClaims } from './access.ts';

export const ListRepairShopsQuery = z.strictObject({
  // A fragment of the shop's name.
  q: z.string().trim().min(1).max(100).optional(),
  // A GB/T 2260 code: shops in that province, city or county (a province's code ends in 0000, a
  // city's in 00, so the prefix before those zeros names everything under it).
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  ...pageQuery,
});
export type ListRepairShopsQuery = z.infer<typeof ListRepairShopsQuery>;

export const RepairShopDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    regionCode: z.string(),
    // "上海市 浦东新区": the region's path of names.
    regionName: z.string().nullable(),
  })
  .meta({ id: 'RepairShop' });
export type RepairShopDto = z.infer<typeof RepairShopDto>;

function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

// The repair shops a claim may be assigned to: every active shop on the platform, as create-claim
// accepts any of them. Organisations are not an insurer's tenant data, but the list is only for
// those who file claims (GET /api/v1/orgs shows other callers only their own organisation). Only
// the name and region are shown: what an adjuster needs to pick the right shop.
export async function listRepairShops(db: Executor, ctx: Ctx, query: ListRepairShopsQuery): Promise<Page<RepairShopDto>> {
  assertMayFileClaims(ctx.actor);
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(org.kind, 'repair_shop'),
    eq(org.status, 'active'),
    query.q ? ilike(org.name, containsPattern(query.q)) : undefined,
    query.regionCode ? like(org.regionCode, `${escapeLike(regionPrefix(query.regionCode))}%`) : undefined,
    after ? gt(org.id, after) : undefined,
  ];
  const rows = await db
    .select({ id: org.id, name: org.name, regionCode: org.regionCode })
    .from(org)
    .where(and(...conditions))
    .orderBy(asc(org.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ ...row, regionName: regionName(row.regionCode) }));
}
