import { count, inArray } from 'drizzle-orm';
import type { Command } from 'commander';
import { progressBar } from '../../../cli/progress.ts';
import { cliCtx } from '../../../cli/system-ctx.ts';
import { loadConfig } from '../../../platform/config.ts';
import type { Db, Executor } from '../../../platform/db.ts';
import { openConfiguredDatabase } from '../../../platform/open.ts';
import { product } from '../../catalog/index.ts';
import { stockLocation, stockLot, stockMove } from '../tables.ts';
import type { Qty } from './quant-diff.ts';
import { repairStock, type RepairReport } from './repair-stock.ts';
import { verifyIncoming, type ExpectedIncoming, type IncomingReport } from './verify-incoming.ts';
import { MAX_LISTED, verifyStock, type VerifyReport } from './verify-stock.ts';

export type StockCommandOptions = {
  // What the source documents say stock_incoming should hold (purchasing's expectedIncoming):
  // inventory does not read them itself, so main.ts passes them in.
  expectedIncoming?: (db: Executor) => Promise<ExpectedIncoming[]>;
};

// `anpei stock verify [--repair]`: see stockVerify. Exit code 1 when anything differs (still
// differs, after a repair), so it can gate a deploy or a nightly job.
export function registerStockCommand(program: Command, opts: StockCommandOptions = {}): void {
  const stock = program.command('stock').description('stock maintenance');
  stock
    .command('verify')
    .description('recompute every quant from the stock moves and compare with the cached quants, and incoming with the purchase orders; writes nothing unless --repair; exit code 1 on any mismatch')
    .option(
      '--repair',
      'when quants differ, rebuild them from the moves in one transaction (stock writers wait meanwhile; the moves are never changed; one audit row), then verify again; incoming is not repaired',
    )
    .action(async (flags: { repair?: boolean }) => {
      const database = await openConfiguredDatabase(loadConfig());
      try {
        const ok = await stockVerify(database.db, { repair: flags.repair === true, expectedIncoming: opts.expectedIncoming, write: (text) => process.stdout.write(text) });
        if (!ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}

export type StockVerifyOptions = StockCommandOptions & {
  repair: boolean;
  write(text: string): void;
  progress?: (label: string) => { update(done: number, total: number): void; stop(): void };
};

// The command itself: rebuilds every quant from the moves and compares with the cache (see
// verify-stock.ts), and every incoming row with what its purchase order says (verify-incoming.ts).
// Progress over the moves on stderr, a readable report through `write`. With `repair`, differing
// quants are rebuilt from the moves (repair-stock.ts) and the quants verified again. Incoming is
// only reported: its rows follow the purchase orders, which purchasing writes under its own locks,
// so rebuilding them belongs there. Returns whether everything now agrees.
export async function stockVerify(db: Db, opts: StockVerifyOptions): Promise<boolean> {
  const progress = opts.progress ?? progressBar;
  const [row] = await db.select({ n: count() }).from(stockMove);
  const overMoves = async <T>(label: string, work: (onProgress: (done: number) => void) => Promise<T>): Promise<T> => {
    const bar = progress(label);
    const result = await work((done) => bar.update(done, Math.max(done, row?.n ?? 0)));
    bar.stop();
    return result;
  };
  let report = await overMoves('verify (moves)', (onProgress) => verifyStock(db, onProgress));
  opts.write(await describeStock(db, report));
  if (!opts.repair && report.mismatchCount > 0) opts.write('Nothing was written; `anpei stock verify --repair` rebuilds the cached quants from the moves.\n');
  if (opts.repair && !report.ok) {
    const ctx = await cliCtx(db);
    const repaired = await overMoves('repair (moves)', (onProgress) => repairStock(db, ctx, onProgress));
    opts.write(await describeRepair(db, repaired));
    report = await overMoves('verify again (moves)', (onProgress) => verifyStock(db, onProgress));
    opts.write(await describeStock(db, report));
  } else if (opts.repair) {
    opts.write('stock verify --repair: nothing to repair.\n');
  }
  let ok = report.ok;
  if (opts.expectedIncoming) {
    const incoming = await verifyIncoming(db, await opts.expectedIncoming(db));
    opts.write(describeIncoming(incoming));
    if (opts.repair && !incoming.ok) opts.write('--repair leaves incoming as it is: its rows follow the purchase orders, which purchasing keeps.\n');
    ok &&= incoming.ok;
  }
  return ok;
}

// Counts as a person reads them in a report: 2,315.
const n = (value: number) => value.toLocaleString('en-US');
// "…; the first 100:" when a list holds fewer than there are.
const listed = (shown: number, all: number) => (shown < all ? `; the first ${n(shown)}:` : ':');

export function describeIncoming(report: IncomingReport): string {
  const head = `stock verify: ${report.rows} incoming row(s), ${report.expected} expected from the purchase orders`;
  if (report.ok) return `${head}\nOK: every incoming row equals what its purchase order line says is still to arrive.\n`;
  const row = (r: ExpectedIncoming | null) => (r ? `${r.qty} of product ${r.productId} at warehouse ${r.warehouseId} by ${r.expectedDate ?? '-'}` : 'none');
  const lines = [head, `MISMATCH: ${n(report.mismatchCount)} incoming row(s) differ from their purchase order lines${listed(report.mismatches.length, report.mismatchCount)}`];
  for (const m of report.mismatches) lines.push(`  line ${m.documentLineId}: stored ${row(m.stored)}; expected ${row(m.expected)}`);
  return `${lines.join('\n')}\n`;
}

const qty = (q: Qty | null) => (q ? `on hand ${q.onHand}, reserved ${q.reserved}` : 'none');

export async function describeStock(db: Executor, report: VerifyReport): Promise<string> {
  const lines = [`stock verify: ${report.moves} moves, ${report.quants} non-empty cached quants`];
  if (report.ok) return `${lines[0]}\nOK: every cached quant equals what its moves add up to.\n`;
  const name = await quantNames(db, [...report.mismatches.map((m) => m.key), ...report.invalid]);
  if (report.mismatchCount > 0) {
    lines.push(`MISMATCH: ${n(report.mismatchCount)} quant(s) differ from their moves${listed(report.mismatches.length, report.mismatchCount)}`);
    for (const m of report.mismatches) lines.push(`  ${name(m.key)}: cached ${qty(m.cached)}; from moves ${qty(m.fromMoves)}`);
  }
  if (report.invalidCount > 0) {
    lines.push(`INVALID: ${n(report.invalidCount)} quant(s) negative or reserving more than on hand${listed(report.invalid.length, report.invalidCount)}`);
    for (const key of report.invalid) lines.push(`  ${name(key)}`);
  }
  return `${lines.join('\n')}\n`;
}

// What a repair wrote, and the quants it could not write, which only a person can mend.
export async function describeRepair(db: Executor, report: RepairReport): Promise<string> {
  const written = report.inserted + report.updated + report.deleted;
  const lines = [
    written > 0
      ? `REPAIRED from ${n(report.moves)} moves, in one transaction: ${n(report.inserted)} quant(s) inserted, ${n(report.updated)} updated, ${n(report.deleted)} deleted; one audit row records it.`
      : `repair: with the stock writers held off, ${n(report.moves)} moves gave nothing to write.`,
  ];
  if (report.unrepairable.length > 0) {
    const shown = report.unrepairable.slice(0, MAX_LISTED);
    const name = await quantNames(
      db,
      shown.map((u) => u.key),
    );
    lines.push(
      `UNREPAIRABLE: ${n(report.unrepairable.length)} quant(s) whose moves add up to an impossible quantity were left as cached; the moves need a person${listed(shown.length, report.unrepairable.length)}`,
    );
    for (const u of shown) lines.push(`  ${name(u.key)}: cached ${qty(u.cached)}; from moves ${qty(u.fromMoves)}`);
  }
  return `${lines.join('\n')}\n`;
}

// Quant keys are four ids; a report names them by SKU, location and lot number instead.
async function quantNames(db: Executor, keyList: readonly string[]): Promise<(key: string) => string> {
  if (keyList.length === 0) return (key) => key;
  const keys = keyList.map((k) => k.split('|') as [string, string, string, string]);
  const ids = (i: number) => [...new Set(keys.map((k) => k[i]!))];
  const skus = new Map(
    (
      await db
        .select({ id: product.id, sku: product.sku })
        .from(product)
        .where(inArray(product.id, ids(0)))
    ).map((r) => [r.id, r.sku]),
  );
  const places = new Map(
    (
      await db
        .select({ id: stockLocation.id, name: stockLocation.name })
        .from(stockLocation)
        .where(inArray(stockLocation.id, ids(1)))
    ).map((r) => [r.id, r.name]),
  );
  const lots = new Map(
    (
      await db
        .select({ id: stockLot.id, lotNo: stockLot.lotNo })
        .from(stockLot)
        .where(inArray(stockLot.id, ids(2)))
    ).map((r) => [r.id, r.lotNo]),
  );
  return (key) => {
    const [p, l, lot, owner] = key.split('|') as [string, string, string, string];
    return `${skus.get(p) ?? p} at ${places.get(l) ?? l}, lot ${lots.get(lot) ?? lot}, owner ${owner}`;
  };
}
