import type { Grade } from '../../catalog/index.ts';
import type { LockedAssessment } from '../../claims/index.ts';
import type { OrderKind } from '../tables.ts';

// What an order will hold before stock is reserved for it: who pays and receives, and per line
// the product, its supplier and the money. Made by plan-claim-order.ts or plan-shop-order.ts,
// placed by place-order.ts.
export type OrderLinePlan = {
  quoteLineId: string | null;
  partId: string | null;
  productId: string;
  supplierOrgId: string;
  grade: Grade;
  qty: number;
  unitFen: bigint;
  amountFen: bigint;
  vatFen: bigint;
  handlingFeeFen: bigint;
  // What buying it from its supplier would take, for a line the stock cannot serve: the agreed
  // offer (or bid), its price to the platform (VAT included) and its lead time. Null: it cannot be
  // bought (no offer or bid to buy it by), so only stock can serve it.
  purchase: { offerId: string | null; unitFen: bigint; leadTimeDays: number } | null;
  // Where in the request the line came from, for errors: `lines.3`, or the quote line.
  path: string;
};

export type OrderPlan = {
  kind: OrderKind;
  claimId: string | null;
  assessmentId: string | null;
  // The claim ordered for, as locked when planned: it moves approved → ordered on its first order.
  claim: LockedAssessment['claim'] | null;
  payerOrgId: string;
  buyerOrgId: string;
  deliveryRegionCode: string;
  note: string | null;
  // Set for a replacement of a returned line.
  replacesReturnId: string | null;
  // What to do with lines the stock cannot serve now: wait for them (backorders: a transfer or a
  // purchase brings the goods), or refuse the order (a shop that wants only what is in stock).
  backorders: 'wait' | 'in_stock_only';
  lines: OrderLinePlan[];
};
