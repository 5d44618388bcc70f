import { asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../platform/db.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { categoryCodes } from '../categories.ts';
import { grades } from '../grades.ts';
import { certBody, type offer, type part, type product, productPart } from '../tables.ts';

// What the API shows of products and offers. Money leaves as integer fen (JSON numbers), with the
// VAT inside the price and the net amount beside it so no client has to do the arithmetic.

export const ProductDto = z
  .object({
    id: z.uuid(),
    supplierOrgId: z.uuid(),
    sku: z.string(),
    brand: z.string(),
    name: z.string(),
    grade: z.enum(grades),
    certBodyCode: z.string().nullable(),
    certNo: z.string().nullable(),
    certValidFrom: z.string().nullable(),
    certValidTo: z.string().nullable(),
    warrantyMonths: z.number().int(),
    pictureUrls: z.array(z.string()),
    // The catalog parts (OE numbers) the product replaces.
    partIds: z.array(z.uuid()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });
export type ProductDto = z.infer<typeof ProductDto>;

export const OfferDto = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    supplierOrgId: z.uuid(),
    priceFen: fenOutput,
    vatFen: fenOutput,
    netFen: fenOutput,
    minQty: z.number().int(),
    leadTimeDays: z.number().int(),
    // GB/T 2260 codes; empty means nationwide.
    regionCodes: z.array(z.string()),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Offer' });
export type OfferDto = z.infer<typeof OfferDto>;

export const PartSummaryDto = z
  .object({
    id: z.uuid(),
    oeNo: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    category: z.enum(categoryCodes),
  })
  .meta({ id: 'PartSummary' });
export type PartSummaryDto = z.infer<typeof PartSummaryDto>;

export const ProductDetailDto = ProductDto.extend({
  parts: z.array(PartSummaryDto),
  offers: z.array(OfferDto),
}).meta({ id: 'ProductDetail' });
export type ProductDetailDto = z.infer<typeof ProductDetailDto>;

type ProductRow = typeof product.$inferSelect;

export function toOfferDto(row: typeof offer.$inferSelect): OfferDto {
  return {
    id: row.id,
    productId: row.productId,
    supplierOrgId: row.supplierOrgId,
    priceFen: fenToJson(row.priceFen),
    vatFen: fenToJson(row.vatFen),
    netFen: fenToJson(row.priceFen - row.vatFen),
    minQty: row.minQty,
    leadTimeDays: row.leadTimeDays,
    regionCodes: row.regionCodes,
    validFrom: row.validFrom,
    validTo: row.validTo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toPartSummaryDto(row: typeof part.$inferSelect): PartSummaryDto {
  return { id: row.id, oeNo: row.oeNo, nameZh: row.nameZh, nameEn: row.nameEn, category: row.category };
}

// Products reference their certification body by id and their parts through product_part; a page
// of products is completed with two lookups for the whole page rather than two per product.
export async function toProductDtos(exec: Executor, rows: readonly ProductRow[]): Promise<ProductDto[]> {
  if (rows.length === 0) return [];
  const bodyIds = [...new Set(rows.flatMap((row) => (row.certBodyId ? [row.certBodyId] : [])))];
  const bodies = bodyIds.length === 0 ? [] : await exec.select({ id: certBody.id, code: certBody.code }).from(certBody).where(inArray(certBody.id, bodyIds));
  const codeOf = new Map(bodies.map((body) => [body.id, body.code]));
  const links = await exec
    .select()
    .from(productPart)
    .where(
      inArray(
        productPart.productId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(productPart.productId), asc(productPart.partId));
  const partsOf = new Map<string, string[]>();
  for (const link of links) {
    const list = partsOf.get(link.productId);
    if (list) list.push(link.partId);
    else partsOf.set(link.productId, [link.partId]);
  }
  return rows.map((row) => ({
    id: row.id,
    supplierOrgId: row.supplierOrgId,
    sku: row.sku,
    brand: row.brand,
    name: row.name,
    grade: row.grade,
    certBodyCode: row.certBodyId ? (codeOf.get(row.certBodyId) ?? null) : null,
    certNo: row.certNo,
    certValidFrom: row.certValidFrom,
    certValidTo: row.certValidTo,
    warrantyMonths: row.warrantyMonths,
    pictureUrls: row.pictureUrls,
    partIds: partsOf.get(row.id) ?? [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function toProductDto(exec: Executor, row: ProductRow): Promise<ProductDto> {
  const [dto] = await toProductDtos(exec, [row]);
  return dto!;
}
