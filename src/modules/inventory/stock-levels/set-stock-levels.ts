import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { product } from '../../catalog/index.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { applyMoves, MAX_MOVES_PER_BATCH, type NewMove } from '../apply-moves.ts';
import { countAdjustments } from '../counts/count-adjustments.ts';
import { virtualLocations } from '../locations.ts';
import { insertTraceUnits } from '../receipts/issue-trace-codes.ts';
import { stockLot, stockQuant, traceUnit, warehouse } from '../tables.ts';
import { jsonLineRefs, type LineRefs } from './line-refs.ts';
import { DEFAULT_STOCK_LOT, MAX_STOCK_LEVEL_TRACE_CODES, type SetStockLevelsInput, type StockLevelsDto } from './schemas.ts';
import { spreadLot, spreadTotal, type LevelChange, type LotLevel } from './spread-level.ts';

export type StockLevelsOptions = {
  refs?: LineRefs;
  // How the levels arrived, for the audit trail: a request, or a file (and its name).
  source?: { kind: 'json' } | { kind: 'csv'; fileName: string | null };
};

type Product = { id: string; sku: string; supplierOrgId: string; grade: string };
type Lot = { id: string; productId: string; lotNo: string; recalled: boolean };

// A supplier's stock levels (库存水位) at its own warehouse, set as the supplier knows them: each
// line an absolute level of a product (its total over lots) or of one lot. The differences are
// booked at once as adjustment moves between the warehouse and the supplier location (goods coming
// into, or leaving, the stock the supplier offers through the platform), owned by the supplier,
// like a count books its differences; certified units added are issued their trace codes, as a
// receipt would. Only at a `supplier` warehouse: the platform's warehouses receive goods by
// receipts and change them by transfers and counts. The quants are locked first, so no order
// reserves in between; a level below what orders have reserved is refused, since they would ship
// goods that are not there. Everything is checked before anything is written.
export async function setStockLevels(tx: Tx, ctx: Ctx, warehouseId: string, input: SetStockLevelsInput, opts: StockLevelsOptions = {}): Promise<StockLevelsDto> {
  const refs = opts.refs ?? jsonLineRefs;
  requirePermission(ctx.actor, 'stock.adjust');
  const w = await findWarehouse(tx, ctx.actor, warehouseId);
  assertRuns(ctx.actor, w, 'stock.adjust');
  if (w.kind !== 'supplier') throw new AppError('stock_levels_supplier_only', { warehouse: w.code });
  const supplierOrgId = w.operatorOrgId;
  // Levels are absolute: two commands at once must not both add to a quant the first creates (an
  // unborn quant cannot be locked), so they take turns per warehouse. `no key update` leaves
  // receipts and orders at the warehouse free to go on meanwhile.
  await tx.select({ id: warehouse.id }).from(warehouse).where(eq(warehouse.id, w.id)).for('no key update');

  // Products by id (any supplier's, to say whose it is) or by the supplier's own SKU.
  const ids = [...new Set(input.lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
  const skus = [...new Set(input.lines.flatMap((l) => (l.sku ? [l.sku] : [])))];
  const found: Product[] = await tx
    .select({ id: product.id, sku: product.sku, supplierOrgId: product.supplierOrgId, grade: product.grade })
    .from(product)
    .where(or(ids.length > 0 ? inArray(product.id, ids) : undefined, skus.length > 0 ? and(eq(product.supplierOrgId, supplierOrgId), inArray(product.sku, skus)) : undefined));
  const byId = new Map(found.map((p) => [p.id, p]));
  const bySku = new Map(found.filter((p) => p.supplierOrgId === supplierOrgId).map((p) => [p.sku, p]));
  const errors: FieldError[] = [];
  const err = (index: number, field: Parameters<LineRefs['path']>[1], code: FieldError['code'], params?: Record<string, unknown>) =>
    errors.push({ path: refs.path(index, field), in: 'body', code, params });
  // A product is stated once: by its total, or lot by lot, never both and no lot twice.
  const firstTotal = new Map<string, number>();
  const firstByLot = new Map<string, number>();
  const firstAnyLot = new Map<string, number>();
  const products = input.lines.map((line, i) => {
    const p = line.productId ? byId.get(line.productId) : bySku.get(line.sku!);
    if (!p) return void err(i, line.productId ? 'productId' : 'sku', 'unknown_reference', { what: 'product', value: line.productId ?? line.sku });
    if (p.supplierOrgId !== supplierOrgId) return void err(i, 'productId', 'product_of_other_supplier', { supplier: supplierOrgId });
    const { lotNo } = line;
    const clash = firstTotal.get(p.id) ?? (lotNo === undefined ? firstAnyLot.get(p.id) : firstByLot.get(`${p.id}|${lotNo}`));
    if (clash !== undefined) errors.push(refs.repeated(i, clash));
    else if (lotNo === undefined) firstTotal.set(p.id, i);
    else {
      firstByLot.set(`${p.id}|${lotNo}`, i);
      if (!firstAnyLot.has(p.id)) firstAnyLot.set(p.id, i);
    }
    return p;
  });
  if (errors.length > 0) throw refs.reject(errors);

  const productIds = [...new Set(products.map((p) => p!.id))];
  const quants = await tx
    .select()
    .from(stockQuant)
    .where(and(eq(stockQuant.locationId, w.stockLocationId), inArray(stockQuant.productId, productIds)))
    .orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId))
    .for('update');
  const lots: Lot[] = await tx
    .select({ id: stockLot.id, productId: stockLot.productId, lotNo: stockLot.lotNo, recalled: sql<boolean>`${stockLot.recalledAt} is not null` })
    .from(stockLot)
    .where(inArray(stockLot.productId, productIds));
  const codedLots = new Set(
    (
      await tx
        .selectDistinct({ lotId: traceUnit.lotId })
        .from(traceUnit)
        .where(and(eq(traceUnit.locationId, w.stockLocationId), inArray(traceUnit.productId, productIds), eq(traceUnit.status, 'in_stock')))
    ).map((u) => u.lotId),
  );
  // Lookups by product, so that a file of thousands of lines costs no more than its size.
  const quantsOf = new Map<string, typeof quants>();
  for (const q of quants) quantsOf.set(q.productId, [...(quantsOf.get(q.productId) ?? []), q]);
  const lotByNo = new Map(lots.map((l) => [`${l.productId}|${l.lotNo}`, l]));
  const recalled = new Set(lots.filter((l) => l.recalled).map((l) => l.id));
  // A lot is known by its id; one that does not exist yet by a key of its own until it is made.
  const unmade = new Map<string, { productId: string; lotNo: string }>();
  const lotKey = (productId: string, lotNo: string) => {
    const known = lotByNo.get(`${productId}|${lotNo}`);
    if (known) return known.id;
    const key = `new|${productId}|${lotNo}`;
    unmade.set(key, { productId, lotNo });
    return key;
  };
  const levelOf = (p: Product, key: string): LotLevel => {
    const held = (quantsOf.get(p.id) ?? []).filter((q) => q.lotId === key);
    const onHand = held.reduce((n, q) => n + q.onHand, 0);
    const reserved = held.reduce((n, q) => n + q.reserved, 0);
    return { key, onHand, reserved, coded: codedLots.has(key), recalled: recalled.has(key) };
  };

  // Each line's new levels per lot, or why not.
  const below: FieldError[] = [];
  const plan = input.lines.map((line, i) => {
    const p = products[i]!;
    const held = [...new Set((quantsOf.get(p.id) ?? []).map((q) => q.lotId))].map((key) => levelOf(p, key));
    const result = line.lotNo === undefined ? spreadTotal(held, levelOf(p, lotKey(p.id, DEFAULT_STOCK_LOT)), line.qty) : spreadLot(levelOf(p, lotKey(p.id, line.lotNo)), line.qty);
    const scope = line.lotNo === undefined ? held : [levelOf(p, lotKey(p.id, line.lotNo))];
    const before = scope.reduce((n, l) => n + l.onHand, 0);
    const reserved = scope.reduce((n, l) => n + l.reserved, 0);
    if (!result.ok && result.reason === 'below_reserved') below.push({ path: refs.path(i, 'qty'), in: 'body', code: 'level_below_reserved', params: { qty: line.qty, reserved } });
    if (!result.ok && result.reason === 'coded_lot') err(i, 'qty', 'stock_level_coded_lot');
    if (!result.ok && result.reason === 'recalled_lot') err(i, line.lotNo === undefined ? 'qty' : 'lotNo', 'stock_level_lot_recalled');
    return { line, product: p, before, reserved, changes: result.ok ? result.changes : [] };
  });
  // Units added where units carry codes (certified parts, or a lot coded at its receipt) get codes.
  const codedRise = (p: Product, c: LevelChange) => c.to > c.from && (p.grade === 'certified' || codedLots.has(c.key));
  const codes = plan.reduce((n, x) => n + x.changes.reduce((m, c) => m + (codedRise(x.product, c) ? c.to - c.from : 0), 0), 0);
  if (codes > MAX_STOCK_LEVEL_TRACE_CODES) errors.push({ path: refs.whole, in: 'body', code: 'trace_codes_too_many', params: { maximum: MAX_STOCK_LEVEL_TRACE_CODES, count: codes } });
  if (errors.length > 0) throw refs.reject(errors);
  if (below.length > 0) throw new AppError('stock_level_below_reserved', { count: below.length }, below);

  // Lots named for the first time, and default lots about to receive their first units.
  const fresh = [...new Set(plan.flatMap((x) => x.changes.map((c) => c.key)))].flatMap((key) => (unmade.has(key) ? [unmade.get(key)!] : []));
  if (fresh.length > 0) {
    await tx
      .insert(stockLot)
      .values(fresh.map((f) => ({ id: newId(), productId: f.productId, lotNo: f.lotNo, supplierOrgId, createdAt: ctx.now })))
      .onConflictDoNothing();
    const made = await tx
      .select({ id: stockLot.id, productId: stockLot.productId, lotNo: stockLot.lotNo })
      .from(stockLot)
      .where(and(inArray(stockLot.productId, [...new Set(fresh.map((f) => f.productId))]), inArray(stockLot.lotNo, [...new Set(fresh.map((f) => f.lotNo))])));
    for (const m of made) lotByNo.set(`${m.productId}|${m.lotNo}`, { ...m, recalled: false });
  }
  const lotIdOf = (key: string) => {
    const u = unmade.get(key);
    return u ? lotByNo.get(`${u.productId}|${u.lotNo}`)!.id : key;
  };
  const lotNoById = new Map([...lotByNo.values()].map((l) => [l.id, l.lotNo]));
  const lotNoOf = (lotId: string) => lotNoById.get(lotId)!;

  const id = newId();
  const moves: NewMove[] = [];
  const adjustments: StockLevelsDto['adjustments'] = [];
  const units: { line: number; productId: string; lotId: string; qty: number }[] = [];
  plan.forEach((x, i) => {
    for (const c of x.changes) {
      const lotId = lotIdOf(c.key);
      const held = (quantsOf.get(x.product.id) ?? []).filter((q) => q.lotId === lotId);
      for (const a of countAdjustments(held, c.to, supplierOrgId)) {
        const out = a.delta < 0;
        moves.push({
          phase: 'single',
          kind: 'adjustment',
          productId: x.product.id,
          lotId,
          ownerOrgId: a.ownerOrgId,
          qty: Math.abs(a.delta),
          fromLocationId: out ? w.stockLocationId : virtualLocations.supplier.id,
          toLocationId: out ? virtualLocations.supplier.id : w.stockLocationId,
          documentId: id,
        });
        adjustments.push({ productId: x.product.id, lotId, lotNo: lotNoOf(lotId), direction: out ? 'out' : 'in', qty: Math.abs(a.delta) });
      }
      if (codedRise(x.product, c)) units.push({ line: i, productId: x.product.id, lotId, qty: c.to - c.from });
    }
  });
  for (let i = 0; i < moves.length; i += MAX_MOVES_PER_BATCH) await applyMoves(tx, moves.slice(i, i + MAX_MOVES_PER_BATCH), ctx.now);
  // The codes come back in the units' order; the receipt id of such a unit is this document's.
  const issued = await insertTraceUnits(
    tx,
    units.flatMap((u) =>
      Array.from({ length: u.qty }, () => ({ productId: u.productId, lotId: u.lotId, locationId: w.stockLocationId, status: 'in_stock' as const, receiptId: id, updatedAt: ctx.now })),
    ),
  );
  const lineCodes = plan.map(() => [] as string[]);
  let next = 0;
  for (const u of units) {
    lineCodes[u.line]!.push(...issued.slice(next, next + u.qty));
    next += u.qty;
  }

  const dto: StockLevelsDto = {
    id,
    warehouseId: w.id,
    warehouseCode: w.code,
    supplierOrgId,
    note: input.note ?? null,
    changed: moves.length > 0,
    lines: plan.map((x, i) => {
      const qty = x.before + x.changes.reduce((n, c) => n + c.to - c.from, 0);
      return { productId: x.product.id, sku: x.product.sku, lotNo: x.line.lotNo ?? null, before: x.before, qty, reserved: x.reserved, difference: qty - x.before, traceCodes: lineCodes[i]! };
    }),
    adjustments,
    createdAt: ctx.now.toISOString(),
  };
  // The same levels again change nothing and leave no trail.
  if (!dto.changed) return dto;
  const changedLines = dto.lines.filter((l) => l.difference !== 0).map((l) => ({ ...l, traceCodes: l.traceCodes.length }));
  const source = opts.source ?? { kind: 'json' };
  await recordAudit(tx, ctx, {
    orgId: supplierOrgId,
    objectType: 'stock_levels',
    objectId: id,
    action: 'set',
    data: { warehouseId: w.id, warehouseCode: w.code, note: dto.note, source, lines: changedLines, adjustments },
  });
  await emitEvents(tx, ctx, [{ orgId: supplierOrgId, type: 'stock.levels_set', payload: { documentId: id, warehouseId: w.id, warehouseCode: w.code, adjustments } }]);
  return dto;
}
