// bench/catalog-search: the three catalog reads an adjuster makes while assessing damage, over HTTP
// with autocannon (8 connections) against `anpei serve` on the `large` catalog, on PostgreSQL and
// PGlite; beside each figure, the EXPLAIN ANALYZE of the very query the endpoint runs, with the
// indexes it used. Targets (issue 3, PostgreSQL): exact OE p99 ≤ 10 ms, VIN-scoped Chinese name
// fragment p99 ≤ 30 ms, offers of a part p99 ≤ 15 ms. Prints one JSON line.
//
// Needs databases already seeded with `anpei seed --scale large`:
//   BENCH_DATABASE_URL=postgres://…  (PostgreSQL)     BENCH_PGLITE_DIR=/path/to/data  (PGlite)
//   npx tsx bench/catalog-search.ts [--duration 10] [--connections 8] [--only pg|pglite]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { partOffersSelect } from '../src/modules/catalog/part-offers.ts';
import { partSearchQuery } from '../src/modules/catalog/search-parts.ts';
import { decodeVin } from '../src/modules/catalog/vin/index.ts';
import { matchVehicleModels } from '../src/modules/catalog/vehicle-models.ts';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { explainQuery, login, startServer, type Plan } from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    only: { type: 'string' },
    samples: { type: 'string', default: '500' },
  },
});
const durationS = Number(args.duration);
const connections = Number(args.connections);
const sampleCount = Number(args.samples);

// Chinese fragments adjusters type, from one character pair to a full name.
const FRAGMENTS = ['前保险杠', '大灯', '叶子板', '后视镜', '散热器', '安全气囊', '挡风玻璃', '减震器', '中网', '雾灯', '门壳', '纵梁'];

type Samples = { oeNos: string[]; vins: string[]; partIds: string[]; regions: string[] };

async function sample(database: Database): Promise<Samples> {
  const { db } = database;
  // Random rows without a full sort of a million: a block sample, then a shuffle.
  const oeNos = (await queryRows<{ oe_no: string }>(db, sql`select oe_no from part tablesample system (1) limit ${sampleCount}`)).map((r) => r.oe_no);
  const vins = (await queryRows<{ sample_vin: string }>(db, sql`select sample_vin from vehicle_model where sample_vin is not null order by random() limit ${sampleCount}`)).map((r) => r.sample_vin);
  const partIds = (await queryRows<{ part_id: string }>(db, sql`select part_id from product_part tablesample system (1) limit ${sampleCount}`)).map((r) => r.part_id);
  const regions = ['330106', '310115', '440106', '510107', '110105', '320506', '420106'];
  if (oeNos.length === 0 || vins.length === 0 || partIds.length === 0) throw new Error('the database has no catalog: run `anpei seed --scale large` first');
  return { oeNos, vins, partIds, regions };
}

async function plans(database: Database, s: Samples): Promise<Record<string, Plan>> {
  const vin = decodeVin(s.vins[0]!);
  if (!vin.ok) throw new Error(`sample VIN ${s.vins[0]} does not decode`);
  const models = await matchVehicleModels(database.db, vin);
  const base = { category: undefined, after: undefined, limit: 20 };
  return {
    exactOe: await explainQuery(database, partSearchQuery(database.db, { ...base, q: s.oeNos[0]!, modelIds: undefined })),
    vinScopedName: await explainQuery(database, partSearchQuery(database.db, { ...base, q: '前保险杠', modelIds: models.map((m) => m.id) })),
    partOffers: await explainQuery(database, partOffersSelect(database.db), { partId: s.partIds[0]!, day: new Date().toISOString().slice(0, 10), served: ['330106', '330100', '330000'] }),
  };
}

type Figure = { requestsPerS: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; requests: number; errors: number; non2xx: number };

async function load(base: string, token: string, paths: string[]): Promise<Figure> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: durationS,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return {
    requestsPerS: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function serveAndLoad(env: Record<string, string>, s: Samples): Promise<Record<string, Figure>> {
  const server = await startServer(env);
  const base = server.base;
  try {
    const token = await login(base);
    const exact = s.oeNos.map((oe) => `/api/v1/parts?q=${encodeURIComponent(oe)}`);
    const scoped = s.vins.flatMap((vin, k) => [`/api/v1/parts?vin=${vin}&q=${encodeURIComponent(FRAGMENTS[k % FRAGMENTS.length]!)}`]);
    const offers = s.partIds.map((id, k) => `/api/v1/parts/${id}/offers?regionCode=${s.regions[k % s.regions.length]}`);
    // Warm caches and JIT once over every path kind.
    await autocannon({ url: base, connections, duration: 2, headers: { authorization: `Bearer ${token}` }, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: exact[0]! }) }] });
    return {
      exactOe: await load(base, token, exact),
      vinScopedName: await load(base, token, scoped),
      partOffers: await load(base, token, offers),
    };
  } finally {
    await server.stop();
  }
}

async function counts(database: Database): Promise<Record<string, number>> {
  const rows = await queryRows<{ parts: number; offers: number; models: number }>(
    database.db,
    sql`select (select count(*) from part)::int as parts, (select count(*) from offer)::int as offers, (select count(*) from vehicle_model)::int as models`,
  );
  return rows[0]!;
}

const targetsMs = { exactOe: 10, vinScopedName: 30, partOffers: 15 };
const results: unknown[] = [];
const targets: { database: string; env: Record<string, string>; open: () => Promise<Database> }[] = [];
if (args.only !== 'pglite' && process.env.BENCH_DATABASE_URL) {
  const url = process.env.BENCH_DATABASE_URL;
  targets.push({ database: 'postgresql', env: { DATABASE_URL: url }, open: () => openDatabase({ kind: 'pg', url }) });
}
if (args.only !== 'pg' && process.env.BENCH_PGLITE_DIR) {
  const dir = process.env.BENCH_PGLITE_DIR;
  targets.push({ database: 'pglite', env: { ANPEI_DATA_DIR: dir }, open: () => openDatabase({ kind: 'pglite', dataDir: dir }) });
}
if (targets.length === 0) throw new Error('set BENCH_DATABASE_URL and/or BENCH_PGLITE_DIR to databases seeded with `anpei seed --scale large`');

for (const target of targets) {
  // PGlite allows one process on its files: sample and explain first, then hand them to the server.
  const database = await target.open();
  const s = await sample(database);
  const size = await counts(database);
  const explained = await plans(database, s);
  await database.close();
  const figures = await serveAndLoad(target.env, s);
  results.push({
    database: target.database,
    catalog: size,
    scenarios: Object.fromEntries(
      Object.entries(figures).map(([name, fig]) => [
        name,
        { ...fig, targetP99Ms: targetsMs[name as keyof typeof targetsMs], met: fig.p99Ms <= targetsMs[name as keyof typeof targetsMs], plan: explained[name] },
      ]),
    ),
  });
}
process.stdout.write(`${JSON.stringify({ bench: 'catalog-search', node: process.version, cpus: os.cpus().length, connections, durationS, results })}\n`);
