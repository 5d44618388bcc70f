import type { PartOfferRow, part } from '../../catalog/index.ts';
import type { assessmentLine } from '../../claims/index.ts';
import { newId } from '../../../platform/ids.ts';
import { approvedValues } from '../approve/totals.ts';
import { isOverGuide, needsHumanApproval, type ProcurementPolicy, type RankResult, type ResolvedGuide } from '../rules/index.ts';
import type { quoteLine } from '../tables.ts';
import { storedCandidate } from './dto.ts';

type LineRow = typeof assessmentLine.$inferSelect;
type QuoteLineRow = typeof quoteLine.$inferInsert;

// A part line as ranked: its part, the price guide resolved for it, the ranking, and its offers by id.
export type Ranked = {
  line: LineRow;
  part: { id: string; category: (typeof part.$inferSelect)['category']; oePriceFen: bigint };
  guide: ResolvedGuide;
  result: RankResult;
  offers: Map<string, PartOfferRow>;
};

// The quote's lines, decided from the rankings without the database: a line with a chosen offer is
// approved at once when the policy's thresholds (the line's amount, the claim's parts total, the
// price guide) let it through, with its approved amounts and fee, or left pending with the reasons
// a person must look; a line nothing could fill, and a free-text line (no catalog part), needs an
// inquiry. Only new ids are drawn.
export function decideQuoteLines(d: {
  quoteId: string;
  ranked: readonly Ranked[];
  freeTextLines: readonly LineRow[];
  policy: ProcurementPolicy;
  // What earlier versions had approved plus everything chosen in this one.
  claimPartsTotalFen: bigint;
  now: Date;
}): QuoteLineRow[] {
  const rows: QuoteLineRow[] = [];
  for (const r of d.ranked) {
    const chosen = r.result.chosen;
    const base = {
      id: newId(),
      quoteId: d.quoteId,
      assessmentLineId: r.line.id,
      partId: r.part.id,
      quantity: r.line.quantity,
      oeReferenceFen: r.guide.oeReferenceFen,
      candidates: r.result.candidates.map((cand) => storedCandidate(cand, r.offers.get(cand.offerId)!)),
    };
    if (!chosen) {
      rows.push({ ...base, needsInquiry: true, approval: 'pending' });
      continue;
    }
    const decision = needsHumanApproval(d.policy, {
      lineAmountFen: chosen.lineAmountFen,
      claimPartsTotalFen: d.claimPartsTotalFen,
      overGuide: isOverGuide(r.guide, chosen.grade, chosen.priceFen),
    });
    const auto = decision.required
      ? {}
      : {
          ...approvedValues(d.policy, { quantity: r.line.quantity, oeReferenceFen: r.guide.oeReferenceFen, unitFen: chosen.priceFen, grade: chosen.grade }),
          approvedOfferId: chosen.offerId,
          approvedGrade: chosen.grade,
          approvedAt: d.now,
        };
    rows.push({
      ...base,
      guideCapFen: chosen.guideCapFen,
      chosenOfferId: chosen.offerId,
      chosenGrade: chosen.grade,
      unitPriceFen: chosen.priceFen,
      lineAmountFen: chosen.lineAmountFen,
      chosenSource: chosen.source.kind,
      etaDays: chosen.etaDays,
      needsInquiry: false,
      approval: decision.required ? 'pending' : 'auto_approved',
      approvalReasons: decision.reasons,
      ...auto,
    });
  }
  for (const line of d.freeTextLines) {
    rows.push({ id: newId(), quoteId: d.quoteId, assessmentLineId: line.id, partId: null, quantity: line.quantity, candidates: [], needsInquiry: true, approval: 'pending' });
  }
  return rows;
}
