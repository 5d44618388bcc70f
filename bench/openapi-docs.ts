// bench/openapi-docs: the size of the OpenAPI document (/api/openapi.json) and how long the API docs
// (/api/docs, Swagger UI) take to render in Chromium, against `anpei serve` on a fresh PGlite
// database. Rendered means every operation of the document is on the page (`.opblock`), counted
// from the start of navigation in a new browser context (nothing cached). Prints one JSON line:
// {documentBytes, docsRenderMs, …}, medians of the runs; afterScriptsMs is the part after
// DOMContentLoaded (fetching, parsing and rendering the document; before it, Swagger UI's own
// bundle loads), expandFirstOperationMs the opening of one operation (its references resolved).
//
//   npx tsx bench/openapi-docs.ts [--runs 5]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './support.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-bench-docs-'));
const server = await startServer({ ANPEI_DATA_DIR: dataDir }, 300);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const body = Buffer.from(await (await fetch(`${server.base}/api/openapi.json`)).arrayBuffer());
  const spec = JSON.parse(body.toString('utf8')) as { paths: Record<string, object>; components?: { schemas?: object } };
  const operations = Object.values(spec.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);

  const renderMs: number[] = [];
  const afterScriptsMs: number[] = [];
  const expandMs: number[] = [];
  // One unmeasured run first, so that the server's own first-request work is not counted.
  for (let i = 0; i <= runs; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${server.base}/api/docs`, { waitUntil: 'domcontentloaded' });
    const scriptsLoaded = performance.now();
    await page.waitForFunction((n) => document.querySelectorAll('.opblock').length === n, operations, { timeout: 120_000, polling: 'raf' });
    const rendered = performance.now();
    // Opening an operation shows its parameters and answers, references resolved.
    await page.locator('.opblock-summary').first().click();
    await page.waitForSelector('.opblock.is-open .responses-table', { timeout: 60_000 });
    const expanded = performance.now();
    if (i > 0) {
      renderMs.push(rendered - started);
      afterScriptsMs.push(rendered - scriptsLoaded);
      expandMs.push(expanded - rendered);
    }
    await context.close();
  }

  process.stdout.write(
    `${JSON.stringify({
      bench: 'openapi-docs',
      node: process.version,
      cpus: os.cpus().length,
      documentBytes: body.length,
      documentGzipBytes: gzipSync(body).length,
      docsRenderMs: Math.round(median(renderMs)),
      afterScriptsMs: Math.round(median(afterScriptsMs)),
      expandFirstOperationMs: Math.round(median(expandMs)),
      operations,
      components: Object.keys(spec.components?.schemas ?? {}).length,
      runs: renderMs.map(Math.round),
    })}\n`,
  );
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
