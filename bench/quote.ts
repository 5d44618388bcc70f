// bench/quote: quoting a 20-line assessment (POST /api/v1/assessments/:id/quote) over HTTP with
// autocannon against `anpei serve` on the `large` catalog, on PostgreSQL and PGlite, with
// stock-aware ranking (every offer planned: stock, drop-ship, transfer or purchase, with its ETA;
// the large seed stocks one product in eight at the central warehouse and one in sixteen at the
// front one), in two phases:
//  - latency: one connection, one quote after another, p50/p99 (target, issue 4, PostgreSQL: p99 ≤ 50 ms);
//  - throughput: quotes/s at 8 connections, with that phase's latencies too (there p99 is mostly
//    queueing: 8 requests share 2 cores with PostgreSQL and autocannon).
// Prints one JSON line.
//
// A version is quoted once, so the setup phase files claims and writes draft assessments through
// the API first (as adjuster@picc.demo, repair shop 上海浦东安达, 20 `replace` lines of parts that fit
// the claim's vehicle model), and every measured request takes the next prepared assessment from a
// queue: each is quoted exactly once. Any answer other than 201 is counted (non2xx, by status).
// Beside the figures: the EXPLAIN ANALYZE of the offers query for a 20-part line set, what the
// quotes held (lines with offers, auto-approved, sent to inquiry, and where the chosen offers come
// from), and a profile of the command run in-process on assessments left over, in a rolled-back
// transaction: its stages (offers, rules, sourcing, ranking) and, on PostgreSQL, every statement
// it sends.
//
// Needs databases already seeded with `anpei seed --scale large` (claims accumulate across runs):
//   BENCH_DATABASE_URL=postgres://…  (PostgreSQL)     BENCH_PGLITE_DIR=/path/to/data  (PGlite)
//   npx tsx bench/quote.ts [--duration 10] [--connections 8] [--only pg|pglite] [--prepare N]
// (--duration is per phase.)
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { offersForParts, offersForPartsSelect, part } from '../src/modules/catalog/index.ts';
import { loadInsurerRules } from '../src/modules/quoting/insurer-rules/index.ts';
import { planOfferSources } from '../src/modules/quoting/quote/offer-sources.ts';
import { quoteAssessment } from '../src/modules/quoting/quote/quote-assessment.ts';
import { rankOffers, resolveGuide } from '../src/modules/quoting/rules/index.ts';
import { regionPath } from '../src/modules/regions/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import type { Ctx } from '../src/platform/context.ts';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { startDeferred, takeDeferred } from '../src/platform/deferred-writes.ts';
import { writeTogether } from '../src/platform/write-together.ts';
import { explainQuery, explainSql, login, postLoad, startServer, type Plan } from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    only: { type: 'string' },
    // Assessments to prepare for the measured run; by default from the warm-up's rate.
    prepare: { type: 'string' },
    profile: { type: 'string', default: '30' },
  },
});
const durationS = Number(args.duration);
const connections = Number(args.connections);
const profileCount = Number(args.profile);
const LINES = 20;
const SHOP_REGION = '310115';
const TARGET_P99_MS = 50;
const runId = randomBytes(4).toString('hex');

type Sample = { vin: string; modelId: string; partIds: string[] };
type Setup = { shopOrgId: string; samples: Sample[] };

// Models with a sample VIN and at least 20 fitting parts, each with the first 20 of its parts.
async function sample(database: Database): Promise<Setup> {
  const { db } = database;
  const [shop] = await queryRows<{ id: string }>(db, sql`select id from org where name like '上海浦东安达%'`);
  if (!shop) throw new Error('repair shop 上海浦东安达 not found: run `anpei seed --scale large` first');
  const models = await queryRows<{ sample_vin: string; id: string }>(db, sql`select sample_vin, id from vehicle_model where sample_vin is not null order by random() limit 200`);
  const samples: Sample[] = [];
  for (const m of models) {
    const parts = await queryRows<{ part_id: string }>(db, sql`select part_id from part_fitment where vehicle_model_id = ${m.id} limit ${LINES}`);
    if (parts.length === LINES) samples.push({ vin: m.sample_vin, modelId: m.id, partIds: parts.map((p) => p.part_id) });
    if (samples.length >= 100) break;
  }
  if (samples.length === 0) throw new Error('no vehicle model with a sample VIN and 20 fitting parts');
  return { shopOrgId: shop.id, samples };
}

// EXPLAIN ANALYZE of the offers query exactly as quoting prepares it, for one 20-part line set
// (run twice: the second, warm, is reported). Also the median of the warm runs over other sets.
async function explainOffers(database: Database, samples: Sample[]): Promise<Plan & { medianExecutionMsOver: number; medianExecutionMs: number }> {
  const day = chinaDate(new Date());
  const served = regionPath(SHOP_REGION).map((r) => r.code);
  const run = (partIds: string[]) => explainQuery(database, offersForPartsSelect(database.db), { partIds, day, served });
  await run(samples[0]!.partIds);
  const plan = await run(samples[0]!.partIds);
  const times: number[] = [];
  for (const s of samples.slice(1, 21)) times.push((await run(s.partIds)).executionMs);
  times.sort((a, b) => a - b);
  return { ...plan, medianExecutionMsOver: times.length, medianExecutionMs: times[Math.floor(times.length / 2)] ?? plan.executionMs };
}

async function post(base: string, token: string, url: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

let claimSeq = 0;

// Files `count` claims and writes a 20-line draft assessment on each, `concurrency` at a time.
async function prepareAssessments(base: string, token: string, setup: Setup, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const k = claimSeq++;
      const s = setup.samples[k % setup.samples.length]!;
      const created = await post(base, token, '/api/v1/claims', {
        claimNo: `BQ-${runId}-${k}`,
        policyNo: `PDAA${runId}${k}`,
        accidentDate: chinaDate(new Date()),
        accidentRegionCode: SHOP_REGION,
        vin: s.vin,
        vehicleModelId: s.modelId,
        plate: `沪A${String(10000 + (k % 90000))}`,
        vehicleValueFen: 15_000_000,
        repairShopOrgId: setup.shopOrgId,
      });
      const assessment = await post(base, token, `/api/v1/claims/${created.id}/assessments`, {
        lines: s.partIds.map((partId) => ({ partId, quantity: 1, operation: 'replace', labourHours: 1.5 })),
      });
      ids.push(assessment.id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

type Figure = {
  quotesPerS: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  requests: number;
  durationS: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  errorSamples: string[];
  queueExhausted: boolean;
};

// Quotes prepared assessments, each once: setupRequest takes the next id off the queue. Should the
// queue run dry the run is stopped early (and says so) rather than quoting a version twice.
async function load(base: string, token: string, queue: string[], opts: { duration?: number; amount?: number; connections: number }): Promise<Figure> {
  let exhausted = false;
  const { okPerS, ...f } = await postLoad({
    base,
    connections: opts.connections,
    durationS: opts.duration ?? durationS,
    amount: opts.amount,
    headers: { authorization: `Bearer ${token}` },
    expect: 201,
    next: (stop) => {
      const id = queue.shift();
      if (id === undefined) {
        if (!exhausted) {
          exhausted = true;
          stop();
        }
        // Not a prepared version: answered 404 and counted as non-2xx.
        return { path: '/api/v1/assessments/00000000-0000-7000-8000-000000000000/quote' };
      }
      return { path: `/api/v1/assessments/${id}/quote` };
    },
  });
  return { quotesPerS: okPerS, ...f, queueExhausted: exhausted };
}

type Served = { warmup: Figure; latency: Figure; throughput: Figure; prepared: number; prepareS: number; leftover: string[] };

async function serveAndLoad(env: Record<string, string>, setup: Setup, isPg: boolean): Promise<Served> {
  const server = await startServer(env);
  const base = server.base;
  try {
    const token = await login(base);
    const concurrency = isPg ? 4 : 1;

    // Warm-up: a fixed number of quotes, which also gives the rate to size the measured run by.
    const warmCount = isPg ? 200 : 20;
    const t0 = performance.now();
    const warmQueue = await prepareAssessments(base, token, setup, warmCount, concurrency);
    const perAssessmentS = (performance.now() - t0) / 1000 / warmCount;
    const warmup = await load(base, token, warmQueue, { amount: warmCount, connections });

    // --prepare overrides the floor (for a quick check of the bench itself).
    // Enough for both phases: the throughput phase at the warm-up's rate, and the latency phase
    // (one connection) at well under it.
    const count = (args.prepare !== undefined ? Number(args.prepare) : Math.max(Math.ceil(warmup.quotesPerS * durationS * 2.3), isPg ? 3000 : 60)) + profileCount;
    process.stderr.write(`[bench/quote] ${isPg ? 'postgresql' : 'pglite'}: warm-up ${warmup.quotesPerS} quotes/s; preparing ${count} assessments (~${Math.round(count * perAssessmentS)} s)\n`);
    const t1 = performance.now();
    const queue = await prepareAssessments(base, token, setup, count, concurrency);
    const prepareS = Math.round((performance.now() - t1) / 100) / 10;
    // The profile's assessments are kept off the queue so the measured run cannot take them.
    const reserved = queue.splice(0, profileCount);
    // The tables this run grew are vacuumed and have fresh statistics before the measured run, as
    // autovacuum would give them in service (it is off on these machines' PostgreSQL: a planner that
    // believes a 50,000-row table empty picks sequential scans, and dead rows slow every read).
    if (env.DATABASE_URL) await analyzeGrownTables(env.DATABASE_URL);
    const latency = await load(base, token, queue, { duration: durationS, connections: 1 });
    const throughput = await load(base, token, queue, { duration: durationS, connections });
    return { warmup, latency, throughput, prepared: count, prepareS, leftover: [...reserved, ...queue] };
  } finally {
    await server.stop();
  }
}

const GROWN_TABLES = ['claim', 'assessment', 'assessment_line', 'quote', 'quote_line', 'inquiry', 'inquiry_supplier', 'bid', 'outbox_event', 'audit_event'];

async function analyzeGrownTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`vacuum analyze ${GROWN_TABLES.join(', ')}`);
  } finally {
    await client.end();
  }
}

// What the quotes of this run held.
async function quoteMix(database: Database): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, number>>(
    database.db,
    sql`select count(distinct q.id)::int as quotes, count(ql.id)::int as lines,
          (count(ql.id) filter (where not ql.needs_inquiry))::int as "linesWithOffer",
          (count(ql.id) filter (where ql.needs_inquiry))::int as "linesToInquiry",
          (count(ql.id) filter (where ql.approval = 'auto_approved'))::int as "linesAutoApproved",
          round(avg(jsonb_array_length(ql.candidates)), 2)::float as "candidatesPerLine",
          (count(ql.id) filter (where ql.chosen_source = 'stock'))::int as "chosenFromStock",
          (count(ql.id) filter (where ql.chosen_source = 'drop_ship'))::int as "chosenDropShip",
          (count(ql.id) filter (where ql.chosen_source = 'transfer'))::int as "chosenByTransfer",
          (count(ql.id) filter (where ql.chosen_source = 'purchase'))::int as "chosenToBuy",
          coalesce(round(avg(ql.eta_days), 2), 0)::float as "meanEtaDays"
        from quote q join claim c on c.id = q.claim_id left join quote_line ql on ql.quote_id = q.id
        where c.claim_no like ${`BQ-${runId}-%`}`,
  );
  return row ?? {};
}

// Per-statement timings on PostgreSQL: every query a pg.Client sends while `recording` is on.
type Timed = { label: string; ms: number; text: string; values: unknown[] };
let recording: Timed[] | null = null;
function labelOf(text: string, name: string | undefined): string {
  const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
  const write = /^(insert into|update|delete from) "?(\w+)"?/.exec(t);
  if (write) return `${write[1]!.split(' ')[0]} ${write[2]}`;
  const read = /^(?:with .*?\) )?select .*? from "?(\w+)"?/.exec(t);
  if (read) return `select ${read[1]}${name ? ` [${name}]` : ''}`;
  return t.split(' ')[0]!;
}
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function patched(this: pg.Client, ...a: unknown[]) {
  const config = a[0] as string | { text: string; name?: string; values?: unknown[] };
  const text = typeof config === 'string' ? config : config.text;
  const values = (typeof config === 'string' ? undefined : config.values) ?? (Array.isArray(a[1]) ? (a[1] as unknown[]) : []);
  const out = (originalQuery as (...x: unknown[]) => unknown).apply(this, a);
  if (recording && out && typeof (out as Promise<unknown>).then === 'function') {
    const log = recording;
    const start = performance.now();
    const label = labelOf(text, typeof config === 'object' ? config.name : undefined);
    (out as Promise<unknown>).then(
      () => log.push({ label, ms: performance.now() - start, text, values }),
      () => {},
    );
  }
  return out;
} as typeof pg.Client.prototype.query;

class Rollback extends Error {}

function stats(values: number[]): { p50: number; p90: number; mean: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 100) / 100;
  return { p50: at(0.5), p90: at(0.9), mean: Math.round((s.reduce((x, y) => x + y, 0) / Math.max(1, s.length)) * 100) / 100 };
}

// EXPLAIN ANALYZE of a statement the command sent, with the values it was sent with (PostgreSQL).
async function explainStatement(database: Database, t: Timed): Promise<Plan & { plannedWorkers: boolean }> {
  const plan = await explainSql(database, t.text, t.values);
  return { ...plan, plannedWorkers: plan.nodes.includes('Gather') || plan.nodes.includes('Gather Merge') };
}

// The command in-process, one at a time (no HTTP, no concurrency), on assessments the measured run
// left: the whole of quoteAssessment, then its reads and ranking alone; each in a transaction that
// is rolled back, so nothing is quoted. On PostgreSQL also the time of each statement it sends.
async function profile(database: Database, ids: string[]) {
  if (ids.length === 0) return null;
  const { db } = database;
  const [user] = await queryRows<{ id: string; org_id: string; roles: string[] }>(db, sql`select id, org_id, roles from app_user where email = 'adjuster@picc.demo'`);
  const ctx = (): Ctx => ({
    actor: { type: 'user', userId: user!.id, apiKeyId: null, orgId: user!.org_id, orgKind: 'insurer', orgRegionCode: '110102', roles: user!.roles as Ctx['actor']['roles'] },
    requestId: 'bench-quote',
    locale: 'zh-CN',
    now: new Date(),
  });
  const total: number[] = [];
  const stage: Record<string, number[]> = { partsRead: [], offersQuery: [], rulesLoad: [], sourcing: [], ranking: [] };
  const statements = new Map<string, { count: number; ms: number }>();
  let statementsPerQuote = 0;
  let slowest: Timed | undefined;
  // The first few warm the connection (prepared statements) and are not counted.
  const warm = Math.min(3, Math.floor(ids.length / 3));
  for (const [i, id] of ids.entries()) {
    const log: Timed[] = [];
    recording = database.kind === 'pg' && i >= warm ? log : null;
    const t0 = performance.now();
    await db
      .transaction(async (tx) => {
        // As runCommand runs it: the audit rows and events recorded on the way go in one last write.
        const c = ctx();
        startDeferred(c);
        await quoteAssessment(tx, c, id);
        await writeTogether(tx, takeDeferred(c));
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    const elapsed = performance.now() - t0;
    recording = null;
    await new Promise((r) => setImmediate(r));
    if (i < warm) continue;
    total.push(elapsed);
    statementsPerQuote = log.length;
    for (const t of log) if (!slowest || t.ms > slowest.ms) slowest = t;
    for (const { label, ms } of log) {
      const s = statements.get(label) ?? { count: 0, ms: 0 };
      s.count++;
      s.ms += ms;
      statements.set(label, s);
    }
  }
  // The reads and the ranking alone, as quoteAssessment makes them.
  const day = chinaDate(new Date());
  for (const [i, id] of ids.entries()) {
    const lines = await queryRows<{ part_id: string; quantity: number }>(db, sql`select part_id, quantity from assessment_line where assessment_id = ${id} and part_id is not null`);
    const [c] = await queryRows<{ insurer_org_id: string }>(db, sql`select c.insurer_org_id from assessment a join claim c on c.id = a.claim_id where a.id = ${id}`);
    const partIds = [...new Set(lines.map((l) => l.part_id))];
    await db
      .transaction(async (tx) => {
        let t = performance.now();
        const parts = await tx.select({ id: part.id, category: part.category, oePriceFen: part.oePriceFen }).from(part).where(inArray(part.id, partIds));
        const tParts = performance.now() - t;
        t = performance.now();
        const offers = await offersForParts(tx, { partIds, regionCode: SHOP_REGION, day });
        const tOffers = performance.now() - t;
        t = performance.now();
        const rules = await loadInsurerRules(tx, c!.insurer_org_id, { partIds, categories: [...new Set(parts.map((p) => p.category))], regionCode: SHOP_REGION });
        const tRules = performance.now() - t;
        // Where each offer would come from: the sourcing world read once, every offer planned.
        t = performance.now();
        const sources = await planOfferSources(
          tx,
          SHOP_REGION,
          [...offers.values()].flat().map((o) => ({ key: o.offerId, productId: o.productId, supplierOrgId: o.supplierOrgId, qty: 1, leadTimeDays: o.leadTimeDays })),
        );
        const tSourcing = performance.now() - t;
        t = performance.now();
        for (const p of parts) {
          const guide = resolveGuide(rules.guide, { partId: p.id, category: p.category, regionCode: SHOP_REGION, partOePriceFen: p.oePriceFen });
          rankOffers({
            line: { partId: p.id, category: p.category, quantity: 1, regionCode: SHOP_REGION },
            vehicle: { ageYears: 0, priceFen: 15_000_000n },
            offers: (offers.get(p.id) ?? []).map((o) => ({
              offerId: o.offerId,
              grade: o.grade,
              priceFen: o.priceFen,
              leadTimeDays: o.leadTimeDays,
              minQty: o.minQty,
              certification: o.certification ? { validFrom: o.certification.validFrom, validTo: o.certification.validTo } : null,
              regionCodes: o.regionCodes,
              source: sources.get(o.offerId)!,
            })),
            policy: rules.policy,
            guide,
            today: day,
          });
        }
        const tRank = performance.now() - t;
        if (i >= warm) {
          stage.partsRead!.push(tParts);
          stage.offersQuery!.push(tOffers);
          stage.rulesLoad!.push(tRules);
          stage.sourcing!.push(tSourcing);
          stage.ranking!.push(tRank);
        }
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  }
  const n = total.length;
  return {
    quotes: n,
    commandMs: stats(total),
    stagesMs: Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, stats(v)])),
    ...(database.kind === 'pg'
      ? {
          statementsPerQuote,
          // Mean ms per quote spent waiting on each kind of statement (count = statements per quote).
          statements: [...statements.entries()]
            .map(([label, s]) => ({ label, perQuote: Math.round((s.count / n) * 10) / 10, msPerQuote: Math.round((s.ms / n) * 100) / 100 }))
            .sort((a, b) => b.msPerQuote - a.msPerQuote),
          slowestStatement: slowest
            ? { label: slowest.label, ms: Math.round(slowest.ms * 100) / 100, sql: slowest.text, plan: await explainStatement(database, slowest).catch((e: Error) => ({ error: e.message })) }
            : null,
          dbMsPerQuote: Math.round(([...statements.values()].reduce((x, s) => x + s.ms, 0) / n) * 100) / 100,
        }
      : {}),
  };
}

async function counts(database: Database): Promise<Record<string, number>> {
  const rows = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*) from part)::int as parts, (select count(*) from offer)::int as offers, (select count(*) from vehicle_model)::int as models`,
  );
  return rows[0]!;
}

const targets: { database: string; env: Record<string, string>; open: () => Promise<Database> }[] = [];
if (args.only !== 'pglite' && process.env.BENCH_DATABASE_URL) {
  const url = process.env.BENCH_DATABASE_URL;
  targets.push({ database: 'postgresql', env: { DATABASE_URL: url }, open: () => openDatabase({ kind: 'pg', url, maxConnections: 2 }) });
}
if (args.only !== 'pg' && process.env.BENCH_PGLITE_DIR) {
  const dir = process.env.BENCH_PGLITE_DIR;
  targets.push({ database: 'pglite', env: { ANPEI_DATA_DIR: dir }, open: () => openDatabase({ kind: 'pglite', dataDir: dir }) });
}
if (targets.length === 0) throw new Error('set BENCH_DATABASE_URL and/or BENCH_PGLITE_DIR to databases seeded with `anpei seed --scale large`');

const results: unknown[] = [];
for (const target of targets) {
  const isPg = target.database === 'postgresql';
  // PGlite allows one process on its files: sample and explain first, then hand them to the server,
  // and read the outcome and profile once it has stopped.
  let database = await target.open();
  const setup = await sample(database);
  const size = await counts(database);
  const offersPlan = await explainOffers(database, setup.samples);
  await database.close();
  const served = await serveAndLoad(target.env, setup, isPg);
  database = await target.open();
  const mix = await quoteMix(database);
  const prof = await profile(database, served.leftover.slice(0, profileCount));
  await database.close();
  results.push({
    database: target.database,
    catalog: size,
    linesPerAssessment: LINES,
    prepared: served.prepared,
    prepareS: served.prepareS,
    warmup: { quotesPerS: served.warmup.quotesPerS, p50Ms: served.warmup.p50Ms, p99Ms: served.warmup.p99Ms, non2xx: served.warmup.non2xx, errors: served.warmup.errors },
    // The target is on latency: one quote at a time. Throughput at 8 connections is reported with
    // its own latencies, and how far its p99 is from the same figure.
    latency: {
      connections: 1,
      ...served.latency,
      targetP99Ms: TARGET_P99_MS,
      met: served.latency.p99Ms <= TARGET_P99_MS,
      p99OverTargetMs: Math.max(0, served.latency.p99Ms - TARGET_P99_MS),
    },
    throughput: { connections, ...served.throughput, p99OverTargetMs: Math.max(0, served.throughput.p99Ms - TARGET_P99_MS) },
    mix,
    offersPlan,
    profile: prof,
  });
}
process.stdout.write(`${JSON.stringify({ bench: 'quote', node: process.version, cpus: os.cpus().length, connections, durationS, runId, results })}\n`);
