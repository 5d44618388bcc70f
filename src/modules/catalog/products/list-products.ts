import { and, asc, eq, gt, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { containsPattern } from '../../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { product, productPart } from '../tables.ts';
import { toProductDtos, type ProductDto } from './dto.ts';
import { gradeField } from './schemas.ts';

export const ListProductsQuery = z.strictObject({
  grade: gradeField.optional(),
  // A fragment of the SKU, brand or name.
  q: z.string().trim().min(1).max(100).optional(),
  // Products that replace this catalog part.
  partId: z.uuid().optional(),
  // For the platform: one supplier's products. For a supplier another's id simply finds nothing.
  supplierOrgId: z.uuid().optional(),
  ...pageQuery,
});
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

// A supplier manages its own products; the platform's catalog team sees every supplier's. Insurers
// read offers through a part's offers instead, so this list needs products.manage.
export async function listProducts(db: Executor, ctx: Ctx, query: ListProductsQuery): Promise<Page<ProductDto>> {
  requirePermission(ctx.actor, 'products.manage');
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    tenantScope(ctx.actor, product.supplierOrgId),
    query.supplierOrgId ? eq(product.supplierOrgId, query.supplierOrgId) : undefined,
    query.grade ? eq(product.grade, query.grade) : undefined,
    query.q ? or(ilike(product.sku, containsPattern(query.q)), ilike(product.brand, containsPattern(query.q)), ilike(product.name, containsPattern(query.q))) : undefined,
    query.partId ? inArray(product.id, db.select({ id: productPart.productId }).from(productPart).where(eq(productPart.partId, query.partId))) : undefined,
    after ? gt(product.id, after) : undefined,
  ];
  const rows = await db
    .select()
    .from(product)
    .where(and(...conditions))
    .orderBy(asc(product.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);
  return { items: await toProductDtos(db, page.items), nextCursor: page.nextCursor };
}
