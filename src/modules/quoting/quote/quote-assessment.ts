import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { offersForParts, part } from '../../catalog/index.ts';
import { supplierRatings } from '../../ratings/index.ts';
import { applyAssessmentEvent, applyClaimEvent, assertMayFileClaims, assessmentLine, lockAssessmentWithClaim } from '../../claims/index.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { openInquiries } from '../inquiries/index.ts';
import { loadInsurerRules } from '../insurer-rules/index.ts';
import { candidateOf, rankOffers } from '../rules/index.ts';
import { quote, quoteLine } from '../tables.ts';
import { APPROVED_STATES } from '../approve/totals.ts';
import { completeIfApproved } from '../approve/complete-approval.ts';
import { decideQuoteLines, type Ranked } from './decide-quote-lines.ts';
import type { QuoteDto } from './dto.ts';
import { getQuote } from './get-quote.ts';
import { planOfferSources } from './offer-sources.ts';
import { lineRankingFacts, vehicleFacts } from './vehicle-facts.ts';

// An assessment version has at most 200 lines (claims' MAX_LINES_PER_ASSESSMENT).
const MAX_LINES = 200;

type LineRow = typeof assessmentLine.$inferSelect;
type PartRow = Ranked['part'];

const sourceKey = (lineId: string, offerId: string) => `${lineId}|${offerId}`;

// Quotes a draft assessment version (询价/报价) and freezes it.
//
// Which lines are quoted: a line that replaces a catalog part is ranked against that part's
// offers to the repair shop's region under the insurer's policy and price guide, each offer with
// where it would come from for the line and when (stock, drop-ship, transfer or purchase, by the
// sourcing rule the order follows, so the quote never promises what the order cannot do); a line that
// replaces a free-text part has no catalog offers, so it is quoted as needing an inquiry, which
// the suppliers answer with bids; a repair-only line needs no part and has no quote line (the
// answer lists it under notQuoted, so no line goes unexplained).
//
// The price check starts here too: every line whose chosen offer is inside the policy's
// thresholds is approved automatically now, with the reason recorded, so the checker's worklist
// holds only what needs a human. Lines that need an inquiry wait for it. If nothing waits, the
// version and the claim move on to approved in the same transaction.
//
// Deterministic: the ranking is a pure function of the data, the day in China and the claim's
// facts. A version is quoted once; a second quote is a 409 (it is frozen).
export async function quoteAssessment(tx: Tx, ctx: Ctx, assessmentId: string): Promise<QuoteDto> {
  assertMayFileClaims(ctx.actor);
  // Locked, so two concurrent quotes of one version run one after the other and the second one
  // finds it quoted.
  const found = await lockAssessmentWithClaim(tx, ctx.actor, assessmentId, { write: true });
  if (!found) throw new AppError('not_found', { what: 'assessment' });
  const { claim: c, assessment: a } = found;
  if (a.status !== 'draft') throw new AppError('invalid_state', { what: 'assessment', state: a.status });

  const lines = await tx
    .select()
    .from(assessmentLine)
    .where(eq(assessmentLine.assessmentId, assessmentId))
    .orderBy(asc(assessmentLine.lineNo))
    .limit(MAX_LINES + 1);
  if (lines.length > MAX_LINES) throw new Error(`quoteAssessment: assessment ${assessmentId} has more than ${MAX_LINES} lines`);
  // Offers are ranked for the repair shop's region: that is where the parts go.
  const regionCode = found.shopRegionCode;
  const today = chinaDate(ctx.now);

  const partLines = lines.filter((l): l is LineRow & { partId: string } => l.operation === 'replace' && l.partId !== null);
  const freeTextLines = lines.filter((l) => l.operation === 'replace' && l.partId === null);
  const partIds = [...new Set(partLines.map((l) => l.partId))];
  const parts = new Map<string, PartRow>(
    partIds.length === 0 ? [] : (await tx.select({ id: part.id, category: part.category, oePriceFen: part.oePriceFen }).from(part).where(inArray(part.id, partIds))).map((p) => [p.id, p]),
  );
  const offers = await offersForParts(tx, { partIds, regionCode, day: today });
  const rules = await loadInsurerRules(tx, c.insurerOrgId, { partIds, categories: [...new Set([...parts.values()].map((p) => p.category))], regionCode });
  const vehicle = vehicleFacts(c);
  const ratings = await supplierRatings(
    tx,
    [...offers.values()].flatMap((list) => list.map((o) => o.supplierOrgId)),
  );
  const sources = await planOfferSources(
    tx,
    regionCode,
    partLines.flatMap((line) =>
      (offers.get(line.partId) ?? []).map((o) => ({ key: sourceKey(line.id, o.offerId), productId: o.productId, supplierOrgId: o.supplierOrgId, qty: line.quantity, leadTimeDays: o.leadTimeDays })),
    ),
  );

  const ranked: Ranked[] = partLines.map((line) => {
    const p = parts.get(line.partId);
    if (!p) throw new Error(`quoteAssessment: part ${line.partId} of line ${line.id} does not exist`);
    const partOffers = offers.get(p.id) ?? [];
    const facts = lineRankingFacts({ rules, part: p, quantity: line.quantity, regionCode, vehicle, today });
    const result = rankOffers({ ...facts, offers: partOffers.map((o) => candidateOf(o, sources.get(sourceKey(line.id, o.offerId))!, ratings.get(o.supplierOrgId))) });
    return { line, part: p, guide: facts.guide, result, offers: new Map(partOffers.map((o) => [o.offerId, o])) };
  });

  // The claim's parts total for the policy's threshold: what earlier versions had approved plus
  // everything chosen in this one. Summed as text so no numeric passes through a float.
  const [earlier] = await tx
    .select({ fen: sql<string>`coalesce(sum(${quoteLine.approvedAmountFen}), 0)::text` })
    .from(quoteLine)
    .innerJoin(quote, eq(quote.id, quoteLine.quoteId))
    .where(and(eq(quote.claimId, c.id), inArray(quoteLine.approval, [...APPROVED_STATES])));
  const claimPartsTotalFen = BigInt(earlier?.fen ?? '0') + ranked.reduce((acc, r) => acc + (r.result.chosen?.lineAmountFen ?? 0n), 0n);

  const quoteId = newId();
  await tx.insert(quote).values({
    id: quoteId,
    assessmentId,
    claimId: c.id,
    insurerOrgId: c.insurerOrgId,
    repairShopOrgId: c.repairShopOrgId,
    deliveryRegionCode: regionCode,
    policyVersion: rules.policyVersion,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
  });

  // Decided without the database: each line's row, its choice approved automatically or left for
  // a person or an inquiry.
  const rows = decideQuoteLines({ quoteId, ranked, freeTextLines, policy: rules.policy, claimPartsTotalFen, now: ctx.now });
  if (rows.length > 0) await tx.insert(quoteLine).values(rows);

  // Lines nothing could fill go out to suppliers now, in this transaction.
  const descriptions = new Map(lines.map((l) => [l.id, l.description]));
  const inquiryLines = rows
    .filter((row) => row.needsInquiry)
    .map((row) => ({ quoteLineId: row.id, partId: row.partId ?? null, description: descriptions.get(row.assessmentLineId) ?? '', quantity: row.quantity }));
  const opened = await openInquiries(tx, ctx, { claimId: c.id, insurerOrgId: c.insurerOrgId, deliveryRegionCode: regionCode, lines: inquiryLines });

  await applyAssessmentEvent(tx, ctx, assessmentId, 'quote', { quoteId });
  await applyClaimEvent(tx, ctx, c.id, 'quote', { assessmentId, version: a.version, quoteId });
  const autoApproved = rows.filter((row) => row.approval === 'auto_approved').map((row) => row.id);
  await recordAudit(tx, ctx, {
    orgId: c.insurerOrgId,
    objectType: 'quote',
    objectId: quoteId,
    action: 'create',
    data: {
      assessmentId,
      claimId: c.id,
      version: a.version,
      policyVersion: rules.policyVersion,
      day: today,
      deliveryRegionCode: regionCode,
      vehicle: { ageYears: vehicle.ageYears, modelYear: vehicle.modelYear, valueKnown: vehicle.valueKnown },
      lineCount: rows.length,
      // Recorded here, once, rather than one audit row per line: the per-line reasons are on the
      // lines themselves (approval_reasons).
      autoApprovedLineIds: autoApproved,
      inquiryIds: opened.map((o) => o.inquiryId),
    },
  });
  // A line waiting for a checker or an inquiry keeps the version quoted: nothing to complete.
  if (rows.every((row) => row.approval !== 'pending')) await completeIfApproved(tx, ctx, { quoteId, assessmentId, claimId: c.id, version: a.version });
  return getQuote(tx, ctx, { quoteId });
}
