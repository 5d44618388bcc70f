import { z } from 'zod';
import { MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import { fenInput, fenOutput, fenToJson } from '../../../platform/money.ts';
import { isRegionCode } from '../../regions/index.ts';
import type { GradeCap, GradeCaps, PriceGuideEntry } from '../rules/index.ts';
import type { priceGuideEntry } from '../tables.ts';
import { categoryCodes, grades, type Category, type Grade } from './catalog-port.ts';

// A price guide entry in its three forms: the API's JSON (fen as integers), the stored row (caps as
// jsonb with fen as decimal strings, since JSON has no bigint) and rules/price-guide.ts's
// PriceGuideEntry that the quote resolves against (fen as bigint).

export type GuideRow = typeof priceGuideEntry.$inferSelect;
export type StoredCaps = GuideRow['caps'];

// What an entry is for: one part, or every part of a category.
export type GuideTarget = { scope: 'part'; partId: string } | { scope: 'category'; category: Category };

// The values of one entry, however they arrived (a PUT, a CSV row).
export type GuideValues = {
  target: GuideTarget;
  // null: nationwide.
  regionCode: string | null;
  // Only a part entry has its own OE reference; null keeps the catalog's OE list price.
  oeReferenceFen: bigint | null;
  caps: GradeCaps;
};

export const NATIONWIDE = '*';

// The natural key an entry is upserted by: `part:<partId>|<region or *>` or
// `category:<code>|<region or *>`.
export function guideKeyOf(target: GuideTarget, regionCode: string | null): string {
  const subject = target.scope === 'part' ? `part:${target.partId}` : `category:${target.category}`;
  return `${subject}|${regionCode ?? NATIONWIDE}`;
}

// Basis points of the OE reference: 0 to 100 %. An insurer that writes a guide never means to pay
// more than genuine OE for a part (resolveGuide caps unmentioned grades at the reference itself).
export const CapBp = z.number().int().min(0).max(10_000);

// A cap in fen is a unit price, so at most the domain's bound for one (bounds.ts).
export const GradeCapInput = z.union([z.strictObject({ bp: CapBp }), z.strictObject({ maxFen: fenInput(MAX_UNIT_PRICE_FEN) })]);
// Spelled out grade by grade rather than as a record, so the API document names the keys.
export const GradeCapsInput = z
  .strictObject({
    oem: GradeCapInput.optional(),
    oes: GradeCapInput.optional(),
    certified: GradeCapInput.optional(),
    aftermarket: GradeCapInput.optional(),
    recycled: GradeCapInput.optional(),
  } satisfies Record<Grade, z.ZodType>)
  .meta({ id: 'GradeCapsInput' });

// A GB/T 2260 code of any level; a province covers its cities and counties.
export const RegionCodeInput = z
  .string()
  .max(12)
  .refine((code) => isRegionCode(code), { message: 'region_unknown' });

// Caps in grade order, so equal caps are stored as equal jsonb whichever order they came in.
export function capsToStored(caps: GradeCaps): StoredCaps {
  const stored: StoredCaps = {};
  for (const grade of grades) {
    const cap = caps[grade];
    if (cap === undefined) continue;
    stored[grade] = 'bp' in cap ? { bp: cap.bp } : { maxFen: cap.maxFen.toString() };
  }
  return stored;
}

const StoredCap = z.union([z.strictObject({ bp: CapBp }), z.strictObject({ maxFen: z.string().regex(/^\d{1,18}$/) })]);
const StoredCapsSchema = z.partialRecord(z.enum(grades), StoredCap);

// Stored caps were written by capsToStored; anything else in the column is a bug, so it throws.
export function capsFromStored(stored: StoredCaps): GradeCaps {
  const parsed = StoredCapsSchema.parse(stored);
  const caps: GradeCaps = {};
  for (const grade of grades) {
    const cap = parsed[grade];
    if (cap === undefined) continue;
    caps[grade] = 'bp' in cap ? { bp: cap.bp } : { maxFen: BigInt(cap.maxFen) };
  }
  return caps;
}

export function entryOfRow(row: GuideRow): PriceGuideEntry {
  const caps = capsFromStored(row.caps);
  if (row.scope === 'part') {
    if (row.partId === null) throw new Error(`price_guide_entry ${row.id}: part scope without part`);
    return { scope: 'part', partId: row.partId, regionCode: row.regionCode, oeReferenceFen: row.oeReferenceFen, caps };
  }
  if (row.category === null) throw new Error(`price_guide_entry ${row.id}: category scope without category`);
  return { scope: 'category', category: row.category, regionCode: row.regionCode, caps };
}

const GradeCapDto = z.union([z.object({ bp: z.number().int() }), z.object({ maxFen: fenOutput })]);

export const GuideEntryDto = z
  .object({
    id: z.uuid(),
    insurerOrgId: z.uuid(),
    scope: z.enum(['part', 'category']),
    partId: z.uuid().nullable(),
    // The part's OE number as the catalog writes it, for people reading the guide.
    oeNo: z.string().nullable(),
    category: z.enum(categoryCodes).nullable(),
    regionCode: z.string().nullable(),
    guideKey: z.string(),
    oeReferenceFen: fenOutput.nullable(),
    caps: z.partialRecord(z.enum(grades), GradeCapDto),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PriceGuideEntry' });
export type GuideEntryDto = z.infer<typeof GuideEntryDto>;

function capDto(cap: GradeCap): { bp: number } | { maxFen: number } {
  return 'bp' in cap ? { bp: cap.bp } : { maxFen: fenToJson(cap.maxFen) };
}

export function toGuideEntryDto(row: GuideRow, oeNo: string | null): GuideEntryDto {
  const caps = capsFromStored(row.caps);
  const capsDto: GuideEntryDto['caps'] = {};
  for (const grade of grades) {
    const cap = caps[grade];
    if (cap !== undefined) capsDto[grade] = capDto(cap);
  }
  return {
    id: row.id,
    insurerOrgId: row.insurerOrgId,
    scope: row.scope,
    partId: row.partId,
    oeNo,
    category: row.category,
    regionCode: row.regionCode,
    guideKey: row.guideKey,
    oeReferenceFen: row.oeReferenceFen === null ? null : fenToJson(row.oeReferenceFen),
    caps: capsDto,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
