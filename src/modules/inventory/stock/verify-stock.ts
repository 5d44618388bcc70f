import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { quantsFromMoves, type QuantDelta } from '../quant-math.ts';
import { stockMove, stockQuant } from '../tables.ts';
import { diffQuants, type StockMismatch } from './quant-diff.ts';

export type { StockMismatch } from './quant-diff.ts';
export type VerifyReport = {
  moves: number;
  quants: number;
  // The first MAX_LISTED differences, and how many there are in all.
  mismatches: StockMismatch[];
  mismatchCount: number;
  // Quants (rebuilt or cached) that are impossible: negative, or more reserved than on hand. The
  // first MAX_LISTED, and how many in all.
  invalid: string[];
  invalidCount: number;
  ok: boolean;
};

const BATCH = 10_000;
// A report lists the first mismatches; a broken cache usually breaks in one pattern.
export const MAX_LISTED = 100;

// `anpei stock verify`: rebuilds every quant from the moves (with quant-math.ts, the same
// definition the writer uses) and compares with the cache (quant-diff.ts).
export async function verifyStock(db: Executor, onProgress?: (moves: number) => void): Promise<VerifyReport> {
  const { moves, sums } = await sumMoves(db, onProgress);
  const cached = await db.select().from(stockQuant);
  const { mismatches, invalid } = diffQuants(sums, cached);
  return {
    moves,
    quants: cached.filter((q) => q.onHand !== 0 || q.reserved !== 0).length,
    mismatches: mismatches.slice(0, MAX_LISTED),
    mismatchCount: mismatches.length,
    invalid: invalid.slice(0, MAX_LISTED),
    invalidCount: invalid.length,
    ok: mismatches.length === 0 && invalid.length === 0,
  };
}

// What every quant must hold by the moves, empty sums kept (the quants some move touched), with
// the number of moves read. Reads in batches by id so memory stays flat however long the history.
export async function sumMoves(db: Executor, onProgress?: (moves: number) => void): Promise<{ moves: number; sums: Map<string, QuantDelta> }> {
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
  return { moves: count, sums };
}
