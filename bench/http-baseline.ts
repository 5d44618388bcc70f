// bench/http-baseline: requests/s and latency of GET /api/health and an authenticated GET /api/v1/me,
// with autocannon at 8 connections over loopback, against `anpei serve` running in its own process
// on PGlite and on PostgreSQL. Prints one JSON line. It is the floor later benchmarks are read
// against, so it measures the server as `npm start` runs it (logging at info, to /dev/null).
//
//   npx tsx bench/http-baseline.ts [--duration 10] [--connections 8] [--only pglite|pg]
//   PostgreSQL: BENCH_DATABASE_URL, else a fresh database on postgres://postgres@127.0.0.1:5432.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { login, startServer } from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    only: { type: 'string' },
  },
});
const durationS = Number(args.duration);
const connections = Number(args.connections);

type Figure = { database: string; endpoint: string; requestsPerS: number; p50Ms: number; p99Ms: number; requests: number; errors: number; non2xx: number };

async function run(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: durationS, headers });
}

async function measure(database: string, env: Record<string, string>): Promise<Figure[]> {
  const server = await startServer(env, 120);
  const base = server.base;
  try {
    const token = await login(base);
    // A short warm-up so JIT and connection pools are in their steady state.
    await autocannon({ url: `${base}/api/v1/me`, connections, duration: 2, headers: { authorization: `Bearer ${token}` } });

    const figures: Figure[] = [];
    for (const [endpoint, headers] of [
      ['GET /api/health', {}],
      ['GET /api/v1/me', { authorization: `Bearer ${token}` }],
    ] as const) {
      const result = await run(`${base}${endpoint.split(' ')[1]}`, headers);
      figures.push({
        database,
        endpoint,
        requestsPerS: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        errors: result.errors,
        non2xx: result.non2xx,
      });
    }
    return figures;
  } finally {
    await server.stop();
  }
}

async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.BENCH_DATABASE_URL) return work(process.env.BENCH_DATABASE_URL);
  const name = `anpei_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  try {
    return await work(`postgres://postgres@127.0.0.1:5432/${name}`);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const results: Figure[] = [];
if (args.only !== 'pg') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-bench-'));
  try {
    results.push(...(await measure('pglite', { ANPEI_DATA_DIR: dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (args.only !== 'pglite') {
  results.push(...(await withPostgres((url) => measure('postgresql', { DATABASE_URL: url }))));
}
process.stdout.write(`${JSON.stringify({ bench: 'http-baseline', node: process.version, cpus: os.cpus().length, connections, durationS, results })}\n`);
