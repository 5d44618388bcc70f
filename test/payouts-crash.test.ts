import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accountId, accountRef, verifyLedger } from '../src/modules/ledger/index.ts';
import { addDays } from '../src/platform/china-date.ts';
import { type Database, type DatabaseKind, openDatabase, queryRows } from '../src/platform/db.ts';
import { derivedId, newId } from '../src/platform/ids.ts';
import { migrateDatabase } from '../src/platform/migrate.ts';
import { databaseKinds } from './support/app.ts';
import { createEmptyDatabase, runAnpei, spawnAnpei, stopAll } from './support/spawn-anpei.ts';

// A payout run killed in the middle (SIGKILL, as a machine dies) and run again pays every payee
// exactly once, and everything that was due: each payee is paid in its own transaction under an id
// derived from the payee and the day, and each payable transfer joins one payout at most. Many
// payees (suppliers the platform bought from sixty days ago, written straight into the ledger's
// tables, balances and all), so the kill lands while the run is under way.

const PAYEES = 600;

async function target(kind: DatabaseKind): Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (kind === 'pg') {
    const { url, drop } = await createEmptyDatabase(inject('testDatabaseUrl'));
    return { env: { DATABASE_URL: url }, open: () => openDatabase({ kind: 'pg', url }), drop };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-payouts-'));
  return { env: { ANPEI_DATA_DIR: dataDir }, open: () => openDatabase({ kind: 'pglite', dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

// Each payee is owed two purchases (and pays one fee), posted sixty days ago: due on any day now.
async function owePayees(database: Database): Promise<bigint> {
  const at = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const inventory = accountId(accountRef('platform_inventory', null));
  let total = 0n;
  const accounts: string[] = [];
  const transfers: string[] = [];
  const balances = new Map<string, { dpo: bigint; cpo: bigint }>();
  const add = (id: string, side: 'dpo' | 'cpo', fen: bigint) => {
    const b = balances.get(id) ?? { dpo: 0n, cpo: 0n };
    b[side] += fen;
    balances.set(id, b);
  };
  for (let i = 0; i < PAYEES; i++) {
    const supplier = newId();
    const payable = accountRef('supplier_payable', supplier);
    const fees = accountRef('fee_revenue', null, supplier);
    accounts.push(`('${accountId(payable)}', '${supplier}', 'supplier_payable', null)`, `('${accountId(fees)}', null, 'fee_revenue', '${supplier}')`);
    for (const [n, fen] of [
      [1, 10_000n + BigInt(i)],
      [2, 2_500n],
    ] as const) {
      transfers.push(`('${derivedId('crash', supplier, String(n))}', 'single', 'stock_purchase', '${inventory}', '${accountId(payable)}', ${fen}, '${at}')`);
      add(inventory, 'dpo', fen);
      add(accountId(payable), 'cpo', fen);
      total += fen;
    }
    transfers.push(`('${derivedId('crash', supplier, 'fee')}', 'single', 'supplier_fee', '${accountId(payable)}', '${accountId(fees)}', 300, '${at}')`);
    add(accountId(payable), 'dpo', 300n);
    add(accountId(fees), 'cpo', 300n);
    total -= 300n;
  }
  accounts.push(`('${inventory}', null, 'platform_inventory', null)`);
  const db = database.db;
  await db.execute(sql.raw(`insert into ledger_account (id, org_id, code, partner_org_id, created_at) values ${accounts.map((a) => a.replace(/\)$/, `, now())`)).join(',')}`));
  await db.execute(sql.raw(`insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, at) values ${transfers.join(',')}`));
  for (const [id, b] of balances) await db.execute(sql`update ledger_account set debits_posted = ${b.dpo.toString()}::bigint, credits_posted = ${b.cpo.toString()}::bigint where id = ${id}`);
  // The stock the platform bought, at its cost, so the books' valuation agrees.
  await db.execute(sql`insert into stock_valuation (product_id, qty, value_fen) values (${newId()}, 1, ${balances.get(inventory)!.dpo.toString()}::bigint)`);
  return total;
}

for (const kind of databaseKinds()) {
  describe(`a payout run killed midway on ${kind}`, () => {
    afterEach(stopAll);

    it('pays every payee once and everything due once it is run again', async () => {
      const t = await target(kind);
      try {
        const setup = await t.open();
        await migrateDatabase(setup);
        // The platform the CLI acts as.
        await setup.db.execute(sql`insert into org (id, kind, name, uscc, region_code) values (${newId()}, 'platform', '平台', '91310000MA1FL0000X', '310000')`);
        const owed = await owePayees(setup);
        await setup.close();

        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        const killed = spawnAnpei(['payouts', 'run', '--date', today], t.env);
        await killed.waitFor(/payouts \S+: \d+\/\d+ \((?:[1-9]0)%\)/);
        killed.child.kill('SIGKILL');
        await killed.exited;

        let db = await t.open();
        const [partial] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from payout`);
        await db.close();
        // Killed in the middle: some payees paid, not all.
        expect(partial!.n).toBeGreaterThan(0);
        expect(partial!.n).toBeLessThan(PAYEES);

        const rerun = await runAnpei(['payouts', 'run', '--date', today, '--json'], t.env);
        expect(rerun.code, rerun.stderr).toBe(0);
        const again = await runAnpei(['payouts', 'run', '--date', today, '--json'], t.env);
        expect(JSON.parse(again.stdout).payees.every((p: { outcome: string }) => p.outcome === 'done_already')).toBe(true);

        db = await t.open();
        try {
          const [sums] = await queryRows<{ payouts: number; payees: number; paid: string; items: number; transfers: number }>(
            db.db,
            sql`select (select count(*)::int from payout) as payouts, (select count(distinct payee_org_id)::int from payout) as payees,
              (select sum(amount_fen)::text from payout) as paid, (select count(*)::int from payout_item) as items,
              (select count(*)::int from ledger_transfer where code in ('stock_purchase', 'supplier_fee')) as transfers`,
          );
          expect(sums).toEqual({ payouts: PAYEES, payees: PAYEES, paid: owed.toString(), items: sums!.transfers, transfers: PAYEES * 3 });
          const report = await verifyLedger(db.db);
          expect(
            report.ok,
            JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
          ).toBe(true);
          // Nothing is due on a later day either: all of it was paid.
          expect(JSON.parse((await runAnpei(['payouts', 'run', '--date', addDays(today, 1), '--json'], t.env)).stdout).payees.filter((p: { outcome: string }) => p.outcome === 'paid')).toEqual([]);
        } finally {
          await db.close();
        }
      } finally {
        await t.drop();
      }
    }, 240_000);
  });
}
