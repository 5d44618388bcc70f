import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { supplierRecord } from './tables.ts';

export type SupplierCounters = { linesReceived: number; linesRejected: number; traceMismatches: number; linesLate: number };

// Fewer lines than this say too little about a supplier: it stays unrated.
export const MIN_LINES_FOR_RATING = 5;

// A supplier's rating, 0-100, from what shops found on receipt: every rejected line costs its
// share, a mismatched trace code (以次充好) five times as much, a late delivery half. Null until
// the supplier has delivered MIN_LINES_FOR_RATING lines.
export function supplierRating(c: SupplierCounters): number | null {
  if (c.linesReceived < MIN_LINES_FOR_RATING) return null;
  const penalty = (c.linesRejected + 5 * c.traceMismatches + 0.5 * c.linesLate) / c.linesReceived;
  return Math.max(0, Math.min(100, Math.round(100 * (1 - penalty))));
}

export type CounterDelta = Partial<SupplierCounters> & { supplierOrgId: string };

// Adds to suppliers' counters, in the caller's transaction, in key order (no deadlocks).
export async function countForSuppliers(exec: Executor, deltas: readonly CounterDelta[], at: Date): Promise<void> {
  const bySupplier = new Map<string, SupplierCounters>();
  for (const d of deltas) {
    const c = bySupplier.get(d.supplierOrgId) ?? { linesReceived: 0, linesRejected: 0, traceMismatches: 0, linesLate: 0 };
    c.linesReceived += d.linesReceived ?? 0;
    c.linesRejected += d.linesRejected ?? 0;
    c.traceMismatches += d.traceMismatches ?? 0;
    c.linesLate += d.linesLate ?? 0;
    bySupplier.set(d.supplierOrgId, c);
  }
  const rows = [...bySupplier.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([supplierOrgId, c]) => ({ supplierOrgId, ...c, updatedAt: at }));
  if (rows.length === 0) return;
  await exec
    .insert(supplierRecord)
    .values(rows)
    .onConflictDoUpdate({
      target: supplierRecord.supplierOrgId,
      set: {
        linesReceived: sql`${supplierRecord.linesReceived} + excluded.lines_received`,
        linesRejected: sql`${supplierRecord.linesRejected} + excluded.lines_rejected`,
        traceMismatches: sql`${supplierRecord.traceMismatches} + excluded.trace_mismatches`,
        linesLate: sql`${supplierRecord.linesLate} + excluded.lines_late`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

// The ratings of some suppliers (absent: unrated), for quoting.
export async function supplierRatings(exec: Executor, supplierOrgIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (supplierOrgIds.length === 0) return out;
  const rows = await exec
    .select()
    .from(supplierRecord)
    .where(inArray(supplierRecord.supplierOrgId, [...new Set(supplierOrgIds)]));
  for (const r of rows) {
    const rating = supplierRating(r);
    if (rating !== null) out.set(r.supplierOrgId, rating);
  }
  return out;
}
