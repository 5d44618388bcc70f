import { MAX_STOCK_LINE_QTY } from '../../../platform/bounds.ts';

// Replenishment (补货) as a pure function: from a warehouse's min/max rules, what it has and has
// coming, and what it is asked for, which products to buy, how many, from whom and why.
//
// Per rule, the position is what the warehouse can count on before a purchase raised today could
// arrive:
//
//   position = available (on hand − reserved, lots under recall left out)
//            + incoming (purchase orders sent and not yet received, transfers in transit)
//            + drafts (purchase orders written and not yet sent: raised by an earlier run, or by
//              an operator, and not to be raised twice)
//            − backorders (order lines waiting at the warehouse for goods; they take incoming
//              goods first)
//            − lead-time demand (what the last days' outflow says will leave before the goods
//              arrive: outflow ÷ days × the offer's lead time, rounded up)
//
// When the position is at or below the rule's minimum (the reorder point), buy up to the maximum:
// maximum − position, at least the offer's minimum order, at most one purchase order line. A
// product without a valid offer for the warehouse's region cannot be bought, which is said.

export type ReplenishOffer = { offerId: string; supplierOrgId: string; unitFen: bigint; minQty: number; leadTimeDays: number };

export type ReplenishItem = {
  productId: string;
  sku: string;
  minQty: number;
  maxQty: number;
  available: number;
  incoming: number;
  drafts: number;
  backorders: number;
  // Units that left the warehouse for orders over the last `outflowDays` days.
  outflow: number;
  offer: ReplenishOffer | null;
};

export type ReplenishWhy = 'below_min' | 'above_min' | 'no_offer';

export type ReplenishLine = Omit<ReplenishItem, 'offer'> & {
  leadDemand: number;
  position: number;
  // What to buy (0 when nothing, or when it cannot be bought).
  qty: number;
  why: ReplenishWhy;
  offer: ReplenishOffer | null;
};

export type SupplierPurchase = {
  supplierOrgId: string;
  lines: ReplenishLine[];
  totalFen: bigint;
  // The longest lead time among its lines: when the last of the goods can leave the supplier.
  leadTimeDays: number;
};

export type ReplenishProposal = { lines: ReplenishLine[]; purchases: SupplierPurchase[] };

export function proposeReplenishment(items: readonly ReplenishItem[], opts: { outflowDays: number }): ReplenishProposal {
  if (!Number.isInteger(opts.outflowDays) || opts.outflowDays <= 0) throw new Error(`proposeReplenishment: outflowDays ${opts.outflowDays}`);
  const lines = [...items]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.productId < b.productId ? -1 : 1))
    .map((item): ReplenishLine => {
      const leadDemand = item.offer ? Math.ceil((item.outflow * item.offer.leadTimeDays) / opts.outflowDays) : 0;
      const position = item.available + item.incoming + item.drafts - item.backorders - leadDemand;
      const base = { ...item, leadDemand, position };
      if (position > item.minQty) return { ...base, qty: 0, why: 'above_min' };
      if (!item.offer) return { ...base, qty: 0, why: 'no_offer' };
      const qty = Math.min(MAX_STOCK_LINE_QTY, Math.max(item.maxQty - position, item.offer.minQty));
      return { ...base, qty, why: 'below_min' };
    });
  const bySupplier = new Map<string, SupplierPurchase>();
  for (const line of lines) {
    if (line.qty === 0 || !line.offer) continue;
    const p = bySupplier.get(line.offer.supplierOrgId) ?? { supplierOrgId: line.offer.supplierOrgId, lines: [], totalFen: 0n, leadTimeDays: 0 };
    p.lines.push(line);
    p.totalFen += line.offer.unitFen * BigInt(line.qty);
    p.leadTimeDays = Math.max(p.leadTimeDays, line.offer.leadTimeDays);
    bySupplier.set(p.supplierOrgId, p);
  }
  const purchases = [...bySupplier.values()].sort((a, b) => (a.supplierOrgId < b.supplierOrgId ? -1 : 1));
  return { lines, purchases };
}
