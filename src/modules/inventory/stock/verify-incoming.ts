import type { Executor } from '../../../platform/db.ts';
import { stockIncoming } from '../tables.ts';

// One incoming row as its source document says it should be: per document line (a purchase
// order line), what is still to arrive, where and when.
export type ExpectedIncoming = { documentLineId: string; documentId: string; warehouseId: string; productId: string; qty: number; expectedDate: string | null };

export type IncomingMismatch = { documentLineId: string; stored: ExpectedIncoming | null; expected: ExpectedIncoming | null };
// `mismatches` lists the first MAX_LISTED differences; `mismatchCount` says how many there are in all.
export type IncomingReport = { rows: number; expected: number; mismatches: IncomingMismatch[]; mismatchCount: number; ok: boolean };

const MAX_LISTED = 100;

// `anpei stock verify`, incoming: stock_incoming is a cache of what the source documents say, and
// must equal it row for row. Inventory does not read those documents (purchasing owns them); the
// caller passes what they say (the CLI composes purchasing's expectedIncoming with this).
export async function verifyIncoming(db: Executor, expected: readonly ExpectedIncoming[]): Promise<IncomingReport> {
  const stored = new Map((await db.select().from(stockIncoming)).map((r) => [r.documentLineId, r]));
  const wanted = new Map(expected.map((r) => [r.documentLineId, r]));
  const mismatches: IncomingMismatch[] = [];
  let differ = 0;
  for (const id of new Set([...stored.keys(), ...wanted.keys()])) {
    const a = stored.get(id) ?? null;
    const b = wanted.get(id) ?? null;
    const same = a !== null && b !== null && a.documentId === b.documentId && a.warehouseId === b.warehouseId && a.productId === b.productId && a.qty === b.qty && a.expectedDate === b.expectedDate;
    if (same) continue;
    differ += 1;
    if (mismatches.length < MAX_LISTED) mismatches.push({ documentLineId: id, stored: a, expected: b });
  }
  return { rows: stored.size, expected: wanted.size, mismatches, mismatchCount: differ, ok: differ === 0 };
}
