import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { fenOutput, fenToJson, saving } from '../../platform/money.ts';
import { org } from '../identity/index.ts';
import { isRegionCode, regionPath } from '../regions/index.ts';
import { GradeEnum } from './dto.ts';
import { chinaDate } from '../../platform/china-date.ts';
import { grades } from './grades.ts';
import { offerUsableWhere } from './offer-valid.ts';
import { certBody, offer, part, product, productPart } from './tables.ts';

export const PartOffersQuery = z.strictObject({
  // The delivery region (the repair shop's district or city); only offers serving it are listed.
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  // The day the offers must be valid on; today in China by default.
  on: z.iso.date().optional(),
});
export type PartOffersQuery = z.infer<typeof PartOffersQuery>;

export const PartOfferDto = z
  .object({
    offerId: z.uuid(),
    product: z.object({
      id: z.uuid(),
      sku: z.string(),
      brand: z.string(),
      name: z.string(),
      grade: GradeEnum,
      warrantyMonths: z.number().int(),
      certification: z.object({ body: z.string(), bodyName: z.string(), number: z.string(), validFrom: z.string(), validTo: z.string(), valid: z.boolean() }).nullable(),
    }),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    priceFen: fenOutput,
    vatFen: fenOutput,
    netFen: fenOutput,
    minQty: z.number().int(),
    leadTimeDays: z.number().int(),
    regionCodes: z.array(z.string()),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    // Against the part's OE list price; negative when the offer costs more.
    savingFen: fenOutput,
    savingPct: z.number(),
  })
  .meta({ id: 'PartOffer' });
export type PartOfferDto = z.infer<typeof PartOfferDto>;

export const PartOffersResult = z
  .object({
    part: z.object({ id: z.uuid(), oeNo: z.string(), nameZh: z.string(), oePriceFen: fenOutput }),
    items: z.array(PartOfferDto),
  })
  .meta({ id: 'PartOffers' });
export type PartOffersResult = z.infer<typeof PartOffersResult>;

// A part has a handful of offers per grade; this bounds a pathological one.
const MAX_OFFERS = 200;

const gradeOrder = sql`array_position(array[${sql.join(
  grades.map((g) => sql`${g}`),
  sql`, `,
)}]::text[], ${product.grade})`;

// The one SQL query behind a part's offers, with placeholders: partId, day (YYYY-MM-DD) and served
// (the delivery region's codes, or null for any region). Its plan takes ten times longer to make
// than to run, so it is prepared once per database and then only executed. Exported apart so the
// benchmark can EXPLAIN exactly what runs.
export function partOffersSelect(db: Executor) {
  return db
    .select({
      part: { id: part.id, oeNo: part.oeNo, nameZh: part.nameZh, oePriceFen: part.oePriceFen },
      offer,
      product,
      supplierName: org.name,
      certBodyCode: certBody.code,
      certBodyName: certBody.name,
    })
    .from(productPart)
    .innerJoin(part, eq(part.id, productPart.partId))
    .innerJoin(product, eq(product.id, productPart.productId))
    .innerJoin(offer, eq(offer.productId, product.id))
    .innerJoin(org, eq(org.id, product.supplierOrgId))
    .leftJoin(certBody, eq(certBody.id, product.certBodyId))
    .where(and(eq(productPart.partId, sql.placeholder('partId')), offerUsableWhere({ day: sql.placeholder('day'), served: sql.placeholder('served') })))
    .orderBy(gradeOrder, asc(offer.priceFen), asc(offer.leadTimeDays), asc(offer.id))
    .limit(MAX_OFFERS);
}

export type PartOffersParams = { partId: string; day: string; served: string[] | null };

const prepared = new WeakMap<Executor, ReturnType<typeof prepareOffers>>();

function prepareOffers(db: Executor) {
  return partOffersSelect(db).prepare('part_offers');
}

function partOffersRows(db: Executor, params: PartOffersParams) {
  let query = prepared.get(db);
  if (!query) {
    query = prepareOffers(db);
    prepared.set(db, query);
  }
  return query.execute(params);
}

// Every offer for a part, across grades: best grade first, then cheapest, then fastest. Only the
// offers usable on the day (offer-valid.ts) and, when a region is given, serving it; without one,
// serving anywhere.
export async function partOffers(db: Executor, ctx: Ctx, partId: string, query: PartOffersQuery): Promise<PartOffersResult> {
  requirePermission(ctx.actor, 'catalog.read');
  if (query.regionCode && !isRegionCode(query.regionCode)) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'regionCode', in: 'querystring', code: 'region_unknown' }]);
  }
  const day = query.on ?? chinaDate(ctx.now);
  const served = query.regionCode ? regionPath(query.regionCode).map((r) => r.code) : undefined;
  // The part comes with its offers in one query; only a part with no offer here needs a second
  // look, to tell "no offers" from "no such part".
  const rows = await partOffersRows(db, { partId, day, served: served ?? null });
  const target = rows[0]?.part ?? (await db.select({ id: part.id, oeNo: part.oeNo, nameZh: part.nameZh, oePriceFen: part.oePriceFen }).from(part).where(eq(part.id, partId)))[0];
  if (!target) throw notFound('part');

  return {
    part: { id: target.id, oeNo: target.oeNo, nameZh: target.nameZh, oePriceFen: fenToJson(target.oePriceFen) },
    items: rows.map(({ offer: o, product: p, supplierName, certBodyCode, certBodyName }) => {
      const { savingFen, savingPct } = saving(target.oePriceFen, o.priceFen);
      const cert =
        p.certNo && p.certValidFrom && p.certValidTo && certBodyCode && certBodyName
          ? { body: certBodyCode, bodyName: certBodyName, number: p.certNo, validFrom: p.certValidFrom, validTo: p.certValidTo, valid: p.certValidFrom <= day && day <= p.certValidTo }
          : null;
      return {
        offerId: o.id,
        product: { id: p.id, sku: p.sku, brand: p.brand, name: p.name, grade: p.grade, warrantyMonths: p.warrantyMonths, certification: cert },
        supplier: { id: p.supplierOrgId, name: supplierName },
        priceFen: fenToJson(o.priceFen),
        vatFen: fenToJson(o.vatFen),
        netFen: fenToJson(o.priceFen - o.vatFen),
        minQty: o.minQty,
        leadTimeDays: o.leadTimeDays,
        regionCodes: o.regionCodes,
        validFrom: o.validFrom,
        validTo: o.validTo,
        savingFen: fenToJson(savingFen),
        savingPct,
      };
    }),
  };
}
