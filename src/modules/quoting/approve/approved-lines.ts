import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { offer, type Grade } from '../../catalog/index.ts';
import { assessmentLine } from '../../claims/index.ts';
import { bid, quote, quoteLine } from '../tables.ts';
import { APPROVED_STATES } from './totals.ts';

export type ApprovedLine = {
  quoteLineId: string;
  partId: string | null;
  productId: string;
  supplierOrgId: string;
  grade: Grade;
  quantity: number;
  unitFen: bigint;
  amountFen: bigint;
  vatFen: bigint;
  handlingFeeFen: bigint;
  // The approved offer or bid: how the platform buys the product when no stock can serve it.
  offerId: string | null;
  purchaseUnitFen: bigint;
  leadTimeDays: number;
};

// What the price check approved on one assessment version, as the orders module needs it: per
// approved line the product to deliver (from the approved offer, or the bid a line was filled by),
// its supplier, and the approved money. Lines sent back are not there.
export async function approvedLinesOf(exec: Executor, assessmentId: string): Promise<ApprovedLine[]> {
  const rows = await exec
    .select({
      quoteLineId: quoteLine.id,
      partId: quoteLine.partId,
      productId: sql<string | null>`coalesce(${offer.productId}, ${bid.productId})`,
      supplierOrgId: sql<string | null>`coalesce(${offer.supplierOrgId}, ${bid.supplierOrgId})`,
      grade: quoteLine.approvedGrade,
      quantity: quoteLine.quantity,
      unitFen: quoteLine.approvedUnitFen,
      amountFen: quoteLine.approvedAmountFen,
      vatFen: quoteLine.approvedVatFen,
      handlingFeeFen: quoteLine.handlingFeeFen,
      offerId: quoteLine.approvedOfferId,
      purchaseUnitFen: sql<string | null>`coalesce(${offer.priceFen}, ${bid.priceFen})::text`,
      leadTimeDays: sql<number | null>`coalesce(${offer.leadTimeDays}, ${bid.leadTimeDays})`,
    })
    .from(quoteLine)
    .innerJoin(quote, eq(quote.id, quoteLine.quoteId))
    .leftJoin(offer, eq(offer.id, quoteLine.approvedOfferId))
    .innerJoin(assessmentLine, eq(assessmentLine.id, quoteLine.assessmentLineId))
    .leftJoin(bid, eq(bid.id, quoteLine.approvedBidId))
    .where(and(eq(quote.assessmentId, assessmentId), inArray(quoteLine.approval, [...APPROVED_STATES]), isNotNull(quoteLine.approvedUnitFen)))
    .orderBy(assessmentLine.lineNo);
  // A line approved with a price cap but no offer or bid names no product: there is nothing to
  // deliver until someone picks one, so it cannot be ordered.
  return rows
    .filter((r) => r.productId !== null && r.supplierOrgId !== null && r.grade !== null && r.purchaseUnitFen !== null && r.leadTimeDays !== null)
    .map((r) => ({
      quoteLineId: r.quoteLineId,
      partId: r.partId,
      productId: r.productId!,
      supplierOrgId: r.supplierOrgId!,
      grade: r.grade!,
      quantity: r.quantity,
      unitFen: r.unitFen!,
      amountFen: r.amountFen!,
      vatFen: r.vatFen!,
      handlingFeeFen: r.handlingFeeFen ?? 0n,
      offerId: r.offerId,
      purchaseUnitFen: BigInt(r.purchaseUnitFen!),
      leadTimeDays: Number(r.leadTimeDays),
    }));
}
