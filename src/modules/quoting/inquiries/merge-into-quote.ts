import { and, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { AnyCtx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { fenToJson } from '../../../platform/money.ts';
import { loadInsurerRules } from '../insurer-rules/index.ts';
import { isOverGuide, needsHumanApproval } from '../rules/index.ts';
import { bid, type inquiry, quote, quoteLine } from '../tables.ts';
import { approvedValues } from '../approve/totals.ts';
import { completeIfApproved } from '../approve/complete-approval.ts';
import { isBidCandidate, readCandidates, storedBidCandidate, type BidFacts, type NoAllowedBidReason } from '../quote/dto.ts';
import { planOfferSources } from '../quote/offer-sources.ts';
import { lineRankingFacts, vehicleFacts } from '../quote/vehicle-facts.ts';
import { assessment, claim, lockAssessment, org, part, product } from './ports.ts';
import { loadInquiryBids, rankInquiryBids } from './rank-bids.ts';
import { approvalTransition, type ApprovalStatus } from '../approve/approval-lifecycle.ts';

type InquiryRow = typeof inquiry.$inferSelect;

export type MergeOutcome =
  | { result: 'merged'; bidId: string; approval: ApprovalStatus; assessmentApproved: boolean; claimApproved: boolean }
  | { result: 'no_allowed_bid'; bidCount: number }
  // Nothing to merge into: the line was decided meanwhile (a checker capped or sent it back),
  // its bids are already in (a second close cannot happen, but a bug must not merge twice), it is
  // a free-text line (no part, so no category or guide to rank bids by: the checker prices it from
  // the inquiry's unsealed bids), or the inquiry's quote line is gone.
  | { result: 'skipped'; why: 'line_decided' | 'already_merged' | 'free_text' | 'no_quote_line' };

// The most bids one inquiry holds: MAX_BIDS_PER_SUPPLIER (10) for each of MAX_INVITED_SUPPLIERS (50).
const MAX_BIDS = 500;

// The bids' facts a quote line shows besides their ranking: supplier, product and VAT.
async function bidFacts(tx: Tx, inquiryId: string): Promise<Map<string, BidFacts>> {
  const rows = await tx
    .select({
      bidId: bid.id,
      productId: bid.productId,
      supplierOrgId: bid.supplierOrgId,
      vatFen: bid.vatFen,
      supplierName: org.name,
      brand: product.brand,
      productName: product.name,
    })
    .from(bid)
    .innerJoin(product, eq(product.id, bid.productId))
    .innerJoin(org, eq(org.id, bid.supplierOrgId))
    .where(eq(bid.inquiryId, inquiryId))
    .limit(MAX_BIDS);
  return new Map(rows.map((r) => [r.bidId, { ...r, inquiryId }]));
}

// The claim's parts total for the policy's threshold, as the quote measures it: what is approved
// on every version of the claim plus what is chosen and still waiting on this version, this line
// left out (the caller adds its new amount). Summed as text so no numeric passes through a float.
async function claimPartsTotalWithout(tx: Tx, input: { claimId: string; quoteId: string; quoteLineId: string }): Promise<bigint> {
  const [row] = await tx
    .select({
      fen: sql<string>`coalesce(sum(case
        when ${quoteLine.approval} in ('auto_approved', 'approved', 'corrected') then ${quoteLine.approvedAmountFen}
        when ${quoteLine.approval} = 'pending' and ${quoteLine.quoteId} = ${input.quoteId} then ${quoteLine.lineAmountFen}
      end), 0)::text`,
    })
    .from(quoteLine)
    .innerJoin(quote, eq(quote.id, quoteLine.quoteId))
    .where(and(eq(quote.claimId, input.claimId), ne(quoteLine.id, input.quoteLineId)));
  return BigInt(row?.fen ?? '0');
}

// Merges the bids of an inquiry that has just closed (by the insurer, by the deadline worker or by
// a read that found it overdue) into its quote line, in the closing transaction: "bids are ranked
// by the same rules and merge into the quote". It lives with the inquiries because closing is
// where it happens, on every path, and the quote module already depends on the inquiries (it opens
// them); the quote's own pieces (candidate format, ranking facts, approval values) are reused.
//
// The bids are ranked under the insurer's policy and guide in force now, with the line's part,
// quantity and delivery region and the claim's vehicle, and where each would come from (bought
// from the bidder, or from stock at hand), exactly as the quote ranks offers. They
// are appended to the line's candidates (the offers that failed stay, so the record shows why an
// inquiry was needed). The best allowed bid becomes the line's choice; then, as the quote does, a
// choice inside the policy's thresholds is approved automatically, and when nothing else waits
// the version and the claim move on to approved. A choice above them waits for the price checker,
// who accepts it like an offer. No allowed bid leaves the line out for the checker to cap or send
// back, with the reason `no_allowed_bid`.
//
// The caller holds the inquiry's lock and has just moved it to closed, which happens once, so this
// runs once per inquiry; the line's rows are locked here (assessment, then line, the price check's
// order), and a line already holding this inquiry's bids is left alone all the same.
export async function mergeBidsIntoQuote(tx: Tx, ctx: AnyCtx, inq: InquiryRow): Promise<MergeOutcome> {
  const [found] = await tx
    .select({
      lineId: quoteLine.id,
      quoteId: quote.id,
      deliveryRegionCode: quote.deliveryRegionCode,
      assessmentId: assessment.id,
      version: assessment.version,
      claimId: claim.id,
      insurerOrgId: claim.insurerOrgId,
      vin: claim.vin,
      accidentDate: claim.accidentDate,
      vehicleValueFen: claim.vehicleValueFen,
    })
    .from(quoteLine)
    .innerJoin(quote, eq(quote.id, quoteLine.quoteId))
    .innerJoin(assessment, eq(assessment.id, quote.assessmentId))
    .innerJoin(claim, eq(claim.id, quote.claimId))
    .where(eq(quoteLine.id, inq.quoteLineId));
  if (!found) return { result: 'skipped', why: 'no_quote_line' };
  // Then locked, in the price check's order: the version (through the claims module), then the line.
  await lockAssessment(tx, found.assessmentId);
  const [line] = await tx.select().from(quoteLine).where(eq(quoteLine.id, found.lineId)).for('update');
  if (!line) return { result: 'skipped', why: 'no_quote_line' };
  if (line.approval !== 'pending' || !line.needsInquiry) return { result: 'skipped', why: 'line_decided' };
  const stored = readCandidates(line.candidates);
  if (stored.some((c) => isBidCandidate(c) && c.inquiryId === inq.id)) return { result: 'skipped', why: 'already_merged' };
  if (line.partId === null) return { result: 'skipped', why: 'free_text' };

  const [p] = await tx.select({ id: part.id, category: part.category, oePriceFen: part.oePriceFen }).from(part).where(eq(part.id, line.partId));
  if (!p) throw new Error(`mergeBidsIntoQuote: part ${line.partId} of quote line ${line.id} does not exist`);
  const regionCode = found.deliveryRegionCode;
  const rules = await loadInsurerRules(tx, found.insurerOrgId, { partIds: [p.id], categories: [p.category], regionCode });
  const facts = lineRankingFacts({ rules, part: p, quantity: line.quantity, regionCode, vehicle: vehicleFacts(found), today: chinaDate(ctx.now) });
  const bids = await loadInquiryBids(tx, inq.id);
  // A bid's product is bought from the bidder, with the bid's lead time, unless it is at hand:
  // planned as the quote plans offers.
  const sources = await planOfferSources(
    tx,
    regionCode,
    bids.map((b) => ({ key: b.bidId, productId: b.productId, supplierOrgId: b.supplierOrgId, qty: line.quantity, leadTimeDays: b.leadTimeDays })),
  );
  const result = rankInquiryBids(bids, facts, sources);
  const shown = await bidFacts(tx, inq.id);
  const candidates = [...stored, ...result.candidates.map((ranked) => storedBidCandidate(ranked, shown.get(ranked.offerId)!))];
  const chosen = result.chosen;

  if (!chosen) {
    const reason: NoAllowedBidReason = { code: 'no_allowed_bid', params: { inquiryId: inq.id, bidCount: bids.length } };
    await tx
      .update(quoteLine)
      .set({ candidates, approvalReasons: [reason] })
      .where(eq(quoteLine.id, line.id));
    await recordAudit(tx, ctx, {
      orgId: found.insurerOrgId,
      objectType: 'quote_line',
      objectId: line.id,
      action: 'merge_bids',
      fromState: line.approval,
      toState: line.approval,
      data: { inquiryId: inq.id, quoteId: found.quoteId, policyVersion: rules.policyVersion, bidCount: bids.length, chosenBidId: null },
    });
    return { result: 'no_allowed_bid', bidCount: bids.length };
  }

  const claimPartsTotalFen = (await claimPartsTotalWithout(tx, { claimId: found.claimId, quoteId: found.quoteId, quoteLineId: line.id })) + chosen.lineAmountFen;
  const decision = needsHumanApproval(rules.policy, {
    lineAmountFen: chosen.lineAmountFen,
    claimPartsTotalFen,
    overGuide: isOverGuide(facts.guide, chosen.grade, chosen.priceFen),
  });
  const auto = decision.required
    ? {}
    : {
        ...approvedValues(rules.policy, { quantity: line.quantity, oeReferenceFen: line.oeReferenceFen, unitFen: chosen.priceFen, grade: chosen.grade }),
        approvedBidId: chosen.offerId,
        approvedGrade: chosen.grade,
        approvedAt: ctx.now,
      };
  // The line was pending (checked above), so both ways are open: it waits for a person, or the
  // policy approves it.
  const step = approvalTransition(line.approval, decision.required ? 'merge' : 'auto_approve');
  if (!step.ok) throw new Error(`mergeBidsIntoQuote: quote line ${line.id} is ${line.approval}`);
  const approval = step.to;
  await tx
    .update(quoteLine)
    .set({
      candidates,
      guideCapFen: chosen.guideCapFen,
      chosenBidId: chosen.offerId,
      chosenGrade: chosen.grade,
      unitPriceFen: chosen.priceFen,
      lineAmountFen: chosen.lineAmountFen,
      chosenSource: chosen.source.kind,
      etaDays: chosen.etaDays,
      needsInquiry: false,
      approval,
      approvalReasons: decision.reasons,
      ...auto,
    })
    .where(eq(quoteLine.id, line.id));
  await recordAudit(tx, ctx, {
    orgId: found.insurerOrgId,
    objectType: 'quote_line',
    objectId: line.id,
    action: 'merge_bids',
    fromState: line.approval,
    toState: approval,
    data: {
      inquiryId: inq.id,
      quoteId: found.quoteId,
      policyVersion: rules.policyVersion,
      bidCount: bids.length,
      chosenBidId: chosen.offerId,
      grade: chosen.grade,
      source: chosen.source.kind,
      etaDays: chosen.etaDays,
      unitFen: fenToJson(chosen.priceFen),
      amountFen: fenToJson(chosen.lineAmountFen),
      reasons: decision.reasons.map((r) => r.code),
    },
  });
  const completion = decision.required
    ? { assessmentApproved: false, claimApproved: false }
    : await completeIfApproved(tx, ctx, { quoteId: found.quoteId, assessmentId: found.assessmentId, claimId: found.claimId, version: found.version });
  return { result: 'merged', bidId: chosen.offerId, approval, ...completion };
}
