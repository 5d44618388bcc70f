import { createHash } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db.ts';
import { startJob, type JobLog } from '../../../platform/jobs.ts';
import { auditEvent } from '../../../platform/tables.ts';
import { org } from '../../identity/index.ts';
import { warehouse } from '../../inventory/index.ts';
import { replenishmentRule } from '../tables.ts';
import { lockReplenishment, replenishWarehouse } from './replenish.ts';

// The daily replenishment job, run inside every app process: once per day in China, it
// replenishes every platform warehouse that has rules, raising draft purchase orders for its
// operator to review. Several processes may run it on one database: per warehouse, one takes the
// advisory lock (the others skip it for now) and, in the same transaction, looks for the day's
// marker, an audit row named after the warehouse and the day. The marker is written with the
// purchase orders, so a run that fails half-way leaves neither, and the next check runs it again.

export type ReplenishLog = JobLog;

export type ReplenishmentJobOptions = {
  db: Db;
  log: ReplenishLog;
  // How often to look whether the day's run is due (an hour by default; the run itself is daily).
  checkMs?: number;
  // The first look after start: not at once, so a start is not slowed by it.
  firstCheckMs?: number;
};

export type WarehouseOutcome = { warehouseId: string; code: string; outcome: 'ran' | 'done_today' | 'busy' | 'failed'; purchaseOrders: number; error?: unknown };

export type ReplenishmentJob = {
  // One check now (`now` fixes the clock for tests); checks never overlap.
  runOnce(now?: Date): Promise<WarehouseOutcome[]>;
  // Stops checking and waits for a running check to finish.
  stop(): Promise<void>;
};

export const DEFAULT_CHECK_MS = 60 * 60 * 1000;
const DEFAULT_FIRST_CHECK_MS = 60 * 1000;
// Warehouses looked at per check: the platform runs tens; the bound keeps a check finite.
const MAX_WAREHOUSES = 1000;

// A UUID made from the warehouse and the day, so the marker is found by the audit trail's index on
// the object id.
export function runMarkerId(warehouseId: string, day: string): string {
  const h = createHash('sha256').update(`replenishment:${warehouseId}:${day}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The job acts as the platform, as the CLI does: through the same checks and audit trail, with no
// user id, under a request id that names the run.
async function platformCtx(exec: Executor, now: Date, requestId: string): Promise<Ctx> {
  const [platform] = await exec.select({ id: org.id, regionCode: org.regionCode }).from(org).where(eq(org.kind, 'platform')).limit(1);
  if (!platform) throw new Error('replenishment: no platform organisation');
  return {
    actor: { type: 'user', userId: null, apiKeyId: null, orgId: platform.id, orgKind: 'platform', orgRegionCode: platform.regionCode, roles: ['admin'] },
    requestId,
    locale: 'zh-CN',
    now,
  };
}

export async function runDailyReplenishment(db: Db, now: Date): Promise<WarehouseOutcome[]> {
  const day = chinaDate(now);
  const warehouses = await db
    .select({ id: warehouse.id, code: warehouse.code })
    .from(warehouse)
    .where(and(ne(warehouse.kind, 'supplier'), sql`exists (select 1 from ${replenishmentRule} r where r.warehouse_id = ${warehouse.id})`))
    .orderBy(asc(warehouse.code))
    .limit(MAX_WAREHOUSES);
  const out: WarehouseOutcome[] = [];
  for (const w of warehouses) {
    const marker = runMarkerId(w.id, day);
    // One warehouse's failure (rolled back whole) does not keep the others from their run.
    out.push(
      await db
        .transaction(async (tx): Promise<WarehouseOutcome> => {
          if (!(await lockReplenishment(tx, w.id, false))) return { warehouseId: w.id, code: w.code, outcome: 'busy', purchaseOrders: 0 };
          const [done] = await tx
            .select({ id: auditEvent.id })
            .from(auditEvent)
            .where(and(eq(auditEvent.objectId, marker), eq(auditEvent.objectType, 'replenishment_run')))
            .limit(1);
          if (done) return { warehouseId: w.id, code: w.code, outcome: 'done_today', purchaseOrders: 0 };
          const ctx = await platformCtx(tx, now, `replenish-${day}-${w.code}`);
          const run = await replenishWarehouse(tx, ctx, w.id, { dryRun: false });
          const [owner] = await tx.select({ operatorOrgId: warehouse.operatorOrgId }).from(warehouse).where(eq(warehouse.id, w.id));
          await recordAudit(tx, ctx, {
            orgId: owner!.operatorOrgId,
            objectType: 'replenishment_run',
            objectId: marker,
            action: 'run',
            data: {
              day,
              warehouseId: w.id,
              warehouseCode: w.code,
              purchaseOrders: run.raised.map((r) => r.poNo),
              proposed: run.lines.filter((l) => l.qty > 0).length,
              withoutOffer: run.lines.filter((l) => l.why === 'no_offer').length,
            },
          });
          return { warehouseId: w.id, code: w.code, outcome: 'ran', purchaseOrders: run.raised.length };
        })
        .catch((error: unknown): WarehouseOutcome => ({ warehouseId: w.id, code: w.code, outcome: 'failed', purchaseOrders: 0, error })),
    );
  }
  return out;
}

export function startReplenishmentJob(opts: ReplenishmentJobOptions): ReplenishmentJob {
  const checkMs = opts.checkMs ?? DEFAULT_CHECK_MS;
  if (!Number.isInteger(checkMs) || checkMs < 1000) throw new Error(`checkMs must be an integer ≥ 1000, got ${checkMs}`);
  return startJob(
    {
      name: 'daily replenishment',
      everyMs: checkMs,
      firstAfterMs: opts.firstCheckMs ?? DEFAULT_FIRST_CHECK_MS,
      run: (clock) => runDailyReplenishment(opts.db, clock()),
      report(outcomes, log) {
        const ran = outcomes.filter((o) => o.outcome === 'ran');
        if (ran.length > 0) log.info({ warehouses: ran.map((o) => o.code), purchaseOrders: ran.reduce((n, o) => n + o.purchaseOrders, 0) }, 'daily replenishment');
        for (const o of outcomes) if (o.outcome === 'failed') log.error({ err: o.error, warehouse: o.code }, 'daily replenishment of a warehouse failed');
      },
    },
    opts.log,
  );
}
