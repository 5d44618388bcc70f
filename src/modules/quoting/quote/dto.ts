import { z } from 'zod';
import { grades, type Grade, type PartOfferRow } from '../../catalog/index.ts';
import { assessmentStatuses, claimStatuses } from '../../claims/index.ts';
import type { Locale } from '../../../platform/i18n.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { sourceKinds } from '../../inventory/index.ts';
import { renderReason, type OfferSource, type RankedOffer, type Reason } from '../rules/index.ts';
import { approvalStatuses } from '../approve/approval-lifecycle.ts';

// What a quote looks like on the wire, and the form its candidates are stored in.

// One ranked offer as quote_line.candidates keeps it: the rules' verdict with its reasons as codes
// (rendered in the reader's language when read), and the offer's facts as they were at quote
// time. Fen are decimal strings because JSON has no bigint. A supplier's bid merged from a closed
// inquiry is stored the same way, marked `source: 'bid'` with its inquiry: its `offerId` is then the
// bid's id (ids are UUIDv7, unique across offers and bids), which is what the line's chosenBidId
// and a checker's correction name. Candidates written before bids existed have no `source`.
// `sourcing` (where the offer would come from for the line: stock, drop-ship, transfer, purchase
// or nothing) and `etaDays` are there since quotes rank what can be delivered; older candidates
// have neither.
export type StoredCandidate = {
  offerId: string;
  productId: string;
  supplierOrgId: string;
  supplierName: string;
  brand: string;
  productName: string;
  grade: Grade;
  priceFen: string;
  vatFen: string;
  lineAmountFen: string;
  leadTimeDays: number;
  guideCapFen: string | null;
  allowed: boolean;
  reasons: Reason[];
  source?: 'offer' | 'bid';
  inquiryId?: string;
  sourcing?: OfferSource;
  etaDays?: number | null;
};

export function isBidCandidate(c: StoredCandidate): boolean {
  return c.source === 'bid';
}

export function storedCandidate(ranked: RankedOffer, offer: PartOfferRow): StoredCandidate {
  return {
    offerId: ranked.offerId,
    productId: offer.productId,
    supplierOrgId: offer.supplierOrgId,
    supplierName: offer.supplierName,
    brand: offer.brand,
    productName: offer.productName,
    grade: ranked.grade,
    priceFen: ranked.priceFen.toString(),
    vatFen: offer.vatFen.toString(),
    lineAmountFen: ranked.lineAmountFen.toString(),
    leadTimeDays: ranked.leadTimeDays,
    guideCapFen: ranked.guideCapFen === null ? null : ranked.guideCapFen.toString(),
    allowed: ranked.allowed,
    reasons: ranked.reasons,
    sourcing: ranked.source,
    etaDays: ranked.etaDays,
  };
}

// What a bid's candidate shows besides the ranking: who bid, with which product, and its VAT.
export type BidFacts = { bidId: string; inquiryId: string; productId: string; supplierOrgId: string; supplierName: string; brand: string; productName: string; vatFen: bigint };

export function storedBidCandidate(ranked: RankedOffer, b: BidFacts): StoredCandidate {
  return {
    offerId: b.bidId,
    productId: b.productId,
    supplierOrgId: b.supplierOrgId,
    supplierName: b.supplierName,
    brand: b.brand,
    productName: b.productName,
    grade: ranked.grade,
    priceFen: ranked.priceFen.toString(),
    vatFen: b.vatFen.toString(),
    lineAmountFen: ranked.lineAmountFen.toString(),
    leadTimeDays: ranked.leadTimeDays,
    guideCapFen: ranked.guideCapFen === null ? null : ranked.guideCapFen.toString(),
    allowed: ranked.allowed,
    reasons: ranked.reasons,
    source: 'bid',
    inquiryId: b.inquiryId,
    sourcing: ranked.source,
    etaDays: ranked.etaDays,
  };
}

// The reasons a quote line's approval carries: the rules' (thresholds, auto-approval), and one
// the inquiry's merge adds when no bid was allowed, so the checker knows why the line still has no
// price. It lives here rather than among the rules' reasons because no rule decides it: it is the
// outcome of an inquiry.
export type NoAllowedBidReason = { code: 'no_allowed_bid'; params: { inquiryId: string; bidCount: number } };
export type LineReason = Reason | NoAllowedBidReason;

function renderLineReason(r: LineReason, locale: Locale): string {
  if (r.code !== 'no_allowed_bid') return renderReason(r, locale);
  const n = r.params.bidCount;
  if (locale === 'en') return n === 0 ? 'inquiry closed without bids: the price checker decides' : `inquiry closed, none of its ${n} bids is allowed: the price checker decides`;
  return n === 0 ? '询价已截止，无供应商报价：需人工核价' : `询价已截止，${n} 个报价均不符合规则：需人工核价`;
}

// The stored JSON is written only by the quote command and the merge of an inquiry's bids, so
// reading it back is a cast of our own data, not a parse of foreign input.
export function readCandidates(json: unknown[]): StoredCandidate[] {
  return json as StoredCandidate[];
}

export const ReasonDto = z.object({ code: z.string(), text: z.string(), params: z.record(z.string(), z.unknown()) }).meta({ id: 'Reason' });
export type ReasonDto = z.infer<typeof ReasonDto>;

export function reasonDtos(reasons: readonly LineReason[] | null | undefined, locale: Locale): ReasonDto[] {
  return (reasons ?? []).map((r) => ({ code: r.code, text: renderLineReason(r, locale), params: r.params }));
}

export const offerSourceKinds = [...sourceKinds, 'none'] as const;
const unsourceableReasons = ['no_warehouse_covers_region', 'not_purchasable'] as const;
const WarehouseRefDto = z.object({ code: z.string(), name: z.string() }).meta({ id: 'WarehouseRef' });

// Where a candidate would come from for the line and when: `warehouse` ships it to the shop (a
// platform warehouse, or the supplier's own for a drop-ship), `fromWarehouse` is where a transfer
// starts, `unsourceableReason` says why nothing can deliver it (kind `none`).
export const SourcingDto = z
  .object({
    kind: z.enum(offerSourceKinds),
    etaDays: z.number().int().nullable(),
    warehouse: WarehouseRefDto.nullable(),
    fromWarehouse: WarehouseRefDto.nullable(),
    unsourceableReason: z.enum(unsourceableReasons).nullable(),
  })
  .meta({ id: 'Sourcing' });
export type SourcingDto = z.infer<typeof SourcingDto>;

export function toSourcingDto(s: OfferSource): SourcingDto {
  if (s.kind === 'none') return { kind: 'none', etaDays: null, warehouse: null, fromWarehouse: null, unsourceableReason: s.reason };
  return { kind: s.kind, etaDays: s.etaDays, warehouse: s.ship, fromWarehouse: s.kind === 'transfer' ? s.from : null, unsourceableReason: null };
}

export const CandidateDto = z
  .object({
    offerId: z.uuid(),
    productId: z.uuid(),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    brand: z.string(),
    productName: z.string(),
    grade: z.enum(grades),
    priceFen: fenOutput,
    vatFen: fenOutput,
    lineAmountFen: fenOutput,
    leadTimeDays: z.number().int(),
    guideCapFen: fenOutput.nullable(),
    allowed: z.boolean(),
    reasons: z.array(ReasonDto),
    // A catalog offer, or a supplier's bid on the line's inquiry (then offerId is the bid's id).
    source: z.enum(['offer', 'bid']),
    inquiryId: z.uuid().nullable(),
    // Where it would come from and in how many days; null for a candidate quoted before quotes
    // were stock-aware.
    sourcing: SourcingDto.nullable(),
    etaDays: z.number().int().nullable(),
  })
  .meta({ id: 'QuoteCandidate' });
export type CandidateDto = z.infer<typeof CandidateDto>;

export function toCandidateDto(c: StoredCandidate, locale: Locale): CandidateDto {
  return {
    offerId: c.offerId,
    productId: c.productId,
    supplier: { id: c.supplierOrgId, name: c.supplierName },
    brand: c.brand,
    productName: c.productName,
    grade: c.grade,
    priceFen: fenToJson(BigInt(c.priceFen)),
    vatFen: fenToJson(BigInt(c.vatFen)),
    lineAmountFen: fenToJson(BigInt(c.lineAmountFen)),
    leadTimeDays: c.leadTimeDays,
    guideCapFen: c.guideCapFen === null ? null : fenToJson(BigInt(c.guideCapFen)),
    allowed: c.allowed,
    reasons: reasonDtos(c.reasons, locale),
    source: c.source ?? 'offer',
    inquiryId: c.inquiryId ?? null,
    sourcing: c.sourcing ? toSourcingDto(c.sourcing) : null,
    etaDays: c.etaDays ?? null,
  };
}

export const ApprovalDto = z
  .object({
    status: z.enum(approvalStatuses),
    // Why a human must check the line, or that it was approved automatically.
    reasons: z.array(ReasonDto),
    offerId: z.uuid().nullable(),
    bidId: z.uuid().nullable(),
    grade: z.enum(grades).nullable(),
    unitFen: fenOutput.nullable(),
    amountFen: fenOutput.nullable(),
    vatFen: fenOutput.nullable(),
    savingFen: fenOutput.nullable(),
    savingBp: z.number().int().nullable(),
    // What the repair shop earns on the line (the policy's handling fee for the grade).
    handlingFeeFen: fenOutput.nullable(),
    // Null for an automatic approval.
    approvedBy: z.uuid().nullable(),
    approvedAt: z.string().nullable(),
    sendBackReason: z.string().nullable(),
  })
  .meta({ id: 'QuoteLineApproval' });

const PartyDto = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'Party' });

export const InquiryRefDto = z.object({ id: z.uuid(), status: z.string(), deadlineAt: z.string() }).meta({ id: 'InquiryRef' });

export const QuoteLineDto = z
  .object({
    id: z.uuid(),
    assessmentLineId: z.uuid(),
    lineNo: z.number().int(),
    partId: z.uuid().nullable(),
    oeNo: z.string().nullable(),
    description: z.string(),
    quantity: z.number().int(),
    // Unit OE reference price (VAT included); null for a free-text line.
    oeReferenceFen: fenOutput.nullable(),
    needsInquiry: z.boolean(),
    // Where the chosen offer (or bid) would come from and in how many days to the shop, as quoted;
    // null while nothing is chosen (and on lines quoted before quotes were stock-aware).
    chosenSource: z.enum(offerSourceKinds).nullable(),
    etaDays: z.number().int().nullable(),
    // The insurer's view only: the ranking with every reason, the guide's cap and the inquiries.
    ranking: z
      .object({
        guideCapFen: fenOutput.nullable(),
        chosen: CandidateDto.nullable(),
        runnersUp: z.array(CandidateDto),
        excluded: z.array(CandidateDto),
        inquiries: z.array(InquiryRefDto),
      })
      .nullable(),
    approval: ApprovalDto,
  })
  .meta({ id: 'QuoteLine' });
export type QuoteLineDto = z.infer<typeof QuoteLineDto>;

// Sums of line amounts, VAT included, with the VAT split, the OE reference for the same
// quantities and the saving against it (fen and basis points of the reference).
export const SavingTotalsDto = z
  .object({
    amountFen: fenOutput,
    vatFen: fenOutput,
    netFen: fenOutput,
    referenceFen: fenOutput,
    savingFen: fenOutput,
    savingBp: z.number().int(),
  })
  .meta({ id: 'SavingTotals' });
export const TotalsDto = SavingTotalsDto.extend({ handlingFeeFen: fenOutput }).meta({ id: 'QuoteTotals' });
export type TotalsDto = z.infer<typeof TotalsDto>;

export const QuoteDto = z
  .object({
    id: z.uuid(),
    assessmentId: z.uuid(),
    claimId: z.uuid(),
    version: z.number().int(),
    assessmentStatus: z.enum(assessmentStatuses),
    claimStatus: z.enum(claimStatuses),
    // Which side reads: the insurer sees the ranking, the repair shop the approved amounts and fees.
    view: z.enum(['insurer', 'shop']),
    deliveryRegionCode: z.string(),
    // 浙江省 杭州市 西湖区, as the printed assessment names it; null for a code no longer listed.
    deliveryRegionName: z.string().nullable(),
    policyVersion: z.number().int().nullable(),
    vehicle: z.object({ modelYear: z.number().int().nullable(), ageYears: z.number().int(), valueFen: fenOutput.nullable() }),
    // The claim's two parties by name, as the printed assessment (定损单) names them: each side may
    // read the other's name on its own claim, though not the other organisation itself.
    parties: z.object({ insurer: PartyDto, repairShop: PartyDto }),
    lines: z.array(QuoteLineDto),
    // Lines that need no part (repair only): not quoted, listed so none goes unexplained.
    notQuoted: z.array(z.object({ assessmentLineId: z.uuid(), lineNo: z.number().int(), description: z.string(), reason: z.literal('repair_only') })),
    // Lines still waiting for a price checker, and lines out to suppliers as inquiries.
    pendingLineIds: z.array(z.uuid()),
    needsInquiryLineIds: z.array(z.uuid()),
    // The chosen offers of this version as quoted (insurer's view only).
    quoted: SavingTotalsDto.nullable(),
    // The approved lines of this version, and of every version of the claim.
    approved: TotalsDto,
    claimApproved: TotalsDto,
    createdAt: z.string(),
  })
  .meta({ id: 'Quote' });
export type QuoteDto = z.infer<typeof QuoteDto>;
