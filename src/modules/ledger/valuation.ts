import { asc, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { stockValuation } from './tables.ts';

// The platform's own stock at average cost (tables.ts: stockValuation). Goods it bought come in at
// what they cost net of VAT; a sale or a loss takes out its share of the product's value, the
// whole of it with the last unit, so the values always add up to the inventory account. Units the
// books never received (stock brought in before the ledger, or by a bulk seed) carry no cost: when
// more go out than the books hold, the cost is what the books hold.

export type ValueIn = { productId: string; qty: number; valueFen: bigint };

export async function valueIn(exec: Executor, items: readonly ValueIn[]): Promise<void> {
  const merged = new Map<string, ValueIn>();
  for (const i of items) {
    const m = merged.get(i.productId);
    merged.set(i.productId, m ? { productId: i.productId, qty: m.qty + i.qty, valueFen: m.valueFen + i.valueFen } : { ...i });
  }
  const rows = [...merged.values()].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  if (rows.length === 0) return;
  await exec
    .insert(stockValuation)
    .values(rows)
    .onConflictDoUpdate({ target: stockValuation.productId, set: { qty: sql`${stockValuation.qty} + excluded.qty`, valueFen: sql`${stockValuation.valueFen} + excluded.value_fen` } });
}

// Takes units out (a sale, a loss) and answers what each item cost, in the items' order.
export async function valueOut(exec: Executor, items: readonly { productId: string; qty: number }[]): Promise<bigint[]> {
  const ids = [...new Set(items.map((i) => i.productId))].sort();
  if (ids.length === 0) return [];
  const held = await exec.select().from(stockValuation).where(inArray(stockValuation.productId, ids)).orderBy(asc(stockValuation.productId)).for('update');
  const now = new Map(held.map((h) => [h.productId, { qty: h.qty, valueFen: h.valueFen }]));
  const costs = items.map((i) => {
    const h = now.get(i.productId);
    if (!h || h.qty === 0) return 0n;
    const take = Math.min(i.qty, h.qty);
    const cost = take === h.qty ? h.valueFen : (h.valueFen * BigInt(take)) / BigInt(h.qty);
    now.set(i.productId, { qty: h.qty - take, valueFen: h.valueFen - cost });
    return cost;
  });
  for (const [productId, v] of now) {
    const before = held.find((h) => h.productId === productId)!;
    if (before.qty !== v.qty) await exec.update(stockValuation).set(v).where(sql`${stockValuation.productId} = ${productId}`);
  }
  return costs;
}

// The average cost of one unit of each product, for goods found (a count's surplus): the product's
// value over its units, rounded down; products the books hold none of are absent.
export async function averageCosts(exec: Executor, productIds: readonly string[]): Promise<Map<string, bigint>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const rows = await exec.select().from(stockValuation).where(inArray(stockValuation.productId, ids));
  return new Map(rows.filter((r) => r.qty > 0).map((r) => [r.productId, r.valueFen / BigInt(r.qty)]));
}
