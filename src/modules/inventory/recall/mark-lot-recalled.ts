import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../../platform/db.ts';
import { stockLot } from '../tables.ts';

export type RecallMark = { lotId: string; reason: string; byOrgId: string; at: Date };

export type RecallMarkResult =
  | { ok: true; recalledAt: Date }
  // Someone recalled it first (maybe a moment ago, in a transaction this one waited for).
  | { ok: false; code: 'already_recalled'; recalledAt: Date; reason: string | null };

// Marks a lot recalled (召回), once. From this commit on, its quants are left out wherever stock is
// reserved or sourced (sourcing-world.ts, demands.ts), its units are refused at picking
// (order-units.ts) and answer "recalled" to the public lookup. `recalled_by` is the organisation
// that recalled it, the platform or the lot's supplier, which is what everyone told of the recall
// needs to know; the person (or API key) behind it is in the audit row.
//
// The update takes the lot's row lock, so two recalls of one lot queue: the second finds the lot
// recalled (the condition is checked again on the row the first committed) and answers so.
export async function markLotRecalled(tx: Tx, mark: RecallMark): Promise<RecallMarkResult> {
  const [done] = await tx
    .update(stockLot)
    .set({ recalledAt: mark.at, recallReason: mark.reason, recalledBy: mark.byOrgId })
    .where(and(eq(stockLot.id, mark.lotId), isNull(stockLot.recalledAt)))
    .returning({ recalledAt: stockLot.recalledAt });
  if (done) return { ok: true, recalledAt: done.recalledAt! };
  const [lot] = await tx.select({ recalledAt: stockLot.recalledAt, reason: stockLot.recallReason }).from(stockLot).where(eq(stockLot.id, mark.lotId));
  if (!lot) throw new Error(`markLotRecalled: no lot ${mark.lotId}`);
  if (!lot.recalledAt) throw new Error(`markLotRecalled: lot ${mark.lotId} was neither updated nor recalled`);
  return { ok: false, code: 'already_recalled', recalledAt: lot.recalledAt, reason: lot.reason };
}
