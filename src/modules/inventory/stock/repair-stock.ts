import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { AnyCtx } from '../../../platform/context.ts';
import { executePrepared, type Db, type Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { stmt } from '../../../platform/stmt.ts';
import type { QuantKey } from '../quant-math.ts';
import { stockQuant } from '../tables.ts';
import { repairPlan, type RepairPlan, type StockMismatch } from './quant-diff.ts';
import { sumMoves } from './verify-stock.ts';

export type RepairReport = { moves: number; inserted: number; updated: number; deleted: number; unrepairable: StockMismatch[] };

// `anpei stock verify --repair`: makes the cached quants equal to what the moves add up to, in one
// transaction, and records it in the audit trail. The moves are the truth and are only read.
//
// No stock writer may interleave: one whose move was not among the sums read, but whose quant
// change came before the repair's write, would see that change overwritten. So the transaction
// first takes stock_quant in EXCLUSIVE mode. Every move that changes a quant is written by
// applyMoves or movesOnLockedQuants together with its quant change, by a transaction that holds a
// lock on stock_quant by then (the row locks the sourcing core takes `for update`, or the update
// itself); EXCLUSIVE waits for all of them to end and keeps new ones out until the repair commits,
// while plain reads (stock lists, positions) go on. Only then are the moves summed, each statement
// seeing every such move committed; a writer that comes later adds its change to the repaired
// quant. Moves that touch no counted location may still arrive, and change no sum. Holding the
// one lock, the repair waits for nobody while holding another, so it adds no deadlock. Orders and
// receipts wait for it meanwhile, as long as one full read of the moves takes.
export async function repairStock(db: Db, ctx: AnyCtx, onProgress?: (moves: number) => void): Promise<RepairReport> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table stock_quant in exclusive mode`);
    const { moves, sums } = await sumMoves(tx, onProgress);
    const plan = repairPlan(sums, await tx.select().from(stockQuant));
    await writePlan(tx, plan);
    const report = { moves, inserted: plan.insert.length, updated: plan.update.length, deleted: plan.remove.length, unrepairable: plan.unrepairable };
    if (report.inserted + report.updated + report.deleted > 0) {
      await recordAudit(tx, ctx, {
        orgId: null,
        objectType: 'stock_quant_cache',
        objectId: newId(),
        action: 'repair',
        data: { moves, inserted: report.inserted, updated: report.updated, deleted: report.deleted, unrepairable: report.unrepairable.length },
      });
    }
    return report;
  });
}

// One statement per kind of change whatever the number of quants: the rows go as arrays, one per
// column, so the statement's text (and its parameter count) stays the same.
async function writePlan(tx: Tx, plan: RepairPlan): Promise<void> {
  const keys = (rows: readonly QuantKey[]) =>
    stmt`${rows.map((r) => r.productId)}::uuid[], ${rows.map((r) => r.locationId)}::uuid[], ${rows.map((r) => r.lotId)}::uuid[], ${rows.map((r) => r.ownerOrgId)}::uuid[]`;
  const quantities = (rows: RepairPlan['insert']) => stmt`${rows.map((r) => r.onHand)}::int[], ${rows.map((r) => r.reserved)}::int[]`;
  if (plan.remove.length > 0) {
    await executePrepared(
      tx,
      stmt`delete from stock_quant q using unnest(${keys(plan.remove)}) as d (product_id, location_id, lot_id, owner_org_id)
        where (q.product_id, q.location_id, q.lot_id, q.owner_org_id) = (d.product_id, d.location_id, d.lot_id, d.owner_org_id)`,
    );
  }
  if (plan.update.length > 0) {
    await executePrepared(
      tx,
      stmt`update stock_quant q set on_hand = d.on_hand, reserved = d.reserved
        from unnest(${keys(plan.update)}, ${quantities(plan.update)}) as d (product_id, location_id, lot_id, owner_org_id, on_hand, reserved)
        where (q.product_id, q.location_id, q.lot_id, q.owner_org_id) = (d.product_id, d.location_id, d.lot_id, d.owner_org_id)`,
    );
  }
  if (plan.insert.length > 0) {
    await executePrepared(
      tx,
      stmt`insert into stock_quant (product_id, location_id, lot_id, owner_org_id, on_hand, reserved)
        select * from unnest(${keys(plan.insert)}, ${quantities(plan.insert)})`,
    );
  }
}
