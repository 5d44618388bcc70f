import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { mayActFor, requirePermission } from '../../../platform/access.ts';
import { MAX_STOCK_LINE_QTY } from '../../../platform/bounds.ts';
import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { forbidden } from '../../../platform/errors.ts';
import { offer, product, productPrices, type ProductPrice } from '../../catalog/index.ts';
import { org } from '../../identity/index.ts';
import { findWarehouse, loadSourcingWorld, stockFacts } from '../../inventory/index.ts';
import { MAX_PURCHASE_ORDER_LINES, raisePurchaseOrder } from '../raise-purchase-order.ts';
import { purchaseOrder, purchaseOrderLine, replenishmentRule } from '../tables.ts';
import { proposeReplenishment, type ReplenishLine, type SupplierPurchase } from './propose.ts';

// The demand a run looks back on: the last 30 days' outflow.
export const OUTFLOW_DAYS = 30;
// productPrices answers at most this many products at a time.
const PRICE_BATCH = 200;

export type ReplenishmentRun = {
  warehouseId: string;
  warehouseCode: string;
  day: string;
  dryRun: boolean;
  lines: (ReplenishLine & { productName: string; supplierName: string | null })[];
  purchases: (SupplierPurchase & { supplierName: string; expectedDate: string })[];
  // The draft purchase orders raised (none on a dry run).
  raised: { id: string; poNo: string; supplierOrgId: string; lines: number }[];
};

// One run at a time per warehouse: two runs at once would each see the other's purchases missing
// and buy twice. A transaction-scoped advisory lock, so it ends with the run whatever happens;
// `wait: false` (the daily job) gives up at once when another run holds it.
export async function lockReplenishment(tx: Tx, warehouseId: string, wait: boolean): Promise<boolean> {
  const key = `anpei:replenish:${warehouseId}`;
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    return true;
  }
  const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as got`)) as unknown as { rows: { got: boolean }[] };
  return result.rows[0]?.got === true;
}

// Replenishes one warehouse by its rules: reads what it has, has coming, has drafted and is asked
// for (inventory's stockFacts, this module's drafts, the catalog's valid offers for the warehouse's
// region), proposes purchases (propose.ts) and, unless it is a dry run, raises them as draft
// purchase orders of origin `replenishment`, one per supplier (for an operator to review and send).
// Drafts count as on order, so a second run the same day raises nothing more.
export async function replenishWarehouse(tx: Tx, ctx: Ctx, warehouseId: string, opts: { dryRun: boolean }): Promise<ReplenishmentRun> {
  requirePermission(ctx.actor, 'purchasing.manage');
  const w = await findWarehouse(tx, ctx.actor, warehouseId);
  if (!mayActFor(ctx.actor, w.operatorOrgId)) throw forbidden('purchasing.manage');
  if (!opts.dryRun) await lockReplenishment(tx, w.id, true);
  const day = chinaDate(ctx.now);
  const run: ReplenishmentRun = { warehouseId: w.id, warehouseCode: w.code, day, dryRun: opts.dryRun, lines: [], purchases: [], raised: [] };
  if (w.kind === 'supplier') return run;

  const rules = await tx
    .select({ rule: replenishmentRule, sku: product.sku, name: product.name })
    .from(replenishmentRule)
    .innerJoin(product, eq(product.id, replenishmentRule.productId))
    .where(eq(replenishmentRule.warehouseId, w.id))
    .orderBy(asc(product.sku));
  if (rules.length === 0) return run;
  const productIds = rules.map((r) => r.rule.productId);

  const facts = await stockFacts(tx, { warehouseId: w.id, stockLocationId: w.stockLocationId, productIds, outflowSince: new Date(ctx.now.getTime() - OUTFLOW_DAYS * 86_400_000) });
  const drafts = new Map(
    (
      await tx
        .select({ productId: purchaseOrderLine.productId, qty: sql<number>`sum(${purchaseOrderLine.qty})::int` })
        .from(purchaseOrderLine)
        .innerJoin(purchaseOrder, eq(purchaseOrder.id, purchaseOrderLine.purchaseOrderId))
        .where(and(eq(purchaseOrder.warehouseId, w.id), eq(purchaseOrder.status, 'draft'), eq(purchaseOrderLine.status, 'open'), inArray(purchaseOrderLine.productId, productIds)))
        .groupBy(purchaseOrderLine.productId)
    ).map((r) => [r.productId, r.qty]),
  );
  // The cheapest valid offer whatever the quantity; the proposal then buys at least its minimum.
  const prices = new Map<string, ProductPrice>();
  for (let i = 0; i < productIds.length; i += PRICE_BATCH) {
    const batch = productIds.slice(i, i + PRICE_BATCH);
    for (const [id, p] of await productPrices(tx, { wanted: new Map(batch.map((id) => [id, MAX_STOCK_LINE_QTY])), regionCode: w.regionCode, day })) prices.set(id, p);
  }
  const offerIds = [...prices.values()].map((p) => p.offerId);
  const leadTimes = new Map(offerIds.length === 0 ? [] : (await tx.select({ id: offer.id, days: offer.leadTimeDays }).from(offer).where(inArray(offer.id, offerIds))).map((o) => [o.id, o.days]));

  const proposal = proposeReplenishment(
    rules.map((r) => {
      const f = facts.get(r.rule.productId);
      const p = prices.get(r.rule.productId);
      return {
        productId: r.rule.productId,
        sku: r.sku,
        minQty: r.rule.minQty,
        maxQty: r.rule.maxQty,
        available: f?.available ?? 0,
        incoming: (f?.incomingPurchase ?? 0) + (f?.incomingTransfer ?? 0),
        drafts: drafts.get(r.rule.productId) ?? 0,
        backorders: f?.backorders ?? 0,
        outflow: f?.outflow ?? 0,
        offer: p ? { offerId: p.offerId, supplierOrgId: p.supplierOrgId, unitFen: p.priceFen, minQty: p.minQty, leadTimeDays: leadTimes.get(p.offerId) ?? 0 } : null,
      };
    }),
    { outflowDays: OUTFLOW_DAYS },
  );

  const supplierIds = [...new Set(proposal.lines.flatMap((l) => (l.offer ? [l.offer.supplierOrgId] : [])))];
  const supplierNames = new Map(supplierIds.length === 0 ? [] : (await tx.select({ id: org.id, name: org.name }).from(org).where(inArray(org.id, supplierIds))).map((o) => [o.id, o.name]));
  // When the goods can be at the warehouse: the slowest line's lead time, then the way there, as
  // sourcing reckons it (the supplier's own warehouse's coverage, else its province or not).
  const world = await loadSourcingWorld(tx, { regionCode: w.regionCode, productIds: [], supplierOrgIds: proposal.purchases.map((p) => p.supplierOrgId), lock: false });
  const names = new Map(rules.map((r) => [r.rule.productId, r.name]));
  run.lines = proposal.lines.map((l) => ({ ...l, productName: names.get(l.productId) ?? '', supplierName: l.offer ? (supplierNames.get(l.offer.supplierOrgId) ?? '') : null }));
  run.purchases = proposal.purchases.map((p) => ({
    ...p,
    supplierName: supplierNames.get(p.supplierOrgId) ?? '',
    expectedDate: addDays(day, p.leadTimeDays + world.inboundDays(p.supplierOrgId, w.id)),
  }));
  if (opts.dryRun) return run;

  for (const p of run.purchases) {
    for (let i = 0; i < p.lines.length; i += MAX_PURCHASE_ORDER_LINES) {
      const lines = p.lines.slice(i, i + MAX_PURCHASE_ORDER_LINES);
      const raised = await raisePurchaseOrder(tx, ctx, {
        supplierOrgId: p.supplierOrgId,
        warehouseId: w.id,
        operatorOrgId: w.operatorOrgId,
        origin: 'replenishment',
        consignment: false,
        send: false,
        expectedDate: p.expectedDate,
        note: `补货 replenishment ${day}: ${lines.length} product(s) at or below their minimum`,
        lines: lines.map((l) => ({ productId: l.productId, offerId: l.offer!.offerId, qty: l.qty, unitFen: l.offer!.unitFen })),
      });
      run.raised.push({ id: raised.id, poNo: raised.poNo, supplierOrgId: p.supplierOrgId, lines: lines.length });
    }
  }
  return run;
}
