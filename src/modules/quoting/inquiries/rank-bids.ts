import { and, asc, eq, lte } from 'drizzle-orm';
import { MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import type { Executor } from '../../../platform/db.ts';
import { candidateOf, rankOffers, type CandidateOffer, type OfferSource, type RankInput, type RankResult } from '../rules/index.ts';
import { bid, inquiry } from '../tables.ts';
import { product, type Grade } from './ports.ts';

// A bid as the ranking needs it: the bid and its product's certificate (a certified part is only
// certified while its certificate holds).
export type BidForRanking = {
  bidId: string;
  supplierOrgId: string;
  productId: string;
  grade: Grade;
  priceFen: bigint;
  leadTimeDays: number;
  validTo: string;
  certification: { validFrom: string; validTo: string } | null;
  supplierRating?: number;
};

// Bids as candidate offers, for the same rules as catalog offers, through the same mapping
// (candidateOf). A bid is not an offer, and only in this is it seen as one: the candidate's
// `offerId` is the bid's id (UUIDv7, unique across offers and bids alike), so a caller merging bids
// with offers tells them apart by the ids it passed in; and a bid answers this inquiry's quantity and
// delivery region, so it has no minimum quantity and no region list. Bids whose validity ended before
// `today` (the day in China) are left out: a lapsed price cannot be bought. `sources` says where
// each bid's product would come from (by bid id): bought from the bidder with the bid's lead time,
// unless stock of it is at hand, as planOfferSources plans it.
export function bidsToCandidates(bids: readonly BidForRanking[], today: string, sources: ReadonlyMap<string, OfferSource>): CandidateOffer[] {
  return bids
    .filter((b) => b.validTo >= today)
    .map((b) =>
      candidateOf({ offerId: b.bidId, grade: b.grade, priceFen: b.priceFen, leadTimeDays: b.leadTimeDays, minQty: 1, certification: b.certification }, sourceOf(sources, b.bidId), b.supplierRating),
    );
}

function sourceOf(sources: ReadonlyMap<string, OfferSource>, bidId: string): OfferSource {
  const source = sources.get(bidId);
  if (!source) throw new Error(`bidsToCandidates: no source planned for bid ${bidId}`);
  return source;
}

// Ranks an inquiry's bids under the insurer's policy and price guide, which the caller (the quote
// command) loads and passes in, exactly as it does for offers. Pure.
export function rankInquiryBids(bids: readonly BidForRanking[], input: Omit<RankInput, 'offers'>, sources: ReadonlyMap<string, OfferSource>): RankResult {
  return rankOffers({ ...input, offers: bidsToCandidates(bids, input.today, sources) });
}

// The bids of a closed inquiry, ready for rankInquiryBids; none while it is open or withdrawn, as
// sealed bids must not reach a quote. A bid priced above the domain's bound for a unit predates the
// bound (bounds.ts) and is left out: it is not a real price, and a quote of it could not be shown. The caller has checked that its actor owns the inquiry.
export async function loadInquiryBids(db: Executor, inquiryId: string): Promise<BidForRanking[]> {
  const rows = await db
    .select({
      bidId: bid.id,
      supplierOrgId: bid.supplierOrgId,
      productId: bid.productId,
      grade: bid.grade,
      priceFen: bid.priceFen,
      leadTimeDays: bid.leadTimeDays,
      validTo: bid.validTo,
      certValidFrom: product.certValidFrom,
      certValidTo: product.certValidTo,
    })
    .from(bid)
    .innerJoin(inquiry, eq(inquiry.id, bid.inquiryId))
    .innerJoin(product, eq(product.id, bid.productId))
    .where(and(eq(bid.inquiryId, inquiryId), eq(inquiry.status, 'closed'), lte(bid.priceFen, BigInt(MAX_UNIT_PRICE_FEN))))
    .orderBy(asc(bid.id));
  return rows.map(({ certValidFrom, certValidTo, ...rest }) => ({
    ...rest,
    certification: certValidFrom && certValidTo ? { validFrom: certValidFrom, validTo: certValidTo } : null,
  }));
}
