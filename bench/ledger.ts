// bench/ledger (issue 13): the ledger's throughput and the settlement reads over it, on PostgreSQL
// and PGlite, printing one JSON line. Each figure stands beside its target and says whether it met it.
//   trialBalance  seconds for trialBalance() over --transfers (1,000,000) transfers: the ledger is
//                 filled in bulk to that many first (bench/ledger-fill.ts: insurers' claim order lines,
//                 each line's three legs pending and then posted or voided, balances kept equal to the
//                 transfers), then VACUUM ANALYZE, then three runs (the median is the figure). Target
//                 ≤ 2 s. Beside it `verify`: seconds for verifyLedger over the same, three runs (issue
//                 13 sets no target). It runs first so that the scenarios after it post into a ledger
//                 of a million transfers, as in service, not into an empty one.
//   batch         transfers/s posted in batches through postTransfers (bench/ledger-batch.ts), per
//                 batch size (--batch-sizes, default 1,000 and 8,190, the most one call takes), and
//                 the same rows as raw SQL (ratio = ours / raw). Target ≥ 10,000/s on PostgreSQL.
//   http          transfers/s one per HTTP request: payments recorded through POST /api/v1/payments
//                 against `anpei serve` with autocannon at each --connections level (16 and 32),
//                 the best with its p50/p99 and every level's beside it, and the same transfer as
//                 raw SQL at that level (bench/ledger-http.ts). Target ≥ 1,000/s.
//   statement     seconds to gather a statement of --statement-lines (100,000) posted sale lines for
//                 one insurer (POST /api/v1/statements, as the platform's finance clerk) and to issue
//                 it (POST /api/v1/statements/:id/issue, as a second person). Its lines are written
//                 in bulk first (as the trial balance's, for one insurer of its own), timed apart as
//                 setup. Target ≤ 10 s.
//   payouts       seconds for a day's payout run (runPayouts) over --payout-lines (10,000) due sold
//                 lines of --payout-payees (300) suppliers of the run's own, written in bulk 31 days
//                 back (bench/ledger-payouts.ts); then checked: every line's transfers paid once, at
//                 what the payables were owed, and a second run of the day pays nothing. Target ≤ 10 s.
// Scenarios run in that order, each on what the ones before left (--scenarios picks some); then
// `ledger verify` once more over everything (`finalVerify`), which checks every scenario's rows. A
// new scenario is a function in `scenarios` below: it asks the session for the database in process
// or for the server (on PGlite, one at a time) and answers its figures.
//
// Databases: PostgreSQL at BENCH_DATABASE_URL, else a fresh one on postgres://postgres@127.0.0.1:5432
// (dropped afterwards); PGlite at BENCH_PGLITE_DIR, else a fresh directory (removed afterwards);
// --keep keeps fresh ones. Either is migrated and given the demo world when empty. The machine's
// load average is printed at the start and end of each database's run: figures from a busy machine
// are not comparable with a quiet one's.
//   npx tsx bench/ledger.ts [--only pg|pglite] [--duration 10] [--connections 16,32] [--clients 4]
//     [--batch-sizes 1000,8190] [--statement-lines 100000] [--transfers 1000000]
//     [--pglite-statement-lines N] [--pglite-transfers N] [--payout-lines 10000] [--payout-payees 300] [--workers 1] [--scenarios trialBalance,batch,…] [--keep]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { trialBalance, verifyLedger } from '../src/modules/ledger/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { migrateDatabase } from '../src/platform/migrate.ts';
import { seedIfEmpty } from '../src/seed/seed.ts';
import { benchBatch, type BatchFigure } from './ledger-batch.ts';
import { benchOrgs, fillSales, openAccounts, saleAccounts, type BenchOrgs } from './ledger-fill.ts';
import { benchPayouts } from './ledger-payouts.ts';
import { countPayments, paymentLoad, rawPayments, TARGET_HTTP_TRANSFERS_PER_S } from './ledger-http.ts';
import { type LoadFigures, login, startServer, type Server } from './support.ts';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '10' },
    // HTTP connections (autocannon) and the raw payments' clients: the http scenario measures at
    // each level given, as a throughput figure is found by raising the offered load.
    connections: { type: 'string', default: '16,32' },
    // Concurrent batches on PostgreSQL (PGlite has one connection).
    clients: { type: 'string', default: '4' },
    'batch-sizes': { type: 'string', default: '1000,8190' },
    'statement-lines': { type: 'string', default: '100000' },
    transfers: { type: 'string', default: '1000000' },
    'pglite-statement-lines': { type: 'string' },
    'pglite-transfers': { type: 'string' },
    'payout-lines': { type: 'string', default: '10000' },
    'payout-payees': { type: 'string', default: '300' },
    workers: { type: 'string', default: '1' },
    scenarios: { type: 'string', default: 'trialBalance,batch,http,statement,payouts' },
    insurers: { type: 'string', default: '20' },
    shops: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
});
const durationS = Number(args.duration);
const connectionLevels = args.connections.split(',').map(Number);
const connections = Math.max(...connectionLevels);
const clients = Number(args.clients);
const batchSizes = args['batch-sizes'].split(',').map(Number);
const runId = randomBytes(3).toString('hex').toUpperCase();
// Rows per bulk statement of the fill: each is one transaction.
const FILL_CHUNK = 25_000;
const TARGET_STATEMENT_S = 10;
const TARGET_TRIAL_BALANCE_S = 2;
const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Target = {
  database: 'postgresql' | 'pglite';
  url: string | null;
  env: Record<string, string>;
  statementLines: number;
  transfers: number;
  payoutLines: number;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
};

// The database in this process or the app serving it; on PGlite, whose files one process holds, one
// of the two at a time: asking for one closes the other.
class Session {
  private db: Database | undefined;
  private app: Server | undefined;
  constructor(readonly target: Target) {}
  async database(): Promise<Database> {
    if (!this.target.url && this.app) await this.stopServer();
    this.db ??= await this.target.open();
    return this.db;
  }
  async server(): Promise<Server> {
    if (!this.target.url && this.db) await this.closeDatabase();
    this.app ??= await startServer(this.target.env);
    return this.app;
  }
  private async stopServer() {
    await this.app?.stop();
    this.app = undefined;
  }
  private async closeDatabase() {
    await this.db?.close();
    this.db = undefined;
  }
  async close() {
    await this.stopServer();
    await this.closeDatabase();
  }
}

// PostgreSQL on this machine runs with autovacuum off: in service it would have vacuumed and
// analysed the tables the bulk setup just grew, so the bench does it before a timed read.
async function vacuum(database: Database, tables: string[]): Promise<void> {
  await queryRows(database.db, sql.raw(`vacuum analyze ${tables.join(', ')}`));
}

async function post(base: string, token: string, url: string, body: unknown, key: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'idempotency-key': key };
  // A body-less POST (an issue) carries no content type: Fastify refuses an empty JSON body.
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${url}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

type Scenario = (s: Session, orgs: BenchOrgs) => Promise<Record<string, unknown>>;

async function batchScenario(s: Session, orgs: BenchOrgs): Promise<Record<string, unknown>> {
  const figures: BatchFigure[] = [];
  for (const [i, size] of batchSizes.entries()) {
    const database = await s.database();
    await vacuum(database, ['ledger_transfer', 'ledger_account']);
    // The first size warms the process up (JIT, connections) for all of them.
    figures.push(await benchBatch(database, s.target.url, orgs, { size, clients, durationS, warmup: i === 0 }));
  }
  return { batch: figures };
}

async function httpScenario(s: Session, orgs: BenchOrgs): Promise<Record<string, unknown>> {
  const server = await s.server();
  const token = await login(server.base, 'finance@anpei.demo');
  const warmup = await paymentLoad(server.base, token, orgs, { runId, connections: connectionLevels[0]!, amount: s.target.url ? 500 : 100, phase: 'w' });
  // One measurement per level of concurrency, lowest first; the figure is the best of them, with
  // the latencies it came with (the others beside it). On a quiet two-core machine the server's
  // CPU was three quarters used at 16 connections: the requests waited on each other's round trips,
  // not on the machine.
  const levels: (LoadFigures & { connections: number })[] = [];
  for (const [i, c] of connectionLevels.entries()) levels.push({ connections: c, ...(await paymentLoad(server.base, token, orgs, { runId, connections: c, durationS, phase: `m${i}` })) });
  const m = levels.reduce((best, l) => (l.okPerS > best.okPerS ? l : best));
  const database = await s.database();
  const stored = await countPayments(database, runId);
  const answered = (warmup.statuses['201'] ?? 0) + levels.reduce((n, l) => n + (l.statuses['201'] ?? 0), 0);
  const raw = await rawPayments(database, s.target.url, orgs, { clients: s.target.url ? m.connections : 1, durationS });
  return {
    http: {
      endpoint: 'POST /api/v1/payments',
      connections: m.connections,
      appProcesses: s.target.url ? Number(args.workers) : 1,
      appPool: s.target.env.ANPEI_DB_POOL_MAX ? Number(s.target.env.ANPEI_DB_POOL_MAX) : null,
      warmup: { transfersPerS: warmup.okPerS, statuses: warmup.statuses },
      transfersPerS: m.okPerS,
      p50Ms: m.p50Ms,
      p99Ms: m.p99Ms,
      maxMs: m.maxMs,
      requests: m.requests,
      seconds: m.durationS,
      statuses: m.statuses,
      errors: m.errors,
      timeouts: m.timeouts,
      errorSamples: m.errorSamples,
      byConnections: levels.map((l) => ({ connections: l.connections, transfersPerS: l.okPerS, p50Ms: l.p50Ms, p99Ms: l.p99Ms, errors: l.errors, statuses: l.statuses })),
      // Every 201 a new payment with its transfer (a few more may have landed after the load
      // generator stopped counting: at most one per connection of each level).
      created: {
        answered201: answered,
        ...stored,
        everyAnswerANewPayment: stored.payments === stored.transfers && stored.payments >= answered && stored.payments - answered <= connectionLevels.reduce((a, b) => a + b, 0),
      },
      raw,
      ratio: round(m.okPerS / raw.transfersPerS),
      targetTransfersPerS: TARGET_HTTP_TRANSFERS_PER_S,
      met: m.okPerS >= TARGET_HTTP_TRANSFERS_PER_S,
    },
  };
}

async function statementScenario(s: Session, orgs: BenchOrgs): Promise<Record<string, unknown>> {
  const lines = s.target.statementLines;
  const database = await s.database();
  const t0 = performance.now();
  const fill = await fillSales(database.db, { tag: `st-${runId}`, lines, payers: [orgs.statementPayer], shops: orgs.shops, voidEvery: 0, at: new Date(), chunk: FILL_CHUNK });
  await vacuum(database, ['ledger_transfer', 'ledger_account']);
  const setupS = (performance.now() - t0) / 1000;
  const server = await s.server();
  const clerk = await login(server.base, 'finance@anpei.demo');
  const second = await login(server.base, 'admin@anpei.demo');
  const today = chinaDate(new Date());
  const t1 = performance.now();
  const created = await post(server.base, clerk, '/api/v1/statements', { payerOrgId: orgs.statementPayer, from: today, to: today }, `bl-st-${runId}`);
  const t2 = performance.now();
  if (created.status !== 201) throw new Error(`POST /api/v1/statements: ${created.status} ${JSON.stringify(created.json)}`);
  const issued = await post(server.base, second, `/api/v1/statements/${created.json.id}/issue`, undefined, `bl-iss-${runId}`);
  const t3 = performance.now();
  if (issued.status !== 200) throw new Error(`POST /api/v1/statements/:id/issue: ${issued.status} ${JSON.stringify(issued.json)}`);
  const seconds = (t3 - t1) / 1000;
  return {
    statement: {
      lines,
      setup: { seconds: round(setupS, 1), transfers: fill.transfers },
      createSeconds: round((t2 - t1) / 1000),
      issueSeconds: round((t3 - t2) / 1000),
      seconds: round(seconds),
      // The draft holds every line, at the ledger's figures to the fen, and is issued.
      lineCount: created.json.lineCount,
      totalFen: created.json.totalFen,
      ledgerPostedFen: Number(fill.postedFen),
      agrees: created.json.lineCount === lines && created.json.totalFen === Number(fill.postedFen) && issued.json.status === 'issued',
      targetSeconds: TARGET_STATEMENT_S,
      met: seconds <= TARGET_STATEMENT_S,
    },
  };
}

async function trialBalanceScenario(s: Session, orgs: BenchOrgs): Promise<Record<string, unknown>> {
  const database = await s.database();
  const [before] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ledger_transfer`);
  // An insurer's line is six transfers: three legs pending, then each posted or voided.
  const lines = Math.max(0, Math.ceil((s.target.transfers - before!.n) / 6));
  const t0 = performance.now();
  const fill = await fillSales(database.db, { tag: `tb-${runId}`, lines, payers: orgs.insurers, shops: orgs.shops, voidEvery: 20, at: new Date(), chunk: FILL_CHUNK });
  await vacuum(database, ['ledger_transfer', 'ledger_account']);
  const setupS = (performance.now() - t0) / 1000;

  const balanceRuns: number[] = [];
  let balanced = true;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const tb = await trialBalance(database.db);
    balanceRuns.push((performance.now() - t) / 1000);
    balanced &&= tb.balanced;
  }
  const verifyRuns: number[] = [];
  let report: Awaited<ReturnType<typeof verifyLedger>> | undefined;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    report = await verifyLedger(database.db);
    verifyRuns.push((performance.now() - t) / 1000);
  }
  const seconds = median(balanceRuns);
  return {
    trialBalance: {
      transfers: report!.transfers,
      accounts: report!.accounts,
      setup: { seconds: round(setupS, 1), transfersAdded: fill.transfers },
      seconds: round(seconds),
      runs: balanceRuns.map((x) => round(x)),
      balanced,
      targetSeconds: TARGET_TRIAL_BALANCE_S,
      met: seconds <= TARGET_TRIAL_BALANCE_S,
    },
    verify: {
      transfers: report!.transfers,
      seconds: round(median(verifyRuns)),
      runs: verifyRuns.map((x) => round(x)),
      ok: report!.ok,
      balanceDifferences: report!.balanceDifferenceCount,
      transferProblems: report!.transferProblemCount,
      targetSeconds: null,
      met: null,
      note: 'issue 13 sets no target for ledger verify',
    },
  };
}

async function payoutsScenario(s: Session): Promise<Record<string, unknown>> {
  const database = await s.database();
  return benchPayouts(database.db, { runId, lines: s.target.payoutLines, payees: Number(args['payout-payees']) });
}

const scenarios: Record<string, Scenario> = {
  trialBalance: trialBalanceScenario,
  batch: batchScenario,
  http: httpScenario,
  statement: statementScenario,
  payouts: payoutsScenario,
};
const chosen = args.scenarios.split(',');
for (const name of chosen) if (!scenarios[name]) throw new Error(`--scenarios: no scenario ${name} (${Object.keys(scenarios).join(', ')})`);

async function postgresTarget(): Promise<Target> {
  const given = process.env.BENCH_DATABASE_URL;
  const name = `anpei_bench_ledger_${runId.toLowerCase()}`;
  const url = given ?? `postgres://postgres@127.0.0.1:5432/${name}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  if (!given) await admin(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  return {
    database: 'postgresql',
    url,
    // The app's pool as large as the load's connections (and one for each request's session lookup
    // beside them), as the raw SQL beside it has a client per connection: with the default 10, six
    // of the 16 requests at a time waited for a connection rather than for the database.
    env: { DATABASE_URL: url, ANPEI_WORKERS: args.workers, ANPEI_DB_POOL_MAX: String(connections + 2) },
    statementLines: Number(args['statement-lines']),
    transfers: Number(args.transfers),
    payoutLines: Number(args['payout-lines']),
    open: () => openDatabase({ kind: 'pg', url, maxConnections: clients + 2 }),
    cleanup: async () => {
      if (!given && !args.keep) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

function pgliteTarget(): Target {
  const given = process.env.BENCH_PGLITE_DIR;
  const dir = given ?? mkdtempSync(path.join(os.tmpdir(), 'anpei-bench-ledger-'));
  return {
    database: 'pglite',
    url: null,
    env: { ANPEI_DATA_DIR: dir },
    statementLines: Number(args['pglite-statement-lines'] ?? args['statement-lines']),
    transfers: Number(args['pglite-transfers'] ?? args.transfers),
    payoutLines: Number(args['payout-lines']),
    open: () => openDatabase({ kind: 'pglite', dataDir: dir }),
    cleanup: async () => {
      if (!given && !args.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function benchTarget(target: Target): Promise<Record<string, unknown>> {
  const session = new Session(target);
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  try {
    const t0 = performance.now();
    const database = await session.database();
    await migrateDatabase(database);
    await seedIfEmpty(database);
    const orgs = await benchOrgs(database.db, runId, { insurers: Number(args.insurers), shops: Number(args.shops) });
    await openAccounts(database.db, saleAccounts(orgs));
    const result: Record<string, unknown> = {
      database: target.database,
      ...(args.keep || process.env[target.url ? 'BENCH_DATABASE_URL' : 'BENCH_PGLITE_DIR'] ? { where: target.url ?? target.env.ANPEI_DATA_DIR } : {}),
      setupSeconds: round((performance.now() - t0) / 1000, 1),
      insurers: orgs.insurers.length,
      shops: orgs.shops.length,
    };
    for (const name of chosen) Object.assign(result, await scenarios[name]!(session, orgs));
    const t1 = performance.now();
    const report = await verifyLedger((await session.database()).db);
    result.finalVerify = {
      transfers: report.transfers,
      seconds: round((performance.now() - t1) / 1000),
      ok: report.ok,
      balanceDifferences: report.balanceDifferenceCount,
      transferProblems: report.transferProblemCount,
      totalsAgree: report.totalsAgree,
    };
    result.loadAverage = { start: loadAtStart, end: os.loadavg().map((x) => round(x, 2)) };
    return result;
  } finally {
    await session.close();
    await target.cleanup();
  }
}

const results: Record<string, unknown>[] = [];
if (args.only !== 'pglite') results.push(await benchTarget(await postgresTarget()));
if (args.only !== 'pg') results.push(await benchTarget(pgliteTarget()));
process.stdout.write(`${JSON.stringify({ bench: 'ledger', node: process.version, cpus: os.cpus().length, durationS, runId, results })}\n`);
