// bench/console: the console's cold load in Chromium over loopback, as an adjuster's first visit
// of the day: open /login, sign in as adjuster@picc.demo, go to the claims list and wait for its
// table to show rows. Each run is a fresh browser context (empty cache, no cookies). Prints one
// JSON line: per run and as the median,
//   fcpMs          first contentful paint of the sign-in page (its paint timing entry)
//   tableMs        from the start of the navigation to /login until the target shows (sign-in
//                  included: the form is filled and sent at once, so no human typing is counted)
//   loginJsBytes   the JavaScript the sign-in page loaded, as it went over the wire (the sum of the
//                  encodedBodySize of its .js resources; the server sends precompressed .br or .gz
//                  as the browser accepts: Chromium takes br)
//   loginJsGzipBytes  the same files asked with Accept-Encoding: gzip alone (the target's measure)
// Targets (issue 11): ≤ 1.5 s to the table, ≤ 600 KB of gzipped JS for the first route.
//
// The server is the real one, started the README's way (`node bin/anpei.mjs serve`) in its own
// process on a fresh embedded database in a temporary directory, in demo mode (the first start
// seeds the demo world), building the console first when it is stale (ANPEI_CONSOLE_BUILD=auto).
// It takes a free port (PORT=0) and is ready when it logs "anpei is serving http://…". It is
// stopped at the end, also on failure or Ctrl-C.
//
//   npx tsx bench/console.ts [--runs 5] [--target claims|home] [--timeout-s 30]
//   --target home  waits for the home page (the claims list may not be built yet on a branch)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

// What "the table shows rows" means on the claims list (a CursorTable marks its table so).
export const CLAIMS_PATH = '/claims';
export const CLAIMS_TABLE_ROWS = '[data-table] .ant-table-row';
// The signed-in home page's card leading to the claims list: what exists before the list does.
export const HOME_PATH = '/';
export const HOME_READY = '[data-testid=home-claims]';

const EMAIL = 'adjuster@picc.demo';
const PASSWORD = 'anpei-demo';
const TARGET_TABLE_MS = 1_500;
const TARGET_JS_GZIP_BYTES = 600 * 1024;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    target: { type: 'string', default: 'claims' },
    'timeout-s': { type: 'string', default: '30' },
    'start-timeout-s': { type: 'string', default: '900' },
  },
});
const runs = Number(args.runs);
const timeoutMs = Number(args['timeout-s']) * 1000;
if (args.target !== 'claims' && args.target !== 'home') throw new Error('--target is claims or home');
const target = args.target === 'claims' ? { path: CLAIMS_PATH, ready: CLAIMS_TABLE_ROWS } : { path: HOME_PATH, ready: HOME_READY };

type Server = { base: string; child: ChildProcess; dataDir: string };

// Settings the bench sets; the rest of the environment is passed on, without any of anpei's own
// that the caller's shell may hold (a DATABASE_URL would send the server elsewhere).
const OWN_SETTINGS = /^(ANPEI_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$)/;

async function startServer(startTimeoutMs: number): Promise<Server> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-bench-console-'));
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWN_SETTINGS.test(k))),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ANPEI_DATA_DIR: dataDir,
    ANPEI_CONSOLE_BUILD: 'auto',
  };
  const child = spawn(process.execPath, [path.resolve('bin/anpei.mjs'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running = { base: '', child, dataDir };
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not say it serves within ${startTimeoutMs / 1000} s; last output:\n${out.slice(-2000)}`)), startTimeoutMs);
    // pino writes one JSON object a line: {"level":30,…,"msg":"anpei is serving http://127.0.0.1:PORT  (API docs: /api/docs)"}
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /anpei is serving (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before serving; last output:\n${out.slice(-2000)}`));
    });
  });
  // Keep draining its output, or a full pipe would stall it.
  child.stdout!.resume();
  child.stderr!.resume();
  running.base = base;
  return running;
}

let running: Server | undefined;

// SIGTERM (the server closes cleanly), then SIGKILL if it lingers; then its data directory.
async function stopServer(): Promise<void> {
  const server = running;
  running = undefined;
  if (!server) return;
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopServer().finally(() => process.exit(130));
  });
}
process.once('exit', () => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
});

// The bytes of a file as sent with only gzip accepted (Node's http does not decompress).
function gzipBytes(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

type JsFile = { file: string; bytes: number; gzipBytes: number };
type Run = { fcpMs: number | null; tableMs: number; loginJsBytes: number; loginJsFiles: number; loginJsEncodings: string[]; loginJsGzipBytes: number; files: JsFile[] };

async function coldLoad(browser: Browser, base: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const encodings = new Map<string, string>();
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.endsWith('.js')) encodings.set(res.url(), res.headers()['content-encoding'] ?? 'identity');
    });
    const started = Date.now();
    await page.goto(`${base}/login`);
    await page.locator('#email').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    // The first route is what the page loaded before it was sent: the resources that started by
    // then (lazy chunks still arriving included), read once the flow is over.
    const submittedAt = await page.evaluate(() => performance.now());
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(`${base}/`);
    if (target.path !== '/') {
      // Through the menu, as a person goes: the app routes without reloading.
      await page.locator(`.ant-layout-sider .ant-menu-item[data-menu-id$="-${target.path}"]`).click();
      await page.waitForURL(`${base}${target.path}`);
    }
    await page.locator(target.ready).first().waitFor({ state: 'visible' });
    const tableMs = Date.now() - started;

    const first = await page.evaluate((before) => {
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime < before && new URL(e.name).pathname.endsWith('.js'));
      return { fcpMs: fcp ? fcp.startTime : null, js: js.map((e) => ({ url: e.name, encoded: e.encodedBodySize })) };
    }, submittedAt);

    const gz = await Promise.all(first.js.map((f) => gzipBytes(f.url)));
    return {
      fcpMs: first.fcpMs === null ? null : Math.round(first.fcpMs),
      tableMs,
      loginJsBytes: first.js.reduce((n, f) => n + f.encoded, 0),
      loginJsFiles: first.js.length,
      loginJsEncodings: [...new Set(first.js.map((f) => encodings.get(f.url) ?? 'unknown'))],
      loginJsGzipBytes: gz.reduce((n, g) => n + g.bytes, 0),
      files: first.js.map((f, i) => ({ file: new URL(f.url).pathname, bytes: f.encoded, gzipBytes: gz[i]!.bytes })).sort((a, b) => b.gzipBytes - a.gzipBytes),
    };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  let browser: Browser | undefined;
  try {
    const server = await startServer(Number(args['start-timeout-s']) * 1000);
    const serverStartS = Math.round((Date.now() - startedAt) / 100) / 10;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) results.push(await coldLoad(browser, server.base));
    const fcps = results.map((r) => r.fcpMs).filter((v): v is number => v !== null);
    const med = {
      fcpMs: fcps.length ? median(fcps) : null,
      tableMs: median(results.map((r) => r.tableMs)),
      loginJsBytes: median(results.map((r) => r.loginJsBytes)),
      loginJsGzipBytes: median(results.map((r) => r.loginJsGzipBytes)),
    };
    console.log(
      JSON.stringify({
        bench: 'console',
        target: { path: target.path, selector: target.ready },
        runs,
        serverStartS,
        median: med,
        meets: { tableMs: med.tableMs <= TARGET_TABLE_MS, loginJsGzipBytes: med.loginJsGzipBytes <= TARGET_JS_GZIP_BYTES },
        targets: { tableMs: TARGET_TABLE_MS, loginJsGzipBytes: TARGET_JS_GZIP_BYTES },
        // The first route's scripts (of the first run), largest first: where to cut.
        firstRouteJs: results[0]?.files ?? [],
        each: results.map(({ files: _files, ...r }) => r),
      }),
    );
  } finally {
    await browser?.close();
    await stopServer();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
