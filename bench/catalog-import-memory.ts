// Memory and time of a large parts import: generates a CSV of N parts (default 100,000) in /tmp,
// imports it into a fresh PGlite on disk, imports it again (everything unchanged), and prints one
// JSON line of figures. A script, not a test (DESIGN.md, habit 8):
//
//   npx tsx bench/catalog-import-memory.ts [rows]
//
// Peak RSS includes PGlite itself (PostgreSQL compiled to WASM, with its buffer cache, runs in
// this process), so the JS heap's peak is printed beside it: that is what the importer holds.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import '../src/platform/zod-setup.ts';
import type { Ctx } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { migrateDatabase } from '../src/platform/migrate.ts';
import { categoryCodes } from '../src/modules/catalog/categories.ts';
import { runImport } from '../src/modules/catalog/import/run-import.ts';

const rows = Number(process.argv[2] ?? 100_000);
if (!Number.isSafeInteger(rows) || rows < 1 || rows > 1_000_000) throw new Error('rows must be 1 to 1,000,000');

const NAMES = ['前保险杠皮', '后保险杠皮', '左前大灯总成', '右前翼子板', '发动机盖', '散热器', '前挡风玻璃', '左后视镜', '中网', '冷凝器'];

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  // Excel's "CSV UTF-8" starts with a BOM; so does this file.
  out.write('\uFEFFoe_no,name_zh,name_en,category,oe_price_fen\n');
  for (let i = 0; i < rows; i++) {
    const line = `BM-${String(i).padStart(7, '0')}-A,${NAMES[i % NAMES.length]} ${i},"Part ${i}, generated",${categoryCodes[i % categoryCodes.length]},${10_000 + (i % 500_000)}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'anpei-bench-import-'));
const csvPath = join(dir, 'parts.csv');
try {
  await writeCsv(csvPath);
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  await migrateDatabase(database);
  const ctx: Ctx = {
    actor: { type: 'user', userId: null, apiKeyId: null, orgId: newId(), orgKind: 'platform', orgRegionCode: '110105', roles: ['catalog'] },
    requestId: `bench-${newId()}`,
    locale: 'en',
    now: new Date(),
  };

  let peakHeapBytes = 0;
  const sampler = setInterval(() => {
    peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
  }, 20);
  const { rss: rssBeforeBytes, heapUsed: heapBeforeBytes } = process.memoryUsage();
  const phaseStarted: Record<string, number> = {};
  const started = performance.now();
  const first = await runImport(database.db, ctx, {
    kind: 'parts',
    filePath: csvPath,
    onProgress: (phase) => (phaseStarted[phase] ??= performance.now()),
  });
  const firstMs = performance.now() - started;
  const againStarted = performance.now();
  const again = await runImport(database.db, { ...ctx, now: new Date() }, { kind: 'parts', filePath: csvPath });
  const againMs = performance.now() - againStarted;
  clearInterval(sampler);
  await database.close();

  const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'catalog-import-memory',
      database: 'pglite',
      rows,
      fileMb: mb(statSync(csvPath).size),
      first,
      firstS: Math.round(firstMs) / 1000,
      validateS: Math.round((phaseStarted.import ?? 0) - (phaseStarted.validate ?? 0)) / 1000,
      writeS: Math.round(started + firstMs - (phaseStarted.import ?? 0)) / 1000,
      again,
      againS: Math.round(againMs) / 1000,
      rowsPerS: Math.round(rows / (firstMs / 1000)),
      rssBeforeMb: mb(rssBeforeBytes),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      heapBeforeMb: mb(heapBeforeBytes),
      peakHeapMb: mb(peakHeapBytes),
      node: process.version,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
