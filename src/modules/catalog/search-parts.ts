import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { escapeLike } from '../../platform/like.ts';
import { categoryCodes } from './categories.ts';
import { PartDto, toPartDto, VehicleModelDto, type PartRow } from './dto.ts';
import { looksLikeOe, normaliseOe } from './oe-number.ts';
import { looksLikePinyin } from './pinyin.ts';
import { part, partFitment } from './tables.ts';
import { matchVehicleModels } from './vehicle-models.ts';
import { decodeOrRefuse } from './vin-lookup.ts';

export const MAX_SEARCH_LIMIT = 100;

export const SearchPartsQuery = z.strictObject({
  // An OE number or its prefix (any punctuation), a Chinese name or part of one, pinyin or initials.
  q: z.string().trim().min(1).max(100).optional(),
  // Only parts that fit this vehicle (by VIN, or by a model chosen from the VIN's short list).
  vin: z.string().trim().min(1).max(40).optional(),
  vehicleModelId: z.uuid().optional(),
  category: z.enum(categoryCodes).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
  cursor: z.string().max(400).optional(),
});
export type SearchPartsQuery = z.infer<typeof SearchPartsQuery>;

const matchKinds = ['exact_oe', 'oe_prefix', 'exact_name', 'name_prefix', 'name_contains', 'pinyin', 'initials', 'all'] as const;
export const PartHitDto = PartDto.extend({ match: z.enum(matchKinds) }).meta({ id: 'PartHit' });
export type PartHitDto = z.infer<typeof PartHitDto>;
export const SearchPartsResult = z
  .object({
    items: z.array(PartHitDto),
    nextCursor: z.string().nullable(),
    // The models the VIN was read as, when a VIN scoped the search.
    vehicleModels: z.array(VehicleModelDto).optional(),
  })
  .meta({ id: 'PartSearchResult' });
export type SearchPartsResult = z.infer<typeof SearchPartsResult>;

export type Matcher = { where: SQL | undefined; rank: SQL<number>; kindByRank: readonly (typeof matchKinds)[number][] };

// The searchable columns, on the part itself or on its fitment rows (which carry copies).
type SearchColumns = { oeNorm: AnyPgColumn; nameZh: AnyPgColumn; pinyin: AnyPgColumn; initials: AnyPgColumn };

// How the text is read decides which index answers: an OE-looking text is a prefix of the
// normalised OE number (btree pattern ops); Latin letters are pinyin or initials (prefix); anything
// else is a fragment of the Chinese name (trigram GIN). Each match gets a rank, best first.
export function matcherFor(q: string | undefined, c: SearchColumns = part): Matcher {
  // A typed constant, not a bare `0`: in ORDER BY a bare integer means "the first column".
  if (!q) return { where: undefined, rank: sql<number>`cast(0 as integer)`, kindByRank: ['all'] };
  if (looksLikeOe(q)) {
    const norm = normaliseOe(q);
    return {
      where: sql`${c.oeNorm} like ${`${escapeLike(norm)}%`}`,
      rank: sql<number>`case when ${c.oeNorm} = ${norm} then 0 else 1 end`,
      kindByRank: ['exact_oe', 'oe_prefix'],
    };
  }
  if (looksLikePinyin(q)) {
    const text = q.toLowerCase();
    const prefix = `${escapeLike(text)}%`;
    return {
      where: sql`(${c.initials} like ${prefix} or ${c.pinyin} like ${prefix})`,
      rank: sql<number>`case when ${c.initials} = ${text} or ${c.pinyin} = ${text} then 0 when ${c.initials} like ${prefix} then 1 else 2 end`,
      kindByRank: ['initials', 'initials', 'pinyin'],
    };
  }
  return {
    where: sql`${c.nameZh} like ${`%${escapeLike(q)}%`}`,
    rank: sql<number>`case when ${c.nameZh} = ${q} then 0 when ${c.nameZh} like ${`${escapeLike(q)}%`} then 1 else 2 end`,
    kindByRank: ['exact_name', 'name_prefix', 'name_contains'],
  };
}

export type Cursor = { r: number; o: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeSearchCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (Number.isInteger(value.r) && typeof value.o === 'string') return value;
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);
}

export type PartSearchPlan = {
  q: string | undefined;
  modelIds: string[] | undefined;
  category: SearchPartsQuery['category'];
  after: Cursor | undefined;
  limit: number;
};

const partColumns = {
  id: part.id,
  oeNo: part.oeNo,
  oeNorm: part.oeNorm,
  nameZh: part.nameZh,
  nameEn: part.nameEn,
  pinyin: part.pinyin,
  initials: part.initials,
  category: part.category,
  oePriceFen: part.oePriceFen,
};

// The one SQL query behind a search, built apart so the benchmark can EXPLAIN exactly what runs.
// Scoped to vehicles, it ranks the models' fitment rows (an index-only scan of a few hundred
// entries) and reads only the winning parts; unscoped, it matches the part table's own indexes.
export function partSearchQuery(db: Executor, plan: PartSearchPlan) {
  const { q, modelIds, category, after, limit } = plan;
  if (modelIds) {
    const m = matcherFor(q, partFitment);
    const hits = db
      .selectDistinct({ partId: partFitment.partId, oeNorm: partFitment.oeNorm, rank: sql<number>`${m.rank}`.as('rank') })
      .from(partFitment)
      .where(
        and(
          inArray(partFitment.vehicleModelId, modelIds),
          m.where,
          category ? eq(partFitment.category, category) : undefined,
          after ? sql`(${m.rank}, ${partFitment.oeNorm}) > (${after.r}, ${after.o})` : undefined,
        ),
      )
      .orderBy(sql`rank`, partFitment.oeNorm)
      .limit(limit + 1)
      .as('hits');
    return db
      .select({ ...partColumns, rank: sql<number>`${hits.rank}`.mapWith(Number) })
      .from(hits)
      .innerJoin(part, eq(part.id, hits.partId))
      .orderBy(hits.rank, part.oeNorm);
  }
  const m = matcherFor(q);
  return db
    .select({ ...partColumns, rank: sql<number>`${m.rank}`.mapWith(Number) })
    .from(part)
    .where(and(m.where, category ? eq(part.category, category) : undefined, after ? sql`(${m.rank}, ${part.oeNorm}) > (${after.r}, ${after.o})` : undefined))
    .orderBy(m.rank, part.oeNorm)
    .limit(limit + 1);
}

// Parts search. With a VIN or model the candidate set is first narrowed to that vehicle's fitment
// (a few hundred parts), and only those are matched and ranked; without one, the indexes above
// find the matches across the whole catalog. Keyset-paginated by (rank, normalised OE).
export async function searchParts(db: Executor, ctx: Ctx, query: SearchPartsQuery): Promise<SearchPartsResult> {
  requirePermission(ctx.actor, 'catalog.read');
  let modelIds: string[] | undefined;
  let vehicleModels: VehicleModelDto[] | undefined;
  if (query.vin) {
    vehicleModels = await matchVehicleModels(db, decodeOrRefuse(query.vin, 'querystring', ctx.locale));
    modelIds = vehicleModels.map((m) => m.id);
    if (query.vehicleModelId) modelIds = modelIds.filter((id) => id === query.vehicleModelId);
  } else if (query.vehicleModelId) {
    modelIds = [query.vehicleModelId];
  }
  if (modelIds && modelIds.length === 0) return { items: [], nextCursor: null, vehicleModels };

  const kinds = matcherFor(query.q).kindByRank;
  const after = decodeSearchCursor(query.cursor);
  const rows = await partSearchQuery(db, { q: query.q, modelIds, category: query.category, after, limit: query.limit });

  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map((row) => ({ ...toPartDto(row as PartRow), match: kinds[row.rank] ?? kinds.at(-1)! })),
    nextCursor: more && last ? encodeCursor({ r: last.rank, o: last.oeNorm }) : null,
    vehicleModels,
  };
}
