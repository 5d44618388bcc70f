import { stat } from 'node:fs/promises';
import { inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Db, Executor, Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { ownInsurerForWrite } from './access.ts';
import { errorReport, type ErrorReport } from '../../../platform/csv-import/report.ts';
import { addCounts, zeroCounts, type Counts } from '../../../platform/csv-import/upsert.ts';
import { part } from './catalog-port.ts';
import { guideColumns, parseGuideRow } from './guide-csv.ts';
import type { GuideValues } from './guide-entry.ts';
import { readGuideCsv, type GuideHeaderRules } from './read-guide-csv.ts';
import { WRITE_BATCH, writeGuideEntries } from './write-guide-entries.ts';

export type GuideImportResult = { rows: number } & Counts;

const HEADER: GuideHeaderRules = { columns: guideColumns, oneOf: ['oe_no', 'category'] };

type Parsed = Extract<ReturnType<typeof parseGuideRow>, { ok: true }>;
type Pending = { row: number; parsed: Parsed };

// The ids of the parts whose normalised OE numbers are given; a missing one is not in the map.
// The batch is at most WRITE_BATCH keys, one query parameter each.
async function partIdsOf(exec: Executor, batch: readonly Pending[]): Promise<Map<string, string>> {
  const norms = [...new Set(batch.flatMap((p) => (p.parsed.target.scope === 'part' ? [p.parsed.target.oe.norm] : [])))];
  if (norms.length === 0) return new Map();
  const found = await exec.select({ id: part.id, norm: part.oeNorm }).from(part).where(inArray(part.oeNorm, norms));
  return new Map(found.map((f) => [f.norm, f.id]));
}

function reportMissing(report: ErrorReport, batch: readonly Pending[], ids: Map<string, string>): void {
  for (const { row, parsed } of batch) {
    if (parsed.target.scope === 'part' && !ids.has(parsed.target.oe.norm)) {
      report.add(row, 'oe_no', 'unknown_reference', { what: 'part', value: parsed.target.oe.raw });
    }
  }
}

// Pass 1: reads the whole file and collects every error (cells, rules across columns, keys
// repeated within the file, OE numbers not in the catalog), without writing. What it keeps is
// bounded: one batch of OE numbers, the keys seen and the capped report.
async function validateGuideFile(db: Db, filePath: string): Promise<{ rows: number }> {
  const report = errorReport(guideColumns);
  const firstRowOfKey = new Map<string, number>();
  let pending: Pending[] = [];
  let rows = 0;
  const flush = async () => {
    reportMissing(report, pending, await partIdsOf(db, pending));
    pending = [];
  };
  for await (const item of readGuideCsv(filePath, HEADER)) {
    if (item.type === 'error') {
      report.add(item.row, item.column, item.code, item.params);
      if (!item.fatal) rows += 1;
      continue;
    }
    rows += 1;
    const parsed = parseGuideRow(item.cells);
    if (!parsed.ok) for (const e of parsed.errors) report.add(item.row, e.column, e.code, e.params);
    if (parsed.key !== undefined) {
      const first = firstRowOfKey.get(parsed.key);
      if (first !== undefined) report.add(item.row, parsed.keyColumn, 'duplicate_in_file', { row: first });
      else firstRowOfKey.set(parsed.key, item.row);
    }
    if (!parsed.ok) continue;
    pending.push({ row: item.row, parsed });
    if (pending.length >= WRITE_BATCH) await flush();
  }
  if (pending.length > 0) await flush();
  if (report.count > 0) throw report.rejection(rows);
  return { rows };
}

// Pass 2: reads the validated file again and upserts it a batch at a time inside the caller's
// transaction. Any error now means the file or the catalog changed in between (a part deleted
// meanwhile), and the whole import is rejected like any other bad file.
async function writeGuideFile(tx: Tx, insurerOrgId: string, filePath: string, expectedRows: number, now: Date): Promise<Counts> {
  const report = errorReport(guideColumns);
  let batch: Pending[] = [];
  let counts = zeroCounts();
  let rows = 0;
  const flush = async () => {
    const ids = await partIdsOf(tx, batch);
    reportMissing(report, batch, ids);
    if (report.count > 0) throw report.rejection(expectedRows);
    const values: GuideValues[] = batch.map(({ parsed }) => ({
      target: parsed.target.scope === 'part' ? { scope: 'part', partId: ids.get(parsed.target.oe.norm)! } : parsed.target,
      regionCode: parsed.regionCode,
      oeReferenceFen: parsed.oeReferenceFen,
      caps: parsed.caps,
    }));
    counts = addCounts(counts, (await writeGuideEntries(tx, insurerOrgId, values, now)).counts);
    batch = [];
  };
  for await (const item of readGuideCsv(filePath, HEADER)) {
    if (item.type === 'error') {
      report.add(item.row, item.column, item.code, item.params);
      continue;
    }
    rows += 1;
    const parsed = parseGuideRow(item.cells);
    if (!parsed.ok) {
      for (const e of parsed.errors) report.add(item.row, e.column, e.code, e.params);
      continue;
    }
    batch.push({ row: item.row, parsed });
    if (batch.length >= WRITE_BATCH) await flush();
  }
  if (report.count > 0) throw report.rejection(expectedRows);
  if (batch.length > 0) await flush();
  if (rows !== expectedRows) {
    report.add(rows + 1, null, 'invalid');
    throw report.rejection(rows);
  }
  return counts;
}

// Imports a price guide file into the caller's insurer's guide, all or nothing: pass 1 validates
// the whole file and rejects it with the full report (422 import_rejected, paths
// `rows.<row>.<column>`); pass 2 upserts every row by its natural key in one transaction with its
// audit row. Entries not in the file stay as they are (a file adds and replaces, it never deletes),
// and importing the same file again counts every row as unchanged.
//
// Takes `db`, not a transaction, for the catalog import's reason: validation must not hold a
// transaction (on PGlite, the only connection) open while reading a file that may be rejected.
export async function importGuide(db: Db, ctx: Ctx, opts: { filePath: string; fileName: string | null }): Promise<GuideImportResult> {
  const insurerOrgId = ownInsurerForWrite(ctx.actor);
  const fileBytes = (await stat(opts.filePath)).size;
  const { rows } = await validateGuideFile(db, opts.filePath);
  const counts = await db.transaction(async (tx) => {
    const written = await writeGuideFile(tx, insurerOrgId, opts.filePath, rows, ctx.now);
    await recordAudit(tx, ctx, {
      orgId: insurerOrgId,
      objectType: 'price_guide_import',
      objectId: newId(),
      action: 'import',
      data: { rows, ...written, fileName: opts.fileName, fileBytes },
    });
    return written;
  });
  return { rows, ...counts };
}
