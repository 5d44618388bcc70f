import { asc, eq, inArray } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { offer, part } from '../tables.ts';
import { toOfferDto, toPartSummaryDto, toProductDto, type ProductDetailDto } from './dto.ts';
import { findProduct } from './find.ts';
import { MAX_OFFERS_PER_PRODUCT } from './schemas.ts';

// One product with the parts it replaces and all its offers. Both lists are bounded: a product
// names at most MAX_PARTS_PER_PRODUCT parts and createOffer refuses more than
// MAX_OFFERS_PER_PRODUCT offers, so the limits below never cut anything off.
export async function getProduct(db: Executor, ctx: Ctx, id: string): Promise<ProductDetailDto> {
  requirePermission(ctx.actor, 'products.manage');
  const row = await findProduct(db, ctx, id);
  const dto = await toProductDto(db, row);
  const parts = dto.partIds.length === 0 ? [] : await db.select().from(part).where(inArray(part.id, dto.partIds)).orderBy(asc(part.oeNorm));
  const offers = await db.select().from(offer).where(eq(offer.productId, id)).orderBy(asc(offer.id)).limit(MAX_OFFERS_PER_PRODUCT);
  return { ...dto, parts: parts.map(toPartSummaryDto), offers: offers.map(toOfferDto) };
}
