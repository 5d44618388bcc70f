import { count, inArray } from 'drizzle-orm';
import type { Command } from 'commander';
import { progressBar } from '../../../cli/progress.ts';
import { loadConfig } from '../../../platform/config.ts';
import type { Executor } from '../../../platform/db.ts';
import { openConfiguredDatabase } from '../../../platform/open.ts';
import { product } from '../../catalog/index.ts';
import { stockLocation, stockLot, stockMove } from '../tables.ts';
import { verifyIncoming, type ExpectedIncoming, type IncomingReport } from './verify-incoming.ts';
import { verifyStock, type VerifyReport } from './verify-stock.ts';

export type StockCommandOptions = {
  // What the source documents say stock_incoming should hold (purchasing's expectedIncoming):
  // inventory does not read them itself, so main.ts passes them in.
  expectedIncoming?: (db: Executor) => Promise<ExpectedIncoming[]>;
};

// `anpei stock verify`: rebuilds every quant from the moves and compares with the cache (see
// verify-stock.ts), and every incoming row with what its purchase order says (verify-incoming.ts).
// Progress over the moves on stderr, a readable report on stdout, and exit code 1 when anything
// differs, so it can gate a deploy or a nightly job.
export function registerStockCommand(program: Command, opts: StockCommandOptions = {}): void {
  const stock = program.command('stock').description('stock maintenance');
  stock
    .command('verify')
    .description('recompute every quant from the stock moves and compare with the cached quants, and incoming with the purchase orders; exit code 1 on any mismatch')
    .action(async () => {
      const database = await openConfiguredDatabase(loadConfig());
      try {
        const [row] = await database.db.select({ n: count() }).from(stockMove);
        const bar = progressBar('verify (moves)');
        const report = await verifyStock(database.db, (done) => bar.update(done, Math.max(done, row?.n ?? 0)));
        bar.stop();
        process.stdout.write(await describe(database.db, report));
        let ok = report.ok;
        if (opts.expectedIncoming) {
          const incoming = await verifyIncoming(database.db, await opts.expectedIncoming(database.db));
          process.stdout.write(describeIncoming(incoming));
          ok &&= incoming.ok;
        }
        if (!ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}

export function describeIncoming(report: IncomingReport): string {
  const head = `stock verify: ${report.rows} incoming row(s), ${report.expected} expected from the purchase orders`;
  if (report.ok) return `${head}\nOK: every incoming row equals what its purchase order line says is still to arrive.\n`;
  const row = (r: ExpectedIncoming | null) => (r ? `${r.qty} of product ${r.productId} at warehouse ${r.warehouseId} by ${r.expectedDate ?? '-'}` : 'none');
  const lines = [head, `MISMATCH: ${report.mismatches.length} incoming row(s) differ from their purchase order lines${report.mismatches.length >= 100 ? ' (the first 100)' : ''}:`];
  for (const m of report.mismatches) lines.push(`  line ${m.documentLineId}: stored ${row(m.stored)}; expected ${row(m.expected)}`);
  return `${lines.join('\n')}\n`;
}

// Quant keys are four ids; the report names them by SKU, location and lot number instead.
async function describe(db: Executor, report: VerifyReport): Promise<string> {
  const lines = [`stock verify: ${report.moves} moves, ${report.quants} non-empty cached quants`];
  if (report.ok) return `${lines[0]}\nOK: every cached quant equals what its moves add up to.\n`;
  const keys = [...report.mismatches.map((m) => m.key), ...report.invalid].map((k) => k.split('|') as [string, string, string, string]);
  const ids = (i: number) => [...new Set(keys.map((k) => k[i]!))];
  const skus = new Map((await db.select({ id: product.id, sku: product.sku }).from(product).where(inArray(product.id, ids(0)))).map((r) => [r.id, r.sku]));
  const places = new Map((await db.select({ id: stockLocation.id, name: stockLocation.name }).from(stockLocation).where(inArray(stockLocation.id, ids(1)))).map((r) => [r.id, r.name]));
  const lots = new Map((await db.select({ id: stockLot.id, lotNo: stockLot.lotNo }).from(stockLot).where(inArray(stockLot.id, ids(2)))).map((r) => [r.id, r.lotNo]));
  const name = (key: string) => {
    const [p, l, lot, owner] = key.split('|') as [string, string, string, string];
    return `${skus.get(p) ?? p} at ${places.get(l) ?? l}, lot ${lots.get(lot) ?? lot}, owner ${owner}`;
  };
  const qty = (q: { onHand: number; reserved: number } | null) => (q ? `on hand ${q.onHand}, reserved ${q.reserved}` : 'none');
  if (report.mismatches.length > 0) {
    lines.push(`MISMATCH: ${report.mismatches.length} quant(s) differ from their moves${report.mismatches.length >= 100 ? ' (the first 100)' : ''}:`);
    for (const m of report.mismatches) lines.push(`  ${name(m.key)}: cached ${qty(m.cached)}; from moves ${qty(m.fromMoves)}`);
  }
  if (report.invalid.length > 0) {
    lines.push(`INVALID: ${report.invalid.length} quant(s) negative or reserving more than on hand:`);
    for (const key of report.invalid) lines.push(`  ${name(key)}`);
  }
  return `${lines.join('\n')}\n`;
}
