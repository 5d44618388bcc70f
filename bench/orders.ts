// bench/orders: placing orders of 5 lines each (POST /api/v1/orders, a shop buying for itself, with
// an Idempotency-Key) over HTTP at 16 connections (wrk when installed, else autocannon; the warm-up
// is always autocannon) against `anpei serve`, on PostgreSQL and PGlite, in two scenarios:
//   stock  every line from stock. Target (issues 5 and 10, PostgreSQL): ≥ 500 orders/s with zero
//          oversell, with p50/p99.
//   mix    (issue 10) each line, at random, is backordered with a chance of 30 %: it takes a product
//          no warehouse holds, so placing the order raises a purchase order to its supplier and an
//          open demand for the line, in the order's transaction; the other lines as in `stock`.
// Beside each, the same writes as raw SQL in a loop at the same concurrency (lock the quants, change
// them, write the moves; for the mix's backordered lines, a purchase order with its line and
// incoming and a demand instead: the database's own limit on this machine) and the ratio.
// After each run the stock is checked: every quant possible (nothing negative, never more reserved
// than on hand), the cache equal to the moves (`anpei stock verify`), and the units reserved equal
// to the units the accepted orders asked for. After the mix, every accepted line is either reserved
// (its pending moves are its quantity) or awaiting stock with an open demand on a purchase order
// line of its product, and stock_incoming equals what the purchase orders say. Each run also counts
// the orders in the database against the 201s it counted, so a stored answer to a repeated
// Idempotency-Key is never counted as an order.
//
// Setup, through the API: a bench warehouse (central, run by the Hangzhou demo operator, delivering
// to every province in one day) receives 1,000 of the catalog's products with nationwide offers,
// 10,000 units each; orders come from up to 16 shops, each line a random product.
//
// A third scenario, `claim` (issue 12), places the orders of approved assessment versions instead: the
// shop's buyer posts { assessmentId }, and the order is the version's approved lines at their approved
// prices, paid by the insurer (the claim path: the version and its claim locked, the claim moved to
// `ordered` with the order's writes). Its setup, through the API on the demo world
// (bench/claim-setup.ts), files claims at the five demo shops as the demo's adjuster, assesses 2 or 3
// parts offered where the shop is, quotes, and has the price checker approve what waits for a human:
// `--claims` versions (400) to measure and a tenth more to warm up on, 8 claims at a time; it takes a
// minute or more and its time is printed. Each version is ordered once, by amount rather than for a
// duration (`--duration` does not apply), at the same 16 connections. Each order sources its lines when
// placed, like any order: from a warehouse's stock or a supplier's own (drop-ship), else backordered on
// a purchase order. On a fresh demo database about three lines in five were backordered (the claims
// pick among a few parts per model and shop, and their stock is soon taken); earlier runs' bench
// warehouses (stock, mix) deliver everywhere and serve the products they hold. Afterwards:
// every 201 is a claim order in the database for one of these versions, no version is ordered twice,
// every claim with an order is `ordered` and no other, each line reserved in full or awaiting stock on
// an open demand, and zero oversell (impossible quants, `anpei stock verify`'s stock and incoming). No
// raw-SQL loop beside it.
//
// Needs databases seeded with `anpei seed` (demo or large; `claim` uses the demo world's people and
// models, which both scales hold, and has been run on the demo scale only):
//   BENCH_DATABASE_URL=postgres://…  (PostgreSQL)     BENCH_PGLITE_DIR=/path/to/data  (PGlite)
//   npx tsx bench/orders.ts [--scenario stock|mix|claim|both|all] [--duration 10] [--connections 16]
//     [--claims 400] [--only pg|pglite] [--workers N] [--autocannon]
// `both` (the default) is stock and mix, `all` the three.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { verifyIncoming, verifyStock } from '../src/modules/inventory/index.ts';
import { expectedIncoming } from '../src/modules/purchasing/index.ts';
import { listRegions } from '../src/modules/regions/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { prepareApprovedClaims, type ApprovedVersion } from './claim-setup.ts';
import { login, postLoad, startServer, type LoadFigures } from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
    scenario: { type: 'string', default: 'both' },
    // Approved versions the claim scenario orders (and a tenth more for its warm-up).
    claims: { type: 'string', default: '400' },
    autocannon: { type: 'boolean', default: false },
    // App processes for the PostgreSQL run (ANPEI_WORKERS); PGlite always serves from one.
    workers: { type: 'string', default: '1' },
  },
});
const durationS = Number(args.duration);
// The scenarios of a shop buying for itself; `claim` is apart (its own setup, load and checks).
type Scenario = 'stock' | 'mix';
const scenarioSets: Record<string, (Scenario | 'claim')[]> = { stock: ['stock'], mix: ['mix'], claim: ['claim'], both: ['stock', 'mix'], all: ['stock', 'mix', 'claim'] };
const chosen = scenarioSets[args.scenario];
if (!chosen) throw new Error(`--scenario must be stock, mix, claim, both or all, not ${args.scenario}`);
const scenarios = chosen.filter((s): s is Scenario => s !== 'claim');
const withClaims = chosen.includes('claim');
const connections = Number(args.connections);
const claimCount = Number(args.claims);
// The claim scenario's warm-up orders versions of its own: a tenth more, and at least one per connection
// (autocannon refuses fewer requests than connections).
const claimWarmup = Math.max(connections, Math.ceil(claimCount / 10));
if (withClaims && !(claimCount >= connections)) throw new Error(`--claims must be at least --connections (${connections})`);
const LINES = 5;
// A thousand stocked products: a regional warehouse's range, so that 16 concurrent orders of 5
// lines contend for the same quants about as often as they would in service.
const PRODUCTS = 1000;
const UNITS_PER_PRODUCT = 10_000;
const TARGET_ORDERS_PER_S = 500;
// The mix: the chance of each line being backordered, and how many products (held nowhere) those
// lines take.
const BACKORDER_SHARE = 0.3;
const BACKORDER_PRODUCTS = 1000;
const runId = randomBytes(3).toString('hex').toUpperCase();

type Product = { id: string; supplierOrgId: string };
// A product the mix backorders, with the offer a purchase of it is priced from (the raw loop writes
// its purchase order lines at that price).
type Backorderable = Product & { priceFen: string; vatFen: string; offerId: string };
type Setup = { products: Product[]; backorderable: Backorderable[]; shops: string[]; operatorOrgId: string };

// Products anyone anywhere can buy today (a valid nationwide offer, minimum quantity 1, not
// certified so no trace codes are needed), and shops' buyers. For the mix, products of the same
// kind that no warehouse holds at all (no quant, not even an empty one, so neither stock nor a
// transfer nor the supplier's drop-ship can serve them: a line of one is bought), other than the
// ones the bench warehouse is about to receive.
async function sample(database: Database, withBackorders: boolean): Promise<Setup> {
  const day = chinaDate(new Date());
  const buyable = sql`p.grade <> 'certified' and exists (
          select 1 from offer o where o.product_id = p.id and cardinality(o.region_codes) = 0 and o.min_qty = 1
            and o.valid_from <= ${day} and (o.valid_to is null or o.valid_to >= ${day}))`;
  const products = await queryRows<{ id: string; supplier_org_id: string }>(database.db, sql`select p.id, p.supplier_org_id from product p where ${buyable} order by p.id limit ${PRODUCTS}`);
  if (products.length < LINES) throw new Error('not enough products with nationwide offers: seed the catalog first');
  const stocked = products.map((p) => p.id);
  const backorderable = !withBackorders
    ? []
    : await queryRows<{ id: string; supplier_org_id: string; offer_id: string; price_fen: string; vat_fen: string }>(
        database.db,
        sql`select p.id, p.supplier_org_id, o.id as offer_id, o.price_fen::text, o.vat_fen::text
            from product p
            cross join lateral (
              select o.id, o.price_fen, o.vat_fen from offer o
              where o.product_id = p.id and cardinality(o.region_codes) = 0 and o.min_qty = 1
                and o.valid_from <= ${day} and (o.valid_to is null or o.valid_to >= ${day})
              order by o.price_fen, o.id limit 1) o
            where ${buyable}
              and not exists (select 1 from stock_quant q where q.product_id = p.id)
              and p.id <> all(${`{${stocked.join(',')}}`}::uuid[])
            order by p.id limit ${BACKORDER_PRODUCTS}`,
      );
  if (withBackorders && backorderable.length < LINES) throw new Error(`only ${backorderable.length} products with nationwide offers are held nowhere: the mix needs ${LINES}`);
  const shops = await queryRows<{ email: string }>(
    database.db,
    sql`select u.email from app_user u join org o on o.id = u.org_id where o.kind = 'repair_shop' and 'buyer' = any(u.roles) order by u.email limit 16`,
  );
  const [operator] = await queryRows<{ org_id: string }>(database.db, sql`select org_id from app_user where email = 'admin@hz-ops.demo'`);
  return {
    products: products.map((p) => ({ id: p.id, supplierOrgId: p.supplier_org_id })),
    backorderable: backorderable.map((p) => ({ id: p.id, supplierOrgId: p.supplier_org_id, offerId: p.offer_id, priceFen: p.price_fen, vatFen: p.vat_fen })),
    shops: shops.map((s) => s.email),
    operatorOrgId: operator!.org_id,
  };
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

const noteOf = (scenario: Scenario) => `bench ${runId} ${scenario}`;

// Five distinct products: in the mix, each line is a product held nowhere with a chance of
// BACKORDER_SHARE, else a stocked one (as in `stock`).
function orderBody(setup: Setup, scenario: Scenario): string {
  const share = scenario === 'mix' ? BACKORDER_SHARE : 0;
  const picked = new Set<string>();
  const lines: { productId: string; qty: number }[] = [];
  while (lines.length < LINES) {
    const list: readonly Product[] = Math.random() < share ? setup.backorderable : setup.products;
    const p = list[Math.floor(Math.random() * list.length)]!;
    if (picked.has(p.id)) continue;
    picked.add(p.id);
    lines.push({ productId: p.id, qty: 1 + Math.floor(Math.random() * 2) });
  }
  return JSON.stringify({ lines, note: noteOf(scenario) });
}

type Figure = {
  ordersPerS: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  durationS: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  errorSamples: string[];
};

// The load generator's figures as the report prints them, the rate counted in orders.
function figureOf(f: LoadFigures): Figure {
  return {
    ordersPerS: f.okPerS,
    p50Ms: f.p50Ms,
    p90Ms: f.p90Ms,
    p99Ms: f.p99Ms,
    maxMs: f.maxMs,
    requests: f.requests,
    durationS: f.durationS,
    statuses: f.statuses,
    errors: f.errors,
    timeouts: f.timeouts,
    errorSamples: f.errorSamples,
  };
}

async function load(base: string, tokens: string[], setup: Setup, scenario: Scenario, opts: { duration?: number; amount?: number }): Promise<Figure> {
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
      body: orderBody(setup, scenario),
    }),
  });
  return figureOf(f);
}

// The same load with wrk (Debian's `wrk` package), when it is installed: a load generator in C
// takes a fraction of the CPU autocannon does, and on a 2-core machine shared by the server,
// PostgreSQL and the load generator, that CPU is what the server would otherwise get. The Lua
// script makes each request's body (5 random products, in the mix each a product held nowhere with
// a chance of BACKORDER_SHARE) and Idempotency-Key, like autocannon's.
function wrkScript(tokens: string[], setup: Setup, scenario: Scenario): string {
  const list = (ps: readonly Product[]) => ps.map((p) => `"${p.id}"`).join(',');
  const auth = tokens.map((t) => `"${t}"`).join(',');
  const share = scenario === 'mix' ? BACKORDER_SHARE : 0;
  return `
local stocked = {${list(setup.products)}}
local backorderable = {${scenario === 'mix' ? list(setup.backorderable) : ''}}
local share = ${share}
local tokens = {${auth}}
local threads = {}
local n = 0
-- \`id\` stays a global: setup() sets it in each thread's own Lua state (thread:set), and a chunk
-- local of that name would hide it from the functions below (every thread would be 0, seed its
-- random numbers alike and send the same keys and bodies: replays, not new orders).
function setup(thread) thread:set("id", #threads + 1); table.insert(threads, thread) end
function init(args) created = 0; other = 0; n = 0; math.randomseed(os.time() * 1000 + id) end
function request()
  n = n + 1
  local picked, lines = {}, {}
  while #lines < ${LINES} do
    local products = stocked
    if #backorderable > 0 and math.random() < share then products = backorderable end
    local p = products[math.random(#products)]
    if not picked[p] then picked[p] = true; table.insert(lines, string.format('{"productId":"%s","qty":%d}', p, math.random(2))) end
  end
  local body = '{"lines":[' .. table.concat(lines, ',') .. '],"note":"${noteOf(scenario)}"}'
  local headers = { ["content-type"] = "application/json", ["authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["idempotency-key"] = string.format("wrk-${runId}-${scenario}-%d-%d", id, n) }
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

async function loadWithWrk(base: string, tokens: string[], setup: Setup, scenario: Scenario, seconds: number): Promise<Figure> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-orders-'));
  const script = path.join(dir, 'orders.lua');
  writeFileSync(script, wrkScript(tokens, setup, scenario));
  const out = execFileSync('wrk', ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '30s', '-s', script, base], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.startsWith('WRK '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const w = JSON.parse(line.slice(4)) as {
    created: number;
    other: number;
    requests: number;
    durationUs: number;
    p50Us: number;
    p90Us: number;
    p99Us: number;
    maxUs: number;
    connectErrors: number;
    timeouts: number;
  };
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

type RawFigure = { transactionsPerS: number; clients: number; transactions: number; linesReserved: number; linesBackordered: number };

// The sourcing writes alone, as raw SQL, `clients` loops at once for the duration. In `stock`: lock
// five random quants of the bench warehouse in key order, reserve one unit of each, write five
// pending moves. In the mix each of the five lines is backordered with a chance of BACKORDER_SHARE:
// the stocked ones are reserved as in `stock`; for the others, in one statement, a sent purchase
// order per supplier with a line per product, the incoming it brings and an open demand per line
// (the rows placing the order writes for them, less the audit trail, history and events, as the
// stocked lines leave out the order's own rows). Every transaction is rolled back, so the stock the
// HTTP run is measured on stays as it was.
async function rawLoop(database: Database, url: string | null, setup: Setup, warehouse: { warehouseId: string; locationId: string }, clients: number, scenario: Scenario): Promise<RawFigure> {
  const { locationId, warehouseId } = warehouse;
  const lotRows = await queryRows<{ product_id: string; lot_id: string; owner_org_id: string }>(
    database.db,
    sql`select product_id, lot_id, owner_org_id from stock_quant where location_id = ${locationId}`,
  );
  const quants = lotRows.map((r) => ({ productId: r.product_id, lotId: r.lot_id, ownerOrgId: r.owner_org_id }));
  const share = scenario === 'mix' ? BACKORDER_SHARE : 0;
  const customer = '00000000-0000-7000-8000-00000000a002';
  const expectedDate = chinaDate(new Date(Date.now() + 7 * 86_400_000));
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
  let linesReserved = 0;
  let linesBackordered = 0;
  const deadline = performance.now() + durationS * 1000;
  const t0 = performance.now();
  await Promise.all(
    runners.map(async (c) => {
      while (performance.now() < deadline) {
        const pickedQuants = new Set<number>();
        const pickedBackorders = new Set<number>();
        while (pickedQuants.size + pickedBackorders.size < LINES) {
          if (Math.random() < share) pickedBackorders.add(Math.floor(Math.random() * setup.backorderable.length));
          else pickedQuants.add(Math.floor(Math.random() * quants.length));
        }
        const q = [...pickedQuants].map((i) => quants[i]!).sort((a, b) => (a.productId < b.productId ? -1 : 1));
        const products = q.map((x) => x.productId);
        await c.query('begin');
        if (q.length > 0) {
          await c.query('select on_hand, reserved from stock_quant where location_id = $1 and product_id = any($2::uuid[]) order by product_id, lot_id, owner_org_id for update', [
            locationId,
            products,
          ]);
          await c.query('update stock_quant set reserved = reserved + 1 where location_id = $1 and product_id = any($2::uuid[]) and on_hand - reserved >= 1', [locationId, products]);
          const values = q
            .map((_, i) => `($${i * 4 + 1}::uuid, 'pending', 'order', $${i * 4 + 2}::uuid, $${i * 4 + 3}::uuid, $${i * 4 + 4}::uuid, 1, '${locationId}', '${customer}', now())`)
            .join(', ');
          await c.query(
            `insert into stock_move (id, phase, kind, product_id, lot_id, owner_org_id, qty, from_location_id, to_location_id, at) values ${values}`,
            q.flatMap((x) => [randomUUID(), x.productId, x.lotId, x.ownerOrgId]),
          );
        }
        if (pickedBackorders.size > 0) {
          const lines = [...pickedBackorders].map((i) => setup.backorderable[i]!);
          const poBySupplier = new Map<string, string>();
          for (const l of lines) if (!poBySupplier.has(l.supplierOrgId)) poBySupplier.set(l.supplierOrgId, randomUUID());
          const pos = [...poBySupplier];
          const lineNos = new Map<string, number>();
          const poLines = lines.map((l) => {
            const poId = poBySupplier.get(l.supplierOrgId)!;
            lineNos.set(poId, (lineNos.get(poId) ?? 0) + 1);
            return { ...l, lineId: randomUUID(), poId, lineNo: lineNos.get(poId)! };
          });
          await c.query(
            `with po as (
               insert into purchase_order (id, po_no, supplier_org_id, warehouse_id, operator_org_id, origin, consignment, status, expected_date, note, created_at, updated_at)
               select id, 'PO-RAW-' || replace(id::text, '-', ''), supplier, $1::uuid, $2::uuid, 'backorder', false, 'sent', $3::date, 'bench raw', now(), now()
               from unnest($4::uuid[], $5::uuid[]) as t(id, supplier)),
             pol as (
               insert into purchase_order_line (id, purchase_order_id, line_no, product_id, offer_id, qty, unit_fen, vat_fen, qty_received, status)
               select id, po, line_no, product, offer, 1, price, vat, 0, 'open' from unnest($6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::bigint[], $11::bigint[], $12::int[]) as t(id, po, product, offer, price, vat, line_no)),
             inc as (
               insert into stock_incoming (document_line_id, document_id, warehouse_id, product_id, qty, expected_date)
               select id, po, $1::uuid, product, 1, $3::date from unnest($6::uuid[], $7::uuid[], $8::uuid[]) as t(id, po, product))
             insert into stock_demand (id, order_line_id, warehouse_id, product_id, qty, source, source_document_id, status, eta_date, created_at, updated_at)
             select gen_random_uuid(), gen_random_uuid(), $1::uuid, product, 1, 'purchase', po, 'open', $3::date, now(), now() from unnest($7::uuid[], $8::uuid[]) as t(po, product)`,
            [
              warehouseId,
              setup.operatorOrgId,
              expectedDate,
              pos.map(([, id]) => id),
              pos.map(([supplier]) => supplier),
              poLines.map((l) => l.lineId),
              poLines.map((l) => l.poId),
              poLines.map((l) => l.id),
              poLines.map((l) => l.offerId),
              poLines.map((l) => l.priceFen),
              poLines.map((l) => l.vatFen),
              poLines.map((l) => l.lineNo),
            ],
          );
        }
        await c.query('rollback');
        done++;
        linesReserved += q.length;
        linesBackordered += pickedBackorders.size;
      }
    }),
  );
  const elapsedS = (performance.now() - t0) / 1000;
  for (const c of runners) await c.end?.();
  return { transactionsPerS: Math.round((done / elapsedS) * 10) / 10, clients: runners.length, transactions: done, linesReserved, linesBackordered };
}

const HOT_TABLES = [
  'stock_quant',
  'stock_move',
  'stock_lot',
  'warehouse',
  'warehouse_coverage',
  'parts_order',
  'order_line',
  'order_party',
  'shipment',
  'idempotency_key',
  'audit_event',
  'outbox_event',
  'stock_demand',
  'stock_incoming',
  'purchase_order',
  'purchase_order_line',
  'purchase_order_history',
];

// The claim scenario's setup writes claims, versions and quotes by the hundred, which its orders read.
const CLAIM_TABLES = [...HOT_TABLES, 'claim', 'assessment', 'assessment_line', 'quote', 'quote_line'];

async function vacuum(url: string, tables = HOT_TABLES): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`vacuum analyze ${tables.join(', ')}`);
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
          select l.id, l.qty from order_line l join parts_order o on o.id = l.order_id where o.note = ${noteOf('stock')} and l.status <> 'cancelled')
        select
          (select coalesce(sum(qty), 0)::int from bench_lines) as ordered,
          (select coalesce(sum(m.qty), 0)::int from stock_move m join bench_lines b on b.id = m.order_line_id where m.phase = 'pending') as reserved,
          (select coalesce(sum(on_hand), 0)::int from stock_quant where location_id = ${locationId}) as received`,
  );
  const verify = await verifyStock(database.db);
  const oversell = { impossibleQuants: impossible!.n, unitsOrdered: units!.ordered, unitsReserved: units!.reserved, unitsOnHand: units!.received, cacheEqualsMoves: verify.ok, moves: verify.moves };
  // Every unit the accepted orders asked for is reserved, once; nothing else is.
  return { ...oversell, zero: oversell.impossibleQuants === 0 && oversell.cacheEqualsMoves && oversell.unitsOrdered === oversell.unitsReserved };
}

// After the mix: zero oversell as in `stock`, counted over the reserved lines; every accepted line
// either reserved (its pending moves are its quantity) or awaiting stock with an open demand for
// its quantity on a sent purchase order holding an open line of its product for at least that
// much; the lines of products held nowhere all bought, the others all reserved; and the incoming
// cache equal to what the purchase orders say (`anpei stock verify`).
async function checkMix(database: Database, setup: Setup) {
  const [impossible] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stock_quant where on_hand < 0 or reserved < 0 or reserved > on_hand`);
  const backorderable = `{${setup.backorderable.map((p) => p.id).join(',')}}`;
  const [lines] = await queryRows<{
    lines: number;
    reserved: number;
    reserved_whole: number;
    units_ordered: number;
    units_reserved: number;
    awaiting: number;
    awaiting_on_purchase: number;
    other: number;
    held_nowhere: number;
    held_nowhere_awaiting: number;
    stocked_reserved: number;
    purchase_orders: number;
  }>(
    database.db,
    sql`with bench_lines as (
          select l.id, l.qty, l.status, l.product_id, l.product_id = any(${backorderable}::uuid[]) as held_nowhere
          from order_line l join parts_order o on o.id = l.order_id where o.note = ${noteOf('mix')}),
        pending as (
          select m.order_line_id, sum(m.qty)::int as qty from stock_move m join bench_lines b on b.id = m.order_line_id where m.phase = 'pending' group by m.order_line_id),
        judged as (
          select b.*, coalesce(p.qty, 0) as pending_qty, d.source_document_id,
            (d.id is not null and d.status = 'open' and d.source = 'purchase' and d.qty = b.qty and exists (
              select 1 from purchase_order po join purchase_order_line pl on pl.purchase_order_id = po.id
              where po.id = d.source_document_id and po.status = 'sent' and po.origin = 'backorder'
                and pl.product_id = b.product_id and pl.status = 'open' and pl.qty >= b.qty)) as on_purchase
          from bench_lines b left join pending p on p.order_line_id = b.id left join stock_demand d on d.order_line_id = b.id)
        select
          count(*)::int as lines,
          count(*) filter (where status = 'reserved')::int as reserved,
          count(*) filter (where status = 'reserved' and pending_qty = qty and source_document_id is null)::int as reserved_whole,
          coalesce(sum(qty) filter (where status = 'reserved'), 0)::int as units_ordered,
          coalesce(sum(pending_qty), 0)::int as units_reserved,
          count(*) filter (where status = 'awaiting_stock')::int as awaiting,
          count(*) filter (where status = 'awaiting_stock' and pending_qty = 0 and on_purchase)::int as awaiting_on_purchase,
          count(*) filter (where status not in ('reserved', 'awaiting_stock'))::int as other,
          count(*) filter (where held_nowhere)::int as held_nowhere,
          count(*) filter (where held_nowhere and status = 'awaiting_stock')::int as held_nowhere_awaiting,
          count(*) filter (where not held_nowhere and status = 'reserved')::int as stocked_reserved,
          count(distinct source_document_id)::int as purchase_orders
        from judged`,
  );
  const l = lines!;
  const verify = await verifyStock(database.db);
  const incoming = await verifyIncoming(database.db, await expectedIncoming(database.db));
  const oversell = { impossibleQuants: impossible!.n, unitsOrdered: l.units_ordered, unitsReserved: l.units_reserved, cacheEqualsMoves: verify.ok, moves: verify.moves };
  const sourcing = {
    lines: l.lines,
    reserved: l.reserved,
    reservedWhole: l.reserved_whole,
    awaitingStock: l.awaiting,
    awaitingOnPurchase: l.awaiting_on_purchase,
    otherStatus: l.other,
    backorderedShare: l.lines === 0 ? 0 : Math.round((l.awaiting / l.lines) * 1000) / 1000,
    linesOfProductsHeldNowhere: l.held_nowhere,
    thoseAwaiting: l.held_nowhere_awaiting,
    linesOfStockedProducts: l.lines - l.held_nowhere,
    thoseReserved: l.stocked_reserved,
    purchaseOrders: l.purchase_orders,
    incoming: { rows: incoming.rows, expected: incoming.expected, ok: incoming.ok, mismatches: incoming.mismatches.length },
  };
  return {
    oversell: { ...oversell, zero: oversell.impossibleQuants === 0 && oversell.cacheEqualsMoves && oversell.unitsOrdered === oversell.unitsReserved },
    sourcing: {
      ...sourcing,
      ok:
        sourcing.lines > 0 &&
        sourcing.otherStatus === 0 &&
        sourcing.reservedWhole === sourcing.reserved &&
        sourcing.awaitingOnPurchase === sourcing.awaitingStock &&
        sourcing.thoseAwaiting === sourcing.linesOfProductsHeldNowhere &&
        sourcing.thoseReserved === sourcing.linesOfStockedProducts &&
        incoming.ok,
    },
  };
}

// Orders every version once, each by its own shop's buyer with an Idempotency-Key of its own, at
// `connections`, collecting the ids of the orders the 201s name. Always autocannon, by amount: wrk
// cannot feed a queue of distinct bodies (each of its threads runs its own Lua state, which would
// have to be handed its share of the versions in the script, with their buyers' tokens), and each
// version must be ordered exactly once.
async function claimLoad(base: string, tokens: Map<string, string>, versions: readonly ApprovedVersion[], created: string[]): Promise<Figure> {
  let n = 0;
  const f = await postLoad({
    base,
    connections,
    amount: versions.length,
    expect: 201,
    next: (stop) => {
      // Never expected (autocannon sends `amount` requests): the last version again, which would
      // answer 422 already_ordered and show among the statuses.
      if (n === versions.length) stop();
      const v = versions[Math.min(n++, versions.length - 1)]!;
      return {
        path: '/api/v1/orders',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(v.buyer)}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ assessmentId: v.assessmentId }),
      };
    },
    onAnswer: (status, body) => {
      if (status === 201) created.push((JSON.parse(body) as { id: string }).id);
    },
  });
  return figureOf(f);
}

// After the claim scenario, over its versions (warm-up and measured): every 201 an order of kind
// 'claim' for one of them, and no other order of theirs; no version ordered twice; every claim with
// an order moved to `ordered`, and no other; each line reserved in full (its pending moves are its
// quantity) or awaiting stock on an open demand; and zero oversell, as in `stock` and the mix.
async function checkClaims(database: Database, versions: readonly ApprovedVersion[], created: readonly string[]) {
  const ids = `{${versions.map((v) => v.assessmentId).join(',')}}`;
  const answered = `{${created.join(',')}}`;
  const [orders] = await queryRows<{ orders: number; claim_orders: number; answered_found: number; twice: number; claims_ordered: number; claims_amiss: number }>(
    database.db,
    sql`with ours as (select o.* from parts_order o where o.assessment_id = any(${ids}::uuid[]))
        select
          (select count(*)::int from ours) as orders,
          (select count(*)::int from ours where kind = 'claim') as claim_orders,
          (select count(*)::int from ours where kind = 'claim' and id = any(${answered}::uuid[])) as answered_found,
          (select count(*)::int from (select assessment_id from ours group by assessment_id having count(*) > 1) d) as twice,
          (select count(*)::int from claim c where c.id in (select claim_id from ours)) as claims_ordered,
          (select count(*)::int from claim c join assessment a on a.claim_id = c.id
            where a.id = any(${ids}::uuid[]) and (c.status = 'ordered') <> (c.id in (select claim_id from ours))) as claims_amiss`,
  );
  const [lines] = await queryRows<{ lines: number; reserved: number; reserved_whole: number; awaiting: number; awaiting_on_demand: number; other: number }>(
    database.db,
    sql`with ours as (
          select l.id, l.qty, l.status from order_line l join parts_order o on o.id = l.order_id where o.assessment_id = any(${ids}::uuid[])),
        pending as (
          select m.order_line_id, sum(m.qty)::int as qty from stock_move m join ours on ours.id = m.order_line_id where m.phase = 'pending' group by m.order_line_id)
        select
          count(*)::int as lines,
          count(*) filter (where status = 'reserved')::int as reserved,
          count(*) filter (where status = 'reserved' and p.qty = ours.qty)::int as reserved_whole,
          count(*) filter (where status = 'awaiting_stock')::int as awaiting,
          count(*) filter (where status = 'awaiting_stock' and p.qty is null and exists (
            select 1 from stock_demand d where d.order_line_id = ours.id and d.status = 'open' and d.qty = ours.qty))::int as awaiting_on_demand,
          count(*) filter (where status not in ('reserved', 'awaiting_stock'))::int as other
        from ours left join pending p on p.order_line_id = ours.id`,
  );
  const [impossible] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stock_quant where on_hand < 0 or reserved < 0 or reserved > on_hand`);
  const verify = await verifyStock(database.db);
  const incoming = await verifyIncoming(database.db, await expectedIncoming(database.db));
  const o = orders!;
  const l = lines!;
  const placed = {
    answered201: created.length,
    distinctAnswered: new Set(created).size,
    ordersInDatabase: o.orders,
    claimOrders: o.claim_orders,
    answeredFoundAsClaimOrders: o.answered_found,
    versionsOrderedTwice: o.twice,
    claimsOrdered: o.claims_ordered,
    // Claims whose status is `ordered` without an order, or with one and not `ordered`.
    claimsAmiss: o.claims_amiss,
  };
  const sourcing = { lines: l.lines, reserved: l.reserved, reservedWhole: l.reserved_whole, awaitingStock: l.awaiting, awaitingOnOpenDemand: l.awaiting_on_demand, otherStatus: l.other };
  const oversell = {
    impossibleQuants: impossible!.n,
    cacheEqualsMoves: verify.ok,
    moves: verify.moves,
    incoming: { rows: incoming.rows, expected: incoming.expected, ok: incoming.ok, mismatches: incoming.mismatches.length },
  };
  return {
    placed: {
      ...placed,
      // Every order is one the load was answered 201 for (an amount-driven run waits for every
      // answer), of kind 'claim', once per version, and its claim moved with it.
      ok:
        placed.answered201 > 0 &&
        placed.distinctAnswered === placed.answered201 &&
        placed.ordersInDatabase === placed.answered201 &&
        placed.claimOrders === placed.ordersInDatabase &&
        placed.answeredFoundAsClaimOrders === placed.answered201 &&
        placed.versionsOrderedTwice === 0 &&
        placed.claimsAmiss === 0 &&
        placed.claimsOrdered === placed.ordersInDatabase,
    },
    sourcing: { ...sourcing, ok: sourcing.lines > 0 && sourcing.otherStatus === 0 && sourcing.reservedWhole === sourcing.reserved && sourcing.awaitingOnOpenDemand === sourcing.awaitingStock },
    oversell: { ...oversell, zero: oversell.impossibleQuants === 0 && oversell.cacheEqualsMoves && oversell.incoming.ok },
  };
}

type Target = { database: string; env: Record<string, string>; url: string | null; open: () => Promise<Database> };
const targets: Target[] = [];
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

// The shop's own orders (stock, mix) on one database: one server, one bench warehouse, each scenario's
// load, then its checks and raw loop.
async function benchShopOrders(target: Target): Promise<unknown[]> {
  const results: unknown[] = [];
  // PGlite allows one process on its files: sample first, hand them to the server, then check.
  let database = await target.open();
  const setup = await sample(database, scenarios.includes('mix'));
  await database.close();
  const server = await startServer(target.env);
  const runs = new Map<Scenario, { warmup: Figure; measured: Figure }>();
  let warehouse: { warehouseId: string; locationId: string };
  let shops: number;
  try {
    warehouse = await stockUp(server.base, setup);
    const tokens = await Promise.all(setup.shops.map((email) => login(server.base, email)));
    shops = tokens.length;
    for (const scenario of scenarios) {
      // This machine's PostgreSQL runs with autovacuum off; in service it would have cleaned the
      // dead row versions that earlier runs (and the raw loop's rolled-back reservations) left.
      if (target.url) await vacuum(target.url);
      const warmup = await load(server.base, tokens, setup, scenario, { amount: target.url ? 500 : 100 });
      const measured = useWrk ? await loadWithWrk(server.base, tokens, setup, scenario, durationS) : await load(server.base, tokens, setup, scenario, { duration: durationS });
      runs.set(scenario, { warmup, measured });
    }
  } finally {
    await server.stop();
  }
  database = await target.open();
  for (const scenario of scenarios) {
    const checked = scenario === 'stock' ? { oversell: await checkStock(database, warehouse.locationId) } : await checkMix(database, setup);
    if (target.url) await vacuum(target.url);
    const raw = await rawLoop(database, target.url, setup, warehouse, target.url ? connections : 1, scenario);
    const { warmup, measured: m } = runs.get(scenario)!;
    // Every 201 must be a new order, not the stored answer to a repeated Idempotency-Key: the
    // orders/s figure counts 201s. The database may hold a few more: the requests in flight when
    // the load generator stopped counting (at most one per connection).
    const [placed] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from parts_order where note = ${noteOf(scenario)}`);
    const answered = (warmup.statuses['201'] ?? 0) + (m.statuses['201'] ?? 0);
    results.push({
      database: target.database,
      scenario,
      loadGenerator: useWrk ? 'wrk' : 'autocannon',
      appProcesses: target.url ? Number(args.workers) : 1,
      linesPerOrder: LINES,
      ...(scenario === 'mix' ? { backorderShare: BACKORDER_SHARE, productsHeldNowhere: setup.backorderable.length } : {}),
      products: setup.products.length,
      shops,
      warmup: { ordersPerS: warmup.ordersPerS, p99Ms: warmup.p99Ms, statuses: warmup.statuses },
      orders: {
        connections,
        ...m,
        targetOrdersPerS: TARGET_ORDERS_PER_S,
        met: m.ordersPerS >= TARGET_ORDERS_PER_S,
        shortOfTargetBy: Math.max(0, Math.round((TARGET_ORDERS_PER_S - m.ordersPerS) * 10) / 10),
      },
      created: { answered201: answered, ordersInDatabase: placed!.n, everyAnswerANewOrder: placed!.n >= answered && placed!.n - answered <= connections },
      ...checked,
      ...(scenario === 'stock' ? { rawReservation: { reservationsPerS: raw.transactionsPerS, clients: raw.clients, transactions: raw.transactions } } : { rawMix: raw }),
      httpOverRaw: Math.round((m.ordersPerS / raw.transactionsPerS) * 1000) / 1000,
    });
  }
  await database.close();
  return results;
}

// The claim scenario on one database, on a server of its own: the approved versions made through the
// API, the warm-up on versions of its own, the measured orders, then the checks.
async function benchClaimOrders(target: Target): Promise<unknown> {
  const server = await startServer(target.env);
  const created: string[] = [];
  let setup: Awaited<ReturnType<typeof prepareApprovedClaims>>;
  let warmup: Figure;
  let measured: Figure;
  try {
    setup = await prepareApprovedClaims(server.base, { count: claimWarmup + claimCount, runId, concurrency: 8 });
    const tokens = new Map(await Promise.all(setup.buyers.map(async (email) => [email, await login(server.base, email)] as const)));
    if (target.url) await vacuum(target.url, CLAIM_TABLES);
    warmup = await claimLoad(server.base, tokens, setup.versions.slice(0, claimWarmup), created);
    measured = await claimLoad(server.base, tokens, setup.versions.slice(claimWarmup), created);
  } finally {
    await server.stop();
  }
  const database = await target.open();
  const checked = await checkClaims(database, setup.versions, created);
  await database.close();
  const lines = setup.versions.map((v) => v.sources.length);
  return {
    database: target.database,
    scenario: 'claim',
    loadGenerator: 'autocannon',
    appProcesses: target.url ? Number(args.workers) : 1,
    setup: {
      seconds: setup.setupS,
      approvedVersions: setup.versions.length,
      claimsFiled: setup.filed,
      claimsSkipped: setup.skipped,
      requests: setup.requests,
      shops: setup.buyers.length,
      linesPerOrder: Math.round((lines.reduce((a, b) => a + b, 0) / lines.length) * 100) / 100,
      quotedSources: setup.quotedSources,
    },
    warmup: { orders: claimWarmup, ordersPerS: warmup.ordersPerS, p99Ms: warmup.p99Ms, statuses: warmup.statuses },
    orders: { connections, ...measured },
    ...checked,
  };
}

const results: unknown[] = [];
for (const target of targets) {
  if (scenarios.length > 0) results.push(...(await benchShopOrders(target)));
  if (withClaims) results.push(await benchClaimOrders(target));
}
process.stdout.write(`${JSON.stringify({ bench: 'orders', node: process.version, cpus: os.cpus().length, connections, durationS, runId, results })}\n`);
