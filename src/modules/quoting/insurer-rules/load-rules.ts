import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { regionPath } from '../../regions/index.ts';
import type { PriceGuideEntry, ProcurementPolicy } from '../rules/index.ts';
import { priceGuideEntry } from '../tables.ts';
import type { Category } from './catalog-port.ts';
import { DEFAULT_POLICY } from './default-policy.ts';
import { entryOfRow } from './guide-entry.ts';
import { readStoredPolicy } from './stored-policy.ts';

// At most this many parts per call: an assessment has tens of lines, and inArray makes one query
// parameter per id.
export const MAX_RULE_PARTS = 1_000;

// At most this many guide entries are loaded at once. With a regionCode the count is bounded by
// the request itself (each part and category has at most a nationwide entry and one per level of
// the region's path: 4); without one, a part priced separately for every province has 35. Passing
// this bound means a guide nobody could have meant (hundreds of regional entries per part), so it
// is an error, not a silent cut that would quote against a partial guide.
export const MAX_GUIDE_ENTRIES_LOADED = 20_000;

export type RulesScope = {
  partIds: readonly string[];
  categories: readonly Category[];
  // The delivery region (the repair shop's), when known: only entries that could apply there are
  // loaded (nationwide ones and those of the region or a region containing it).
  regionCode?: string;
};

export type InsurerRules = {
  policy: ProcurementPolicy;
  // The stored policy's version, or null when the insurer works under DEFAULT_POLICY.
  policyVersion: number | null;
  // Only entries that could apply to the given parts and categories; resolveGuide picks among them.
  guide: PriceGuideEntry[];
};

// Everything a quote needs of the insurer's rules, in two indexed reads. The guide comes in
// guide_key order so that resolveGuide, which keeps the first of two equally specific entries, is
// deterministic whatever order the database happens to return rows in.
export async function loadInsurerRules(db: Executor, insurerOrgId: string, scope: RulesScope): Promise<InsurerRules> {
  const partIds = [...new Set(scope.partIds)];
  const categories = [...new Set(scope.categories)];
  if (partIds.length > MAX_RULE_PARTS) throw new Error(`loadInsurerRules: ${partIds.length} parts exceed ${MAX_RULE_PARTS}`);

  const stored = await readStoredPolicy(db, insurerOrgId);
  const policy = stored?.policy ?? DEFAULT_POLICY;
  const policyVersion = stored?.version ?? null;
  if (partIds.length === 0 && categories.length === 0) return { policy, policyVersion, guide: [] };

  const targets: SQL[] = [];
  if (partIds.length > 0) targets.push(and(eq(priceGuideEntry.scope, 'part'), inArray(priceGuideEntry.partId, partIds))!);
  if (categories.length > 0) targets.push(and(eq(priceGuideEntry.scope, 'category'), inArray(priceGuideEntry.category, categories))!);
  const regionCodes = scope.regionCode === undefined ? null : regionPath(scope.regionCode).map((r) => r.code);
  const regions =
    regionCodes === null ? undefined : regionCodes.length > 0 ? or(isNull(priceGuideEntry.regionCode), inArray(priceGuideEntry.regionCode, regionCodes)) : isNull(priceGuideEntry.regionCode);

  const rows = await db
    .select()
    .from(priceGuideEntry)
    .where(and(eq(priceGuideEntry.insurerOrgId, insurerOrgId), or(...targets), regions))
    .orderBy(asc(priceGuideEntry.guideKey))
    .limit(MAX_GUIDE_ENTRIES_LOADED + 1);
  if (rows.length > MAX_GUIDE_ENTRIES_LOADED) {
    throw new Error(`loadInsurerRules: the guide of ${insurerOrgId} has more than ${MAX_GUIDE_ENTRIES_LOADED} entries for ${partIds.length} parts and ${categories.length} categories`);
  }
  return { policy, policyVersion, guide: rows.map(entryOfRow) };
}
