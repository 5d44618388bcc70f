import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { ledgerTransfer } from './tables.ts';

// The order lines whose sale the ledger holds (their pending sale was posted when they were
// ordered): every line ordered since the ledger exists. Lines ordered before it (migration 0020)
// have nothing to post or void, and settlement leaves them out.
export async function linesInBooks(exec: Executor, orderLineIds: readonly string[]): Promise<Set<string>> {
  if (orderLineIds.length === 0) return new Set();
  const rows = await exec
    .selectDistinct({ id: ledgerTransfer.orderLineId })
    .from(ledgerTransfer)
    .where(and(inArray(ledgerTransfer.orderLineId, [...orderLineIds]), eq(ledgerTransfer.phase, 'pending')));
  return new Set(rows.map((r) => r.id!));
}
