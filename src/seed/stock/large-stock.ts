import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { stockLot, stockMove, stockQuant, stockReceipt, virtualLocations, warehouse } from '../../modules/inventory/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { bulkInsert } from '../../platform/bulk-insert.ts';
import { executePrepared, queryRows, type Database, type Tx } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';

// The `large` world's stock: the platform's warehouses (the demo's, with their coverage) hold a
// share of the generated catalog's products, so that quoting and ordering on a million parts meet
// stock as they would in service: some offers in stock nearby, some a transfer away, most to be
// bought. Which products a warehouse holds and how many is a function of the product's id and the
// warehouse's code (an md5 of both, the same in PGlite and PostgreSQL), so every run picks the same.
//
// Written in bulk rather than through createReceipt, as the catalog is: per batch of products one
// receipt per supplier and ownership, the lots, the receipt moves and the quants they add up to, so
// `anpei stock verify` finds the cache equal to the moves. One audit row per warehouse records the
// load. Certified products are left out: each certified unit carries a trace code issued at receipt,
// and a million of them are no use to a benchmark.
//
// Each warehouse is stocked in a transaction of its own and recognised by its receipts' note, so an
// interrupted seed resumes where it stopped and a second run adds nothing.

export const LARGE_STOCK_NOTE = '大规模演示入库';
// Share of the catalog per warehouse kind, in sixteenths (the first hex digit of the md5): a
// central warehouse holds one product in eight, a front one one in sixteen.
const SIXTEENTHS: Record<'central' | 'front', number> = { central: 2, front: 1 };
const BATCH = 5_000;
// When the stock arrived (its moves' time): after the demo's own receipts.
const RECEIVED_AT = new Date(Date.UTC(2026, 11, 1, 2));

export type LargeStockReport = { warehouses: number; products: number; units: number; receipts: number; skipped: string[] };

type Picked = { id: string; supplier_org_id: string; h: string };
export type StockLine = { productId: string; supplierOrgId: string; qty: number; consignment: boolean };

// Pure: how many units of a picked product arrive (5 to 30) and whether they stay the supplier's
// (consignment, one in four), from the md5's next digits.
export function stockLineOf(p: Picked): StockLine {
  const qty = 5 + (parseInt(p.h.slice(1, 3), 16) % 26);
  const consignment = parseInt(p.h[3]!, 16) < 4;
  return { productId: p.id, supplierOrgId: p.supplier_org_id, qty, consignment };
}

export async function seedLargeStock(database: Database, opts: { onProgress?: (done: number, total: number) => void } = {}): Promise<LargeStockReport> {
  const { db } = database;
  const report: LargeStockReport = { warehouses: 0, products: 0, units: 0, receipts: 0, skipped: [] };
  const platform = await db
    .select({ id: warehouse.id, code: warehouse.code, kind: warehouse.kind, operatorOrgId: warehouse.operatorOrgId, stockLocationId: warehouse.stockLocationId })
    .from(warehouse)
    .where(inArray(warehouse.kind, ['central', 'front']))
    .orderBy(asc(warehouse.code));
  if (platform.length === 0) throw new Error('large stock: no platform warehouse; seed the demo world first');
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from product where grade <> 'certified'`);
  const total = platform.reduce((sum, w) => sum + Math.round((n * SIXTEENTHS[w.kind as 'central' | 'front']) / 16), 0);
  let done = 0;
  opts.onProgress?.(done, total);

  for (const w of platform) {
    const kind = w.kind as 'central' | 'front';
    const [seen] = await db
      .select({ id: stockReceipt.id })
      .from(stockReceipt)
      .where(and(eq(stockReceipt.warehouseId, w.id), eq(stockReceipt.note, LARGE_STOCK_NOTE)))
      .limit(1);
    if (seen) {
      report.skipped.push(w.code);
      done += Math.round((n * SIXTEENTHS[kind]) / 16);
      continue;
    }
    const below = SIXTEENTHS[kind].toString(16);
    const stocked = await db.transaction(async (tx) => {
      const counts = { products: 0, units: 0, receipts: 0 };
      let last = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const picked = await queryRows<Picked>(
          tx,
          sql`select id, supplier_org_id, md5(id::text || ${w.code}) as h from product
              where id > ${last}::uuid and grade <> 'certified' and substr(md5(id::text || ${w.code}), 1, 1) < ${below}
              order by id limit ${BATCH}`,
        );
        if (picked.length === 0) break;
        last = picked.at(-1)!.id;
        const lines = picked.map(stockLineOf);
        counts.receipts += await receive(tx, w, lines);
        counts.products += lines.length;
        counts.units += lines.reduce((sum, l) => sum + l.qty, 0);
        done += lines.length;
        opts.onProgress?.(Math.min(done, total), total);
        if (picked.length < BATCH) break;
      }
      await recordAudit(
        tx,
        { actor: null, requestId: `seed-large-stock-${w.code}`, now: RECEIVED_AT },
        {
          orgId: w.operatorOrgId,
          objectType: 'warehouse',
          objectId: w.id,
          action: 'seed_stock',
          data: { code: w.code, note: LARGE_STOCK_NOTE, ...counts },
        },
      );
      return counts;
    });
    report.warehouses += 1;
    report.products += stocked.products;
    report.units += stocked.units;
    report.receipts += stocked.receipts;
  }
  await db.execute(sql`analyze stock_lot, stock_move, stock_quant, stock_receipt`);
  opts.onProgress?.(total, total);
  return report;
}

type Target = { id: string; code: string; operatorOrgId: string; stockLocationId: string };

// One batch as a warehouse books it: a receipt per supplier and ownership, a lot per product, a
// receipt move per line and the quant it makes. The lots are new (their number names this load),
// so every quant is new too.
async function receive(tx: Tx, w: Target, lines: readonly StockLine[]): Promise<number> {
  const receipts = new Map<string, string>();
  for (const l of lines) {
    const key = `${l.supplierOrgId}|${l.consignment}`;
    if (!receipts.has(key)) receipts.set(key, newId());
  }
  await executePrepared(
    tx,
    bulkInsert(
      stockReceipt,
      [...receipts.entries()].map(([key, id]) => {
        const [supplierOrgId, consignment] = key.split('|');
        return { id, warehouseId: w.id, supplierOrgId: supplierOrgId!, consignment: consignment === 'true', note: LARGE_STOCK_NOTE, createdAt: RECEIVED_AT };
      }),
    ),
  );
  const lotNo = `LG-2612-${w.code}`;
  const rows = lines.map((l) => ({ line: l, lotId: newId(), receiptId: receipts.get(`${l.supplierOrgId}|${l.consignment}`)!, owner: l.consignment ? l.supplierOrgId : w.operatorOrgId }));
  await executePrepared(
    tx,
    bulkInsert(
      stockLot,
      rows.map((r) => ({ id: r.lotId, productId: r.line.productId, supplierOrgId: r.line.supplierOrgId, lotNo, createdAt: RECEIVED_AT })),
    ),
  );
  await executePrepared(
    tx,
    bulkInsert(
      stockMove,
      rows.map((r) => ({
        id: newId(),
        phase: 'single' as const,
        kind: 'receipt' as const,
        productId: r.line.productId,
        lotId: r.lotId,
        ownerOrgId: r.owner,
        qty: r.line.qty,
        fromLocationId: virtualLocations.supplier.id,
        toLocationId: w.stockLocationId,
        documentId: r.receiptId,
        at: RECEIVED_AT,
      })),
    ),
  );
  await executePrepared(
    tx,
    bulkInsert(
      stockQuant,
      rows.map((r) => ({ productId: r.line.productId, locationId: w.stockLocationId, lotId: r.lotId, ownerOrgId: r.owner, onHand: r.line.qty, reserved: 0 })),
    ),
  );
  return receipts.size;
}
