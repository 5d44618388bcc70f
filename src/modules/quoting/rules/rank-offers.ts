import type { Category } from '../../catalog/categories.ts';
import { gradeRank, type Grade } from '../../catalog/grades.ts';
import type { PartOfferDto } from '../../catalog/part-offers.ts';
import { regionPath } from '../../regions/index.ts';
import { allowedGrades, type AllowedGrades, type ProcurementPolicy } from './policy.ts';
import { overGuidePct, type ResolvedGuide } from './price-guide.ts';
import type { Reason, TieBreaker } from './reasons.ts';

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

// The catalog's listing of an offer (GET /parts/{id}/offers) as a candidate. The listing carries
// money as JSON numbers of fen, which are exact, so the conversion to bigint loses nothing.
export function candidateFromPartOffer(dto: PartOfferDto, supplierRating?: number): CandidateOffer {
  const cert = dto.product.certification;
  return {
    offerId: dto.offerId,
    grade: dto.product.grade,
    priceFen: BigInt(dto.priceFen),
    leadTimeDays: dto.leadTimeDays,
    minQty: dto.minQty,
    certification: cert ? { validFrom: cert.validFrom, validTo: cert.validTo } : null,
    regionCodes: dto.regionCodes,
    ...(supplierRating === undefined ? {} : { supplierRating }),
  };
}

type RankKey = 'grade' | 'price' | TieBreaker;

// The ranking, one key after another until two offers differ:
//   1. under `preferred_grade_first`, the grade's place in the policy's preferred order (grades
//      the order leaves out come after it, best grade first); under `cheapest` this key is skipped;
//   2. the unit price, lower first (every offer serves the same quantity, so this is also the
//      line amount);
//   3. the lead time, shorter first;
//   4. the supplier rating, higher first, unrated last;
//   5. the offer id, by plain code-unit comparison (not locale-aware, so it is the same on every
//      machine).
// Offer ids are unique, so the order is total and the same data always ranks the same way.
function compareBy(a: CandidateOffer, b: CandidateOffer, policy: ProcurementPolicy): { order: number; key: RankKey | null } {
  if (policy.choose === 'preferred_grade_first') {
    const d = preference(a.grade, policy) - preference(b.grade, policy);
    if (d !== 0) return { order: d, key: 'grade' };
  }
  if (a.priceFen !== b.priceFen) return { order: a.priceFen < b.priceFen ? -1 : 1, key: 'price' };
  if (a.leadTimeDays !== b.leadTimeDays) return { order: a.leadTimeDays - b.leadTimeDays, key: 'lead_time' };
  const ra = a.supplierRating ?? -1;
  const rb = b.supplierRating ?? -1;
  if (ra !== rb) return { order: rb - ra, key: 'rating' };
  if (a.offerId !== b.offerId) return { order: a.offerId < b.offerId ? -1 : 1, key: 'offer_id' };
  return { order: 0, key: null };
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
// region, delivery time, price), so a checker sees all that is wrong with it and not only the
// first thing.
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
  if (policy.maxLeadTimeDays !== null && offer.leadTimeDays > policy.maxLeadTimeDays) {
    reasons.push({ code: 'excluded_slow', params: { days: offer.leadTimeDays, max: policy.maxLeadTimeDays } });
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
    chosen.reasons.push(
      policy.choose === 'cheapest'
        ? { code: 'cheapest_allowed', params: { grade: chosen.grade } }
        : { code: 'preferred_grade', params: { grade: chosen.grade } },
    );
    if (grades.requiredByCategory === chosen.grade) {
      chosen.reasons.push({ code: 'grade_required_by_category', params: { grade: chosen.grade, category: line.category } });
    }
    // When the runner-up matched on grade preference and price, say which later key decided.
    if (second) {
      const { key } = compareBy(first.offer, second.offer, policy);
      if (key === 'lead_time' || key === 'rating' || key === 'offer_id') chosen.reasons.push({ code: 'won_tie', params: { by: key } });
    }
  }
  allowed.slice(1).forEach((a, i) => a.ranked.reasons.push({ code: 'runner_up', params: { rank: i + 2 } }));

  const candidates = [...allowed, ...excluded].map((a) => a.ranked);
  const chosen = first?.ranked ?? null;
  return { chosen, candidates, needsInquiry: chosen === null, grades };
}
