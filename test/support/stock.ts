import { and, eq, sql } from 'drizzle-orm';
import { stockQuant } from '../../src/modules/inventory/index.ts';
import type { Db } from '../../src/platform/db.ts';

// A product's stock at one location, summed over lots and owners, as the quants say.
export async function stockAt(db: Db, productId: string, locationId: string): Promise<{ onHand: number; reserved: number; available: number }> {
  const [row] = await db
    .select({ onHand: sql<number>`coalesce(sum(${stockQuant.onHand}), 0)::int`, reserved: sql<number>`coalesce(sum(${stockQuant.reserved}), 0)::int` })
    .from(stockQuant)
    .where(and(eq(stockQuant.productId, productId), eq(stockQuant.locationId, locationId)));
  return { onHand: row!.onHand, reserved: row!.reserved, available: row!.onHand - row!.reserved };
}
