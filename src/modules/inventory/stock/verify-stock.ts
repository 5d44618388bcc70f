import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { dropZeros, quantKey, quantsFromMoves, quantIsValid, type QuantDelta } from '../quant-math.ts';
import { stockMove, stockQuant } from '../tables.ts';

export type StockMismatch = { key: string; cached: { onHand: number; reserved: number } | null; fromMoves: { onHand: number; reserved: number } | null };
export type VerifyReport = {
  moves: number;
  quants: number;
  mismatches: StockMismatch[];
  // Quants (rebuilt or cached) that are impossible: negative, or more reserved than on hand.
  invalid: string[];
  ok: boolean;
};

const BATCH = 10_000;
// A report lists the first mismatches; a broken cache usually breaks in one pattern.
const MAX_LISTED = 100;

// `anpei stock verify`: rebuilds every quant from the moves (with quant-math.ts, the same
// definition the writer uses) and compares with the cache. Reads in batches by id so memory stays
// flat however long the history.
export async function verifyStock(db: Executor, onProgress?: (moves: number) => void): Promise<VerifyReport> {
  const sums = new Map<string, QuantDelta>();
  let count = 0;
  let last: string | undefined;
  for (;;) {
    const batch = await db
      .select({
        id: stockMove.id,
        phase: stockMove.phase,
        productId: stockMove.productId,
        lotId: stockMove.lotId,
        ownerOrgId: stockMove.ownerOrgId,
        qty: stockMove.qty,
        fromLocationId: stockMove.fromLocationId,
        toLocationId: stockMove.toLocationId,
      })
      .from(stockMove)
      .where(last ? gt(stockMove.id, last) : undefined)
      .orderBy(asc(stockMove.id))
      .limit(BATCH);
    quantsFromMoves(batch, sums);
    count += batch.length;
    onProgress?.(count);
    if (batch.length < BATCH) break;
    last = batch.at(-1)!.id;
  }
  const rebuilt = dropZeros(sums);
  const cached = new Map<string, QuantDelta>();
  for (const q of await db.select().from(stockQuant)) {
    if (q.onHand === 0 && q.reserved === 0) continue;
    cached.set(quantKey(q), q);
  }
  const mismatches: StockMismatch[] = [];
  const invalid: string[] = [];
  for (const key of new Set([...rebuilt.keys(), ...cached.keys()])) {
    const a = cached.get(key);
    const b = rebuilt.get(key);
    if (a?.onHand !== b?.onHand || a?.reserved !== b?.reserved) {
      if (mismatches.length < MAX_LISTED) {
        mismatches.push({ key, cached: a ? { onHand: a.onHand, reserved: a.reserved } : null, fromMoves: b ? { onHand: b.onHand, reserved: b.reserved } : null });
      }
    }
    for (const q of [a, b]) if (q && !quantIsValid(q) && invalid.length < MAX_LISTED) invalid.push(key);
  }
  return { moves: count, quants: cached.size, mismatches, invalid, ok: mismatches.length === 0 && invalid.length === 0 };
}
