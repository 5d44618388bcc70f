import { and, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { offer } from './tables.ts';

// What a supplier asks for each product on a day, VAT included, and the VAT inside: its lowest
// offer valid that day, in any region. For valuing stock an operator bought outside a purchase
// order (a receipt names no price; this is what it would have paid the supplier). Products with no
// offer valid on the day are absent.
export async function listPrices(exec: Executor, productIds: readonly string[], day: string): Promise<Map<string, { unitFen: bigint; vatFen: bigint }>> {
  if (productIds.length === 0) return new Map();
  const rows = await exec
    .selectDistinctOn([offer.productId], { productId: offer.productId, unitFen: offer.priceFen, vatFen: offer.vatFen })
    .from(offer)
    .where(and(inArray(offer.productId, [...new Set(productIds)]), lte(offer.validFrom, day), or(isNull(offer.validTo), gte(offer.validTo, day))))
    .orderBy(offer.productId, offer.priceFen, sql`${offer.id}`);
  return new Map(rows.map((r) => [r.productId, { unitFen: r.unitFen, vatFen: r.vatFen }]));
}
