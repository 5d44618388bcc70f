import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db.ts';
import type { ExpectedIncoming } from '../stock/verify-incoming.ts';
import { stockIncoming } from '../tables.ts';

// Incoming (已订购) is inventory's table, kept by the documents that bring goods (purchase orders):
// they say what is still to arrive per document line, and these write it. `anpei stock verify`
// compares it with what the documents say.

// Sets the incoming rows of these document lines (inserting or changing each) and removes those
// of the lines in `gone`, whose goods are no longer to arrive.
export async function putIncoming(tx: Tx, rows: readonly ExpectedIncoming[], gone: readonly string[] = []): Promise<void> {
  if (gone.length > 0) await tx.delete(stockIncoming).where(inArray(stockIncoming.documentLineId, [...gone]));
  if (rows.length > 0) {
    await tx
      .insert(stockIncoming)
      .values([...rows])
      .onConflictDoUpdate({ target: stockIncoming.documentLineId, set: { qty: sql`excluded.qty`, expectedDate: sql`excluded.expected_date` } });
  }
}

// Nothing more is to arrive for these document lines, or for a whole document.
export async function dropIncoming(tx: Tx, where: { documentLineIds: readonly string[] } | { documentId: string }): Promise<void> {
  if ('documentLineIds' in where) {
    if (where.documentLineIds.length > 0) await tx.delete(stockIncoming).where(inArray(stockIncoming.documentLineId, [...where.documentLineIds]));
    return;
  }
  await tx.delete(stockIncoming).where(eq(stockIncoming.documentId, where.documentId));
}
