import { gradeRank, type Category, type Grade } from '../../catalog/index.ts';
import { regionPath } from '../../regions/index.ts';
import { allowedGrades, type AllowedGrades, type ProcurementPolicy } from './policy.ts';
import { etaOf, sourceRank, type OfferSource } from './offer-source.ts';
import { overGuidePct, type ResolvedGuide } from './price-guide.ts';
import { formatYuan, type Reason, type TieBreaker } from './reasons.ts';

// An offer as the rules see it: a catalog offer or a supplier's bid on an inquiry. The price is
// the VAT-inclusive unit price.
export type CandidateOffer = {
  offerId: string;
  grade: Grade;
  priceFen: bigint;
  leadTimeDays: number;
  minQty: number;
  // The certificate of a certified part; other grades may leave it null.
  certification: { validFrom: string; validTo: string } | null;
  // Regions the offer delivers to (any level of GB/T 2260); empty or absent means nationwide.
  // Catalog offers arrive already filtered by region, bids may not.
  regionCodes?: readonly string[];
  // The supplier's rating, an integer 0-100; unrated suppliers rank below every rated one.
  supplierRating?: number;
  // Where it would come from for this line's quantity and in how many days (see offer-source.ts):
  // what the order would do if this offer were approved.
  source: OfferSource;
};

export type QuoteLine = { partId: string; category: Category; quantity: number; regionCode: string };
export type VehicleFacts = { ageYears: number; priceFen: bigint };

export type RankInput = {
  line: QuoteLine;
  vehicle: VehicleFacts;
  offers: readonly CandidateOffer[];
  policy: ProcurementPolicy;
  // The guide already resolved for this part and region (see resolveGuide).
  guide: ResolvedGuide;
  // The day in China, YYYY-MM-DD, on which certificates must be valid.
  today: string;
};

export type RankedOffer = {
  offerId: string;
  grade: Grade;
  priceFen: bigint;
  lineAmountFen: bigint;
  leadTimeDays: number;
  source: OfferSource;
  // Days to the shop by that source; null when nothing can deliver it.
  etaDays: number | null;
  // The guide's unit cap for this grade, null when the guide sets none.
  guideCapFen: bigint | null;
  allowed: boolean;
  reasons: Reason[];
};

export type RankResult = {
  chosen: RankedOffer | null;
  // Every offer: the allowed ones first in rank order, then the excluded ones in the same order.
  candidates: RankedOffer[];
  // No offer is allowed, so the line goes out as an inquiry to suppliers.
  needsInquiry: boolean;
  grades: AllowedGrades;
};

// What ranking reads of an offer, whatever it is: a catalog offer (offersForParts' PartOfferRow is
// one as it is) or a supplier's bid on an inquiry, seen as an offer (rank-bids.ts).
export type OfferFacts = {
  offerId: string;
  grade: Grade;
  priceFen: bigint;
  leadTimeDays: number;
  minQty: number;
  certification: { validFrom: string; validTo: string } | null;
  regionCodes?: readonly string[];
};

// An offer as a ranking candidate: the one mapping, for catalog offers and bids alike, with where it
// would come from for the line and its supplier's rating from past deliveries (absent: unrated). It
// copies only what ranking reads, so a row's other fields (a certificate's number, the supplier's
// name) never reach the rules.
export function candidateOf(offer: OfferFacts, source: OfferSource, supplierRating?: number): CandidateOffer {
  const cert = offer.certification;
  return {
    offerId: offer.offerId,
    grade: offer.grade,
    priceFen: offer.priceFen,
    leadTimeDays: offer.leadTimeDays,
    minQty: offer.minQty,
    certification: cert ? { validFrom: cert.validFrom, validTo: cert.validTo } : null,
    ...(offer.regionCodes === undefined ? {} : { regionCodes: offer.regionCodes }),
    ...(supplierRating === undefined ? {} : { supplierRating }),
    source,
  };
}

type RankKey = 'grade' | 'price' | TieBreaker;

// What an offer costs the insurer per unit for the ranking: its price, plus, when the policy
// prices delivery time, its ETA days × the day's value. An offer nothing can deliver has no ETA
// and is compared by price (it is excluded anyway; this only keeps the order total).
function rankCostFen(offer: CandidateOffer, policy: ProcurementPolicy): bigint {
  const eta = etaOf(offer.source);
  return policy.deliveryDayValueFen === null || eta === null ? offer.priceFen : offer.priceFen + BigInt(eta) * policy.deliveryDayValueFen;
}

// The ranking, one key after another until two offers differ:
//   1. under `preferred_grade_first`, the grade's place in the policy's preferred order (grades
//      the order leaves out come after it, best grade first); under `cheapest` this key is skipped;
//   2. the unit price, lower first (every offer serves the same quantity, so this is also the
//      line amount) — or, when the policy gives a day of delivery a value, the price plus ETA
//      days × that value (rankCostFen);
//   3. the ETA to the shop, sooner first ("between equal prices, the one in stock wins": goods
//      on hand arrive before goods that must be moved or bought); an offer nothing can deliver
//      comes last;
//   4. the source, goods on hand first (stock, drop-ship, transfer, purchase), for two that
//      arrive the same day;
//   5. the supplier's lead time, shorter first;
//   6. the supplier rating, higher first, unrated last;
//   7. the offer id, by plain code-unit comparison (not locale-aware, so it is the same on every
//      machine).
// Offer ids are unique, so the order is total and the same data always ranks the same way.
function compareBy(a: CandidateOffer, b: CandidateOffer, policy: ProcurementPolicy): { order: number; key: RankKey | null } {
  if (policy.choose === 'preferred_grade_first') {
    const d = preference(a.grade, policy) - preference(b.grade, policy);
    if (d !== 0) return { order: d, key: 'grade' };
  }
  const ca = rankCostFen(a, policy);
  const cb = rankCostFen(b, policy);
  if (ca !== cb) return { order: ca < cb ? -1 : 1, key: 'price' };
  const ea = etaOf(a.source) ?? Number.POSITIVE_INFINITY;
  const eb = etaOf(b.source) ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return { order: ea < eb ? -1 : 1, key: 'eta' };
  const sa = sourceRank(a.source.kind);
  const sb = sourceRank(b.source.kind);
  if (sa !== sb) return { order: sa - sb, key: 'source' };
  if (a.leadTimeDays !== b.leadTimeDays) return { order: a.leadTimeDays - b.leadTimeDays, key: 'lead_time' };
  const ra = a.supplierRating ?? -1;
  const rb = b.supplierRating ?? -1;
  if (ra !== rb) return { order: rb - ra, key: 'rating' };
  if (a.offerId !== b.offerId) return { order: a.offerId < b.offerId ? -1 : 1, key: 'offer_id' };
  return { order: 0, key: null };
}

// The cheapest allowed offer by price alone that the chosen one beat only on delivery time (the
// same place in the grade order, a lower price), or undefined when the chosen one is also the
// cheapest. Ties go to the sooner, then by id, so the reason names the same offer on every run.
function cheapestBelow(chosen: CandidateOffer, allowed: readonly CandidateOffer[], policy: ProcurementPolicy): CandidateOffer | undefined {
  const sameGradeKey = (o: CandidateOffer) => policy.choose !== 'preferred_grade_first' || preference(o.grade, policy) === preference(chosen.grade, policy);
  const eta = (o: CandidateOffer) => etaOf(o.source) ?? Number.POSITIVE_INFINITY;
  const before = (a: CandidateOffer, b: CandidateOffer) => (a.priceFen !== b.priceFen ? a.priceFen < b.priceFen : eta(a) !== eta(b) ? eta(a) < eta(b) : a.offerId < b.offerId);
  let best: CandidateOffer | undefined;
  for (const o of allowed) {
    if (sameGradeKey(o) && o.priceFen < chosen.priceFen && (!best || before(o, best))) best = o;
  }
  return best;
}

function preference(grade: Grade, policy: ProcurementPolicy): number {
  const index = policy.preferredGrades.indexOf(grade);
  return index === -1 ? policy.preferredGrades.length + gradeRank(grade) : index;
}

function certificateValid(offer: CandidateOffer, today: string): boolean {
  const cert = offer.certification;
  // ISO dates compare correctly as strings; both ends of the validity are included.
  return cert !== null && cert.validFrom <= today && today <= cert.validTo;
}

function servesRegion(offer: CandidateOffer, pathCodes: readonly string[]): boolean {
  if (!offer.regionCodes || offer.regionCodes.length === 0) return true;
  return offer.regionCodes.some((code) => pathCodes.includes(code));
}

// Every reason an offer is excluded, in a fixed order (grade, certificate, minimum quantity,
// region, delivery, delivery time, price), so a checker sees all that is wrong with it and not
// only the first thing. Delivery time is the ETA by the offer's source; an offer nothing can
// deliver has none and is excluded as undeliverable instead.
function exclusions(offer: CandidateOffer, input: RankInput, grades: AllowedGrades, pathCodes: readonly string[], capFen: bigint | null): Reason[] {
  const { line, policy, today } = input;
  const reasons: Reason[] = [];
  const removed = grades.removed.find((r) => r.grade === offer.grade);
  if (removed) for (const why of removed.why) reasons.push({ code: 'excluded_grade_not_allowed', params: why });
  if (offer.grade === 'certified' && !certificateValid(offer, today)) {
    reasons.push({
      code: 'excluded_certificate_invalid',
      params: { validFrom: offer.certification?.validFrom ?? null, validTo: offer.certification?.validTo ?? null },
    });
  }
  if (line.quantity < offer.minQty) reasons.push({ code: 'excluded_min_qty', params: { minQty: offer.minQty, quantity: line.quantity } });
  if (!servesRegion(offer, pathCodes)) reasons.push({ code: 'excluded_region', params: { regionCode: line.regionCode } });
  const eta = etaOf(offer.source);
  if (offer.source.kind === 'none') reasons.push({ code: 'excluded_undeliverable', params: { why: offer.source.reason, regionCode: line.regionCode } });
  if (policy.maxLeadTimeDays !== null && eta !== null && eta > policy.maxLeadTimeDays) {
    reasons.push({ code: 'excluded_slow', params: { days: eta, max: policy.maxLeadTimeDays } });
  }
  if (capFen !== null && offer.priceFen > capFen) {
    reasons.push({ code: 'excluded_over_guide', params: { grade: offer.grade, pct: overGuidePct(offer.priceFen, capFen) } });
  }
  return reasons;
}

// Ranks a line's candidate offers under the insurer's policy and price guide. Pure: the same
// input always gives the same result, reasons included.
export function rankOffers(input: RankInput): RankResult {
  const { line, vehicle, offers, policy, guide } = input;
  if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new Error(`rankOffers: quantity must be a positive integer, got ${line.quantity}`);
  const grades = allowedGrades(policy, { category: line.category, vehicleAgeYears: vehicle.ageYears, vehiclePriceFen: vehicle.priceFen });
  const pathCodes = regionPath(line.regionCode).map((r) => r.code);
  const quantity = BigInt(line.quantity);

  const sorted = [...offers].sort((a, b) => compareBy(a, b, policy).order);
  const assessed = sorted.map((offer) => {
    const capFen = guide.capsFen[offer.grade];
    const reasons = exclusions(offer, input, grades, pathCodes, capFen);
    const ranked: RankedOffer = {
      offerId: offer.offerId,
      grade: offer.grade,
      priceFen: offer.priceFen,
      lineAmountFen: offer.priceFen * quantity,
      leadTimeDays: offer.leadTimeDays,
      source: offer.source,
      etaDays: etaOf(offer.source),
      guideCapFen: capFen,
      allowed: reasons.length === 0,
      reasons,
    };
    return { offer, ranked };
  });

  const allowed = assessed.filter((a) => a.ranked.allowed);
  const excluded = assessed.filter((a) => !a.ranked.allowed);
  const [first, second] = allowed;

  if (first) {
    const chosen = first.ranked;
    chosen.reasons.push(policy.choose === 'cheapest' ? { code: 'cheapest_allowed', params: { grade: chosen.grade } } : { code: 'preferred_grade', params: { grade: chosen.grade } });
    if (grades.requiredByCategory === chosen.grade) {
      chosen.reasons.push({ code: 'grade_required_by_category', params: { grade: chosen.grade, category: line.category } });
    }
    // Where it comes from and when: an allowed offer always has a source that delivers.
    if (chosen.source.kind !== 'none') chosen.reasons.push({ code: 'sourced', params: chosen.source });
    // Chosen over a cheaper allowed offer (same grade key) because its days were worth more.
    const cheaper =
      policy.deliveryDayValueFen === null
        ? undefined
        : cheapestBelow(
            first.offer,
            allowed.map((a) => a.offer),
            policy,
          );
    if (cheaper && policy.deliveryDayValueFen !== null) {
      chosen.reasons.push({
        code: 'sooner_worth_more',
        params: {
          extraYuan: formatYuan(first.offer.priceFen - cheaper.priceFen),
          daysSooner: (etaOf(cheaper.source) ?? 0) - (etaOf(first.offer.source) ?? 0),
          dayValueYuan: formatYuan(policy.deliveryDayValueFen),
        },
      });
    }
    // When the runner-up matched on grade preference and price, say which later key decided. (Two
    // offers of different prices can tie only on price + days' value; then sooner_worth_more
    // above has said why the dearer one won.)
    if (second && second.offer.priceFen === first.offer.priceFen) {
      const { key } = compareBy(first.offer, second.offer, policy);
      if (key !== null && key !== 'grade' && key !== 'price') chosen.reasons.push({ code: 'won_tie', params: { by: key } });
    }
  }
  for (const [i, a] of allowed.slice(1).entries()) a.ranked.reasons.push({ code: 'runner_up', params: { rank: i + 2 } });

  const candidates = [...allowed, ...excluded].map((a) => a.ranked);
  const chosen = first?.ranked ?? null;
  return { chosen, candidates, needsInquiry: chosen === null, grades };
}
