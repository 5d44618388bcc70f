// What the benchmarks share: `anpei serve` in its own process (so the load generator does not
// share its event loop), a demo sign-in, and EXPLAIN ANALYZE of a query exactly as the app builds
// it, with the indexes its plan used.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import path from 'node:path';
import { Placeholder } from 'drizzle-orm';
import type { Database } from '../src/platform/db.ts';

export type Server = { base: string; stop(): Promise<void> };

// Starts the server on a random loopback port with the given environment, as `npm start` runs it
// (logging at info, to nowhere), and waits until /api/health answers. BENCH_SERVER_NODE_ARGS adds
// node options to the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
export async function startServer(env: Record<string, string>, startTimeoutS = 300): Promise<Server> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.resolve('bin/anpei.mjs'), 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  const deadline = Date.now() + startTimeoutS * 1000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not start in ${startTimeoutS} s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function login(base: string, email = 'adjuster@picc.demo', password = 'anpei-demo'): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export type Plan = { executionMs: number; planningMs: number; rows: number; indexes: string[]; nodes: string[]; sharedHit: number; sharedRead: number; jitMs: number | null };

type ExplainDoc = { Plan: Record<string, unknown>; 'Execution Time': number; 'Planning Time': number; JIT?: { Timing?: { Total?: number } } };

function walk(node: Record<string, unknown>, out: Plan): void {
  out.nodes.push(String(node['Node Type']));
  const index = node['Index Name'];
  if (typeof index === 'string' && !out.indexes.includes(index)) out.indexes.push(index);
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child, out);
}

// EXPLAIN (ANALYZE, BUFFERS) of raw SQL with its parameters.
export async function explainSql(database: Database, text: string, params: unknown[]): Promise<Plan> {
  const statement = `explain (analyze, buffers, format json) ${text}`;
  const result = database.kind === 'pg' ? await database.pool!.query(statement, params) : await database.pglite!.query(statement, params);
  const raw = (result.rows[0] as Record<string, unknown>)['QUERY PLAN'];
  const doc = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as ExplainDoc[])[0]!;
  const plan: Plan = {
    executionMs: doc['Execution Time'],
    planningMs: doc['Planning Time'],
    rows: Number(doc.Plan['Actual Rows']),
    indexes: [],
    nodes: [],
    sharedHit: Number(doc.Plan['Shared Hit Blocks'] ?? 0),
    sharedRead: Number(doc.Plan['Shared Read Blocks'] ?? 0),
    jitMs: doc.JIT?.Timing?.Total ?? null,
  };
  walk(doc.Plan, plan);
  plan.nodes = [...new Set(plan.nodes)];
  return plan;
}

// EXPLAIN of a drizzle query as the app builds it; a prepared query's placeholders are filled with
// the values it would execute with.
export function explainQuery(database: Database, query: { toSQL(): { sql: string; params: unknown[] } }, values: Record<string, unknown> = {}): Promise<Plan> {
  const { sql: text, params } = query.toSQL();
  return explainSql(
    database,
    text,
    params.map((p) => (p instanceof Placeholder ? values[p.name] : p)),
  );
}

export type PostLoad = {
  base: string;
  connections: number;
  // Run for a duration, or until a number of requests (and `stop` may end it early).
  durationS?: number;
  amount?: number;
  headers?: Record<string, string>;
  // Each request, made just before it is sent: its path, headers and body.
  next: (stop: () => void) => { path: string; headers?: Record<string, string>; body?: string };
  // The status a request should answer with; others are counted and a few kept as samples.
  expect: number;
  // Each answer, for a bench that checks what it was told (the ids of the orders it placed).
  onAnswer?: (status: number, body: string) => void;
};

export type LoadFigures = {
  okPerS: number;
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
};

// POST load with autocannon, each request made by `next`: the figures the benches print, with the
// rate of answers that had the expected status.
export async function postLoad(opts: PostLoad): Promise<LoadFigures> {
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let instance: autocannon.Instance | undefined;
  const stop = () => setImmediate(() => instance?.stop());
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: opts.base,
        connections: opts.connections,
        ...(opts.amount !== undefined ? { amount: opts.amount } : { duration: opts.durationS ?? 10 }),
        timeout: 30,
        headers: opts.headers,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const r = opts.next(stop);
              return { ...req, path: r.path, ...(r.headers ? { headers: { ...req.headers, ...r.headers } } : {}), ...(r.body !== undefined ? { body: r.body } : {}) };
            },
            onResponse: (status, body) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (status !== opts.expect && errorSamples.length < 5) errorSamples.push(`${status} ${String(body).slice(0, 300)}`);
              opts.onAnswer?.(status, String(body));
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  const elapsedS = (performance.now() - started) / 1000;
  return {
    okPerS: Math.round(((statuses[String(opts.expect)] ?? 0) / elapsedS) * 10) / 10,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    meanMs: result.latency.average,
    requests: result.requests.total,
    durationS: Math.round(elapsedS * 10) / 10,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
    errorSamples,
  };
}
