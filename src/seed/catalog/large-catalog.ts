import { count, sql } from 'drizzle-orm';
import { part } from '../../modules/catalog/tables.ts';
import type { Database } from '../../platform/db.ts';
import { BULK_TABLES, dropRebuildable, listRebuildable, recreateRebuildable } from './bulk-indexes.ts';
import { withBulkSession, type BulkSession } from './bulk-session.ts';
import { ensureCertBodies } from './cert-bodies.ts';
import { offerLine, pairLine, partLine, productLine, vehicleModelLine, type CopyTable } from './copy-text.ts';
import { buildLargeModels } from './large-models.ts';
import { largePartRows, type LargeContext, type LargeScale } from './large-rows.ts';

export type { LargeScale } from './large-rows.ts';

export type LargeCatalogOptions = {
  seed: number;
  supplierOrgIds: string[];
  onProgress?: (done: number, total: number) => void;
  scale?: LargeScale;
};

export type LargeCatalogReport = {
  skipped: boolean;
  reason?: string;
  vehicleModels: number;
  parts: number;
  fitments: number;
  products: number;
  offers: number;
  loadMs: number;
  indexMs: number;
};

export const DEFAULT_LARGE_SCALE: LargeScale = { models: 2_000, parts: 1_000_000, offers: 3_000_000 };

// Parts generated and copied per round: about 20k parts make ~60k products and offers, a few
// tens of megabytes of COPY text, which bounds memory whatever the scale.
const BATCH_PARTS = 20_000;
// Lines per string handed to COPY: fewer, larger writes without building one giant string.
const LINES_PER_CHUNK = 2_000;
const MAX_ROWS = 10_000_000;

class ChunkBuffer {
  readonly chunks: string[] = [];
  private lines: string[] = [];
  rows = 0;
  push(line: string): void {
    this.lines.push(line);
    this.rows++;
    if (this.lines.length >= LINES_PER_CHUNK) this.flush();
  }
  flush(): string[] {
    if (this.lines.length > 0) this.chunks.push(this.lines.join(''));
    this.lines = [];
    return this.chunks;
  }
}

function validateScale(scale: LargeScale): void {
  for (const [key, value] of Object.entries(scale)) {
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX_ROWS) throw new Error(`scale.${key} must be an integer in 1..${MAX_ROWS}, got ${value}`);
  }
}

// Loads a generated catalog of `scale` size (by default ≥ 2,000 models, 1,000,000 parts and
// 3,000,000 products with one offer each) with COPY, in one transaction. Skips when the catalog
// already holds at least that many parts. Deterministic for a seed.
export async function seedLargeCatalog(database: Database, opts: LargeCatalogOptions): Promise<LargeCatalogReport> {
  const scale = opts.scale ?? DEFAULT_LARGE_SCALE;
  validateScale(scale);
  if (opts.supplierOrgIds.length === 0) throw new Error('the large catalog needs at least one supplier org id');
  const empty = { vehicleModels: 0, parts: 0, fitments: 0, products: 0, offers: 0, loadMs: 0, indexMs: 0 };
  const [existing] = await database.db.select({ n: count() }).from(part);
  if ((existing?.n ?? 0) >= scale.parts) {
    return { skipped: true, reason: `the catalog already holds ${existing?.n} parts (≥ ${scale.parts})`, ...empty };
  }

  const started = performance.now();
  const certBodyIds = await ensureCertBodies(database.db, opts.seed);
  const models = buildLargeModels(opts.seed, scale.models);
  const ctx: LargeContext = { seed: opts.seed, scale, models, supplierOrgIds: opts.supplierOrgIds, certBodyIds };
  const batches = Math.ceil(scale.parts / BATCH_PARTS);
  // Progress counts parts, plus a share per index rebuilt, which takes a while at the end.
  const rebuildWeight = Math.max(1, Math.round(scale.parts / 50));

  const report = await withBulkSession(database, async (session) => {
    await tuneSession(session, database.kind);
    const rebuildable = await listRebuildable(session);
    const total = scale.parts + rebuildWeight * (rebuildable.length + 1);
    opts.onProgress?.(0, total);
    await dropRebuildable(session, rebuildable);

    const modelLines = new ChunkBuffer();
    for (const m of models) modelLines.push(vehicleModelLine(m));
    await session.copy('vehicle_model', modelLines.flush());

    const totals = { fitments: 0, products: 0, offers: 0 };
    for (let b = 0; b < batches; b++) {
      const from = b * BATCH_PARTS;
      const to = Math.min(scale.parts, from + BATCH_PARTS);
      await copyBatch(session, ctx, from, to, totals);
      opts.onProgress?.(to, total);
    }
    const loadMs = performance.now() - started;

    let done = scale.parts;
    await recreateRebuildable(session, rebuildable, () => {
      done += rebuildWeight;
      opts.onProgress?.(done, total);
    });
    await session.exec(`ANALYZE vehicle_model, part, part_fitment, product, product_part, offer`);
    opts.onProgress?.(total, total);
    return {
      skipped: false,
      vehicleModels: models.length,
      parts: scale.parts,
      ...totals,
      loadMs: Math.round(loadMs),
      indexMs: Math.round(performance.now() - started - loadMs),
    };
  });
  // VACUUM marks the freshly loaded pages all-visible, which is what lets a VIN-scoped search
  // answer from the fitment index alone (an index-only scan); it cannot run inside the load's
  // transaction, so it follows it.
  for (const table of BULK_TABLES) await database.db.execute(sql.raw(`VACUUM (ANALYZE) ${table}`));
  return report;
}

async function tuneSession(session: BulkSession, kind: Database['kind']): Promise<void> {
  // Index builds sort in memory when they may; PGlite runs in a WebAssembly heap, so less there.
  await session.exec(`SET LOCAL maintenance_work_mem = '${kind === 'pg' ? '1GB' : '256MB'}'`);
  await session.exec(`SET LOCAL synchronous_commit = off`);
}

async function copyBatch(session: BulkSession, ctx: LargeContext, from: number, to: number, totals: { fitments: number; products: number; offers: number }): Promise<void> {
  const buffers: Record<Exclude<CopyTable, 'vehicle_model'>, ChunkBuffer> = {
    part: new ChunkBuffer(),
    part_fitment: new ChunkBuffer(),
    product: new ChunkBuffer(),
    product_part: new ChunkBuffer(),
    offer: new ChunkBuffer(),
  };
  for (let i = from; i < to; i++) {
    const rows = largePartRows(ctx, i);
    buffers.part.push(partLine(rows.part));
    for (const modelId of rows.fitModelIds) buffers.part_fitment.push(pairLine(modelId, rows.part.id));
    for (const product of rows.products) {
      buffers.product.push(productLine(product));
      buffers.product_part.push(pairLine(rows.part.id, product.id));
    }
    for (const offer of rows.offers) buffers.offer.push(offerLine(offer));
  }
  // Parents before children, so the load is valid at every step even with foreign keys in place.
  for (const table of ['part', 'part_fitment', 'product', 'product_part', 'offer'] as const) {
    await session.copy(table, buffers[table].flush());
  }
  totals.fitments += buffers.part_fitment.rows;
  totals.products += buffers.product.rows;
  totals.offers += buffers.offer.rows;
}
