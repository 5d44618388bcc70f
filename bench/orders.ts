// bench/orders: placing orders of 5 lines each (POST /api/v1/orders, a shop buying for itself, with
// an Idempotency-Key) over HTTP at 16 connections (wrk when installed, else autocannon; the warm-up
// is always autocannon) against `anpei serve`, on
// PostgreSQL and PGlite. Target (issue 5, PostgreSQL): ≥ 500 orders/s with zero oversell, with
// p50/p99. Beside it, the same reservation as raw SQL in a loop at the same concurrency (lock the
// quants, change them, write the moves: the database's own limit on this machine) and the ratio.
// After each run the stock is checked: every quant possible (nothing negative, never more reserved
// than on hand), the cache equal to the moves (`anpei stock verify`), and the units reserved equal
// to the units the accepted orders asked for.
//
// Setup, through the API: a bench warehouse (central, run by the Hangzhou demo operator, delivering
// to every province in one day) receives 1,000 of the catalog's products with nationwide offers,
// 10,000 units each; orders come from up to 16 shops, each line a random product.
//
// Needs databases seeded with `anpei seed` (demo or large):
//   BENCH_DATABASE_URL=postgres://…  (PostgreSQL)     BENCH_PGLITE_DIR=/path/to/data  (PGlite)
//   npx tsx bench/orders.ts [--duration 10] [--connections 16] [--only pg|pglite] [--workers N] [--autocannon]
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { verifyStock } from '../src/modules/inventory/index.ts';
import { listRegions } from '../src/modules/regions/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { login, postLoad, startServer } from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
    autocannon: { type: 'boolean', default: false },
    // App processes for the PostgreSQL run (ANPEI_WORKERS); PGlite always serves from one.
    workers: { type: 'string', default: '1' },
  },
});
const durationS = Number(args.duration);
const connections = Number(args.connections);
const LINES = 5;
// A thousand stocked products: a regional warehouse's range, so that 16 concurrent orders of 5
// lines contend for the same quants about as often as they would in service.
const PRODUCTS = 1000;
const UNITS_PER_PRODUCT = 10_000;
const TARGET_ORDERS_PER_S = 500;
const runId = randomBytes(3).toString('hex').toUpperCase();

type Setup = { products: { id: string; supplierOrgId: string }[]; shops: string[]; operatorOrgId: string };

// Products anyone anywhere can buy today (a valid nationwide offer, minimum quantity 1, not
// certified so no trace codes are needed), and shops' buyers.
async function sample(database: Database): Promise<Setup> {
  const day = chinaDate(new Date());
  const products = await queryRows<{ id: string; supplier_org_id: string }>(
    database.db,
    sql`select p.id, p.supplier_org_id from product p
        where p.grade <> 'certified' and exists (
          select 1 from offer o where o.product_id = p.id and cardinality(o.region_codes) = 0 and o.min_qty = 1
            and o.valid_from <= ${day} and (o.valid_to is null or o.valid_to >= ${day}))
        order by p.id limit ${PRODUCTS}`,
  );
  if (products.length < LINES) throw new Error('not enough products with nationwide offers: seed the catalog first');
  const shops = await queryRows<{ email: string }>(
    database.db,
    sql`select u.email from app_user u join org o on o.id = u.org_id where o.kind = 'repair_shop' and 'buyer' = any(u.roles) order by u.email limit 16`,
  );
  const [operator] = await queryRows<{ org_id: string }>(database.db, sql`select org_id from app_user where email = 'admin@hz-ops.demo'`);
  return { products: products.map((p) => ({ id: p.id, supplierOrgId: p.supplier_org_id })), shops: shops.map((s) => s.email), operatorOrgId: operator!.org_id };
}

async function post(base: string, token: string, url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

// The bench warehouse and its stock, through the API.
async function stockUp(base: string, setup: Setup): Promise<{ warehouseId: string; locationId: string }> {
  const platform = await login(base, 'admin@anpei.demo');
  const w = await post(base, platform, '/api/v1/warehouses', {
    code: `BENCH-${runId}`,
    name: `压测仓 ${runId}`,
    kind: 'central',
    regionCode: '330100',
    operatorOrgId: setup.operatorOrgId,
    coverage: listRegions({ level: 1 }).map((r) => ({ regionCode: r.code, transitDays: 1 })),
  });
  const operator = await login(base, 'admin@hz-ops.demo');
  const bySupplier = new Map<string, string[]>();
  for (const p of setup.products) bySupplier.set(p.supplierOrgId, [...(bySupplier.get(p.supplierOrgId) ?? []), p.id]);
  for (const [supplierOrgId, ids] of bySupplier) {
    // A receipt holds at most 200 lines.
    for (let i = 0; i < ids.length; i += 200) {
      await post(base, operator, `/api/v1/warehouses/${w.id}/receipts`, {
        supplierOrgId,
        lines: ids.slice(i, i + 200).map((productId) => ({ productId, qty: UNITS_PER_PRODUCT, lotNo: `BENCH-${runId}` })),
      });
    }
  }
  return { warehouseId: String(w.id), locationId: String(w.stockLocationId) };
}

function orderBody(products: Setup['products']): string {
  const picked = new Set<number>();
  while (picked.size < LINES) picked.add(Math.floor(Math.random() * products.length));
  return JSON.stringify({ lines: [...picked].map((i) => ({ productId: products[i]!.id, qty: 1 + Math.floor(Math.random() * 2) })), note: `bench ${runId}` });
}

type Figure = { ordersPerS: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; requests: number; durationS: number; statuses: Record<string, number>; errors: number; timeouts: number; errorSamples: string[] };

async function load(base: string, tokens: string[], setup: Setup, opts: { duration?: number; amount?: number }): Promise<Figure> {
  let n = 0;
  const f = await postLoad({
    base,
    connections,
    durationS: opts.duration ?? durationS,
    amount: opts.amount,
    expect: 201,
    next: () => ({
      path: '/api/v1/orders',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n++ % tokens.length]}`, 'idempotency-key': randomUUID() },
      body: orderBody(setup.products),
    }),
  });
  return { ordersPerS: f.okPerS, p50Ms: f.p50Ms, p90Ms: f.p90Ms, p99Ms: f.p99Ms, maxMs: f.maxMs, requests: f.requests, durationS: f.durationS, statuses: f.statuses, errors: f.errors, timeouts: f.timeouts, errorSamples: f.errorSamples };
}

// The same load with wrk (Debian's `wrk` package), when it is installed: a load generator in C
// takes a fraction of the CPU autocannon does, and on a 2-core machine shared by the server,
// PostgreSQL and the load generator, that CPU is what the server would otherwise get. The Lua
// script makes each request's body (5 random products) and Idempotency-Key, like autocannon's.
function wrkScript(tokens: string[], setup: Setup): string {
  const products = setup.products.map((p) => `"${p.id}"`).join(',');
  const auth = tokens.map((t) => `"${t}"`).join(',');
  return `
local products = {${products}}
local tokens = {${auth}}
local threads = {}
local n = 0
local id = 0
function setup(thread) thread:set("id", #threads + 1); table.insert(threads, thread) end
function init(args) created = 0; other = 0; n = 0; math.randomseed(os.time() * 1000 + id) end
function request()
  n = n + 1
  local picked, lines = {}, {}
  while #lines < ${LINES} do
    local i = math.random(#products)
    if not picked[i] then picked[i] = true; table.insert(lines, string.format('{"productId":"%s","qty":%d}', products[i], math.random(2))) end
  end
  local body = '{"lines":[' .. table.concat(lines, ',') .. '],"note":"bench ${runId}"}'
  local headers = { ["content-type"] = "application/json", ["authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["idempotency-key"] = string.format("wrk-%d-%d-%d-%d", id, n, os.time(), math.random(1000000000)) }
  return wrk.format("POST", "/api/v1/orders", headers, body)
end
function response(status, headers, body) if status == 201 then created = created + 1 else other = other + 1 end end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); o = o + t:get("other") end
  io.write(string.format('WRK {"created":%d,"other":%d,"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"connectErrors":%d,"timeouts":%d}\\n',
    c, o, summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, summary.errors.connect, summary.errors.timeout))
end
`;
}

async function loadWithWrk(base: string, tokens: string[], setup: Setup, seconds: number): Promise<Figure> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-orders-'));
  const script = path.join(dir, 'orders.lua');
  writeFileSync(script, wrkScript(tokens, setup));
  const out = execFileSync('wrk', ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '30s', '-s', script, base], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.startsWith('WRK '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const w = JSON.parse(line.slice(4)) as { created: number; other: number; requests: number; durationUs: number; p50Us: number; p90Us: number; p99Us: number; maxUs: number; connectErrors: number; timeouts: number };
  const durationS = w.durationUs / 1e6;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    ordersPerS: Math.round((w.created / durationS) * 10) / 10,
    p50Ms: ms(w.p50Us),
    p90Ms: ms(w.p90Us),
    p99Ms: ms(w.p99Us),
    maxMs: ms(w.maxUs),
    requests: w.requests,
    durationS: Math.round(durationS * 10) / 10,
    statuses: { '201': w.created, other: w.other },
    errors: w.connectErrors,
    timeouts: w.timeouts,
    errorSamples: [],
  };
}

function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk --version exits with 1 after printing its version; only a missing binary throws ENOENT.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

// The reservation alone, as raw SQL, `clients` loops at once for the duration: lock five random
// quants of the bench warehouse in key order, reserve one unit of each, write five pending moves.
// Every transaction is rolled back, so the stock the HTTP run is measured on stays as it was.
async function rawLoop(database: Database, url: string | null, setup: Setup, locationId: string, clients: number): Promise<{ reservationsPerS: number; clients: number; transactions: number }> {
  const lotRows = await queryRows<{ product_id: string; lot_id: string; owner_org_id: string }>(
    database.db,
    sql`select product_id, lot_id, owner_org_id from stock_quant where location_id = ${locationId}`,
  );
  const quants = lotRows.map((r) => ({ productId: r.product_id, lotId: r.lot_id, ownerOrgId: r.owner_org_id }));
  const customer = '00000000-0000-7000-8000-00000000a002';
  type Runner = { query(text: string, params?: unknown[]): Promise<unknown>; end?(): Promise<void> };
  const runners: Runner[] = [];
  if (url) {
    for (let i = 0; i < clients; i++) {
      const c = new pg.Client({ connectionString: url, options: '-c jit=off' });
      await c.connect();
      runners.push(c);
    }
  } else {
    runners.push({ query: (text, params) => database.pglite!.query(text, params as unknown[]) });
  }
  let done = 0;
  const deadline = performance.now() + durationS * 1000;
  const t0 = performance.now();
  await Promise.all(
    runners.map(async (c) => {
      while (performance.now() < deadline) {
        const picked = new Set<number>();
        while (picked.size < LINES) picked.add(Math.floor(Math.random() * quants.length));
        const q = [...picked].map((i) => quants[i]!).sort((a, b) => (a.productId < b.productId ? -1 : 1));
        const products = q.map((x) => x.productId);
        await c.query('begin');
        await c.query('select on_hand, reserved from stock_quant where location_id = $1 and product_id = any($2::uuid[]) order by product_id, lot_id, owner_org_id for update', [locationId, products]);
        await c.query('update stock_quant set reserved = reserved + 1 where location_id = $1 and product_id = any($2::uuid[]) and on_hand - reserved >= 1', [locationId, products]);
        const values = q.map((_, i) => `($${i * 4 + 1}::uuid, 'pending', 'order', $${i * 4 + 2}::uuid, $${i * 4 + 3}::uuid, $${i * 4 + 4}::uuid, 1, '${locationId}', '${customer}', now())`).join(', ');
        await c.query(
          `insert into stock_move (id, phase, kind, product_id, lot_id, owner_org_id, qty, from_location_id, to_location_id, at) values ${values}`,
          q.flatMap((x) => [randomUUID(), x.productId, x.lotId, x.ownerOrgId]),
        );
        await c.query('rollback');
        done++;
      }
    }),
  );
  const elapsedS = (performance.now() - t0) / 1000;
  for (const c of runners) await c.end?.();
  return { reservationsPerS: Math.round((done / elapsedS) * 10) / 10, clients: runners.length, transactions: done };
}

const HOT_TABLES = ['stock_quant', 'stock_move', 'stock_lot', 'warehouse', 'warehouse_coverage', 'parts_order', 'order_line', 'order_party', 'shipment', 'idempotency_key', 'audit_event', 'outbox_event'];

async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`vacuum analyze ${HOT_TABLES.join(', ')}`);
  } finally {
    await client.end();
  }
}

// Zero oversell, checked three ways after the run.
async function checkStock(database: Database, locationId: string) {
  const [impossible] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stock_quant where on_hand < 0 or reserved < 0 or reserved > on_hand`);
  // Earlier runs' bench warehouses deliver as fast, so this run's orders may be served from them:
  // reservations are counted by the orders' own moves.
  const [units] = await queryRows<{ ordered: number; reserved: number; received: number }>(
    database.db,
    sql`with bench_lines as (
          select l.id, l.qty from order_line l join parts_order o on o.id = l.order_id where o.note = ${`bench ${runId}`} and l.status <> 'cancelled')
        select
          (select coalesce(sum(qty), 0)::int from bench_lines) as ordered,
          (select coalesce(sum(m.qty), 0)::int from stock_move m join bench_lines b on b.id = m.order_line_id where m.phase = 'pending') as reserved,
          (select coalesce(sum(on_hand), 0)::int from stock_quant where location_id = ${locationId}) as received`,
  );
  const verify = await verifyStock(database.db);
  return { impossibleQuants: impossible!.n, unitsOrdered: units!.ordered, unitsReserved: units!.reserved, unitsOnHand: units!.received, cacheEqualsMoves: verify.ok, moves: verify.moves };
}

const targets: { database: string; env: Record<string, string>; url: string | null; open: () => Promise<Database> }[] = [];
if (args.only !== 'pglite' && process.env.BENCH_DATABASE_URL) {
  const url = process.env.BENCH_DATABASE_URL;
  targets.push({ database: 'postgresql', env: { DATABASE_URL: url, ANPEI_WORKERS: args.workers }, url, open: () => openDatabase({ kind: 'pg', url, maxConnections: 2 }) });
}
if (args.only !== 'pg' && process.env.BENCH_PGLITE_DIR) {
  const dir = process.env.BENCH_PGLITE_DIR;
  targets.push({ database: 'pglite', env: { ANPEI_DATA_DIR: dir }, url: null, open: () => openDatabase({ kind: 'pglite', dataDir: dir }) });
}
if (targets.length === 0) throw new Error('set BENCH_DATABASE_URL and/or BENCH_PGLITE_DIR to seeded databases');

// wrk when it is installed (apt-get install wrk), autocannon otherwise; --autocannon forces it.
const useWrk = !args.autocannon && hasWrk();

const results: unknown[] = [];
for (const target of targets) {
  // PGlite allows one process on its files: sample first, hand them to the server, then check.
  let database = await target.open();
  const setup = await sample(database);
  await database.close();
  const server = await startServer(target.env);
  let http: { warmup: Figure; measured: Figure; warehouse: { warehouseId: string; locationId: string }; shops: number };
  try {
    const warehouse = await stockUp(server.base, setup);
    // This machine's PostgreSQL runs with autovacuum off; in service it would have cleaned the
    // dead row versions that earlier runs (and the raw loop's rolled-back reservations) left.
    if (target.url) await vacuum(target.url);
    const tokens = await Promise.all(setup.shops.map((email) => login(server.base, email)));
    const warmup = await load(server.base, tokens, setup, { amount: target.url ? 500 : 100 });
    const measured = useWrk ? await loadWithWrk(server.base, tokens, setup, durationS) : await load(server.base, tokens, setup, { duration: durationS });
    http = { warmup, measured, warehouse, shops: tokens.length };
  } finally {
    await server.stop();
  }
  database = await target.open();
  const stock = await checkStock(database, http.warehouse.locationId);
  if (target.url) await vacuum(target.url);
  const raw = await rawLoop(database, target.url, setup, http.warehouse.locationId, target.url ? connections : 1);
  await database.close();
  const m = http.measured;
  results.push({
    database: target.database,
    loadGenerator: useWrk ? 'wrk' : 'autocannon',
    appProcesses: target.url ? Number(args.workers) : 1,
    linesPerOrder: LINES,
    products: setup.products.length,
    shops: http.shops,
    warmup: { ordersPerS: http.warmup.ordersPerS, p99Ms: http.warmup.p99Ms, statuses: http.warmup.statuses },
    orders: { connections, ...m, targetOrdersPerS: TARGET_ORDERS_PER_S, met: m.ordersPerS >= TARGET_ORDERS_PER_S, shortOfTargetBy: Math.max(0, Math.round((TARGET_ORDERS_PER_S - m.ordersPerS) * 10) / 10) },
    // Every unit the accepted orders asked for is reserved, once; nothing else is.
    oversell: { ...stock, zero: stock.impossibleQuants === 0 && stock.cacheEqualsMoves && stock.unitsOrdered === stock.unitsReserved },
    rawReservation: raw,
    httpOverRaw: Math.round((m.ordersPerS / raw.reservationsPerS) * 1000) / 1000,
  });
}
process.stdout.write(`${JSON.stringify({ bench: 'orders', node: process.version, cpus: os.cpus().length, connections, durationS, runId, results })}\n`);
