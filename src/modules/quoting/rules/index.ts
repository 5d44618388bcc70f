// The quoting and price-check rules (询价/报价, 核价): pure functions over an insurer's price guide
// and procurement policy and a line's candidate offers. The commands load the data and call these.
export { needsHumanApproval, lineSaving, totalSaving, shopHandlingFeeFen, type ApprovalDecision, type ApprovalFacts, type LineSaving } from './approval.ts';
export {
  ProcurementPolicy,
  StoredProcurementPolicy,
  allowedGrades,
  policyToJson,
  type AllowedGrades,
  type ChooseRule,
  type GradeContext,
  type ProcurementPolicyJson,
} from './policy.ts';
export {
  bpOf,
  isOverGuide,
  overGuidePct,
  resolveGuide,
  type GradeCap,
  type GradeCaps,
  type GuideQuery,
  type GuideSource,
  type PriceGuideEntry,
  type ResolvedGuide,
} from './price-guide.ts';
export {
  candidateOf,
  rankOffers,
  type CandidateOffer,
  type OfferFacts,
  type QuoteLine,
  type RankedOffer,
  type RankInput,
  type RankResult,
  type VehicleFacts,
} from './rank-offers.ts';
export { etaOf, offerSourceOf, sourceRank, type DeliverableSource, type OfferSource, type WarehouseRef } from './offer-source.ts';
export { formatYuan, renderReason, type GradeNotAllowed, type GradeRuleDimension, type Reason, type ReasonCode, type TieBreaker } from './reasons.ts';
