import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { part } from '../../catalog/index.ts';
import { assessment, assessmentLine, claim, claimReadScope } from '../../claims/index.ts';
import { org } from '../../identity/index.ts';
import { regionName } from '../../regions/index.ts';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenToJson } from '../../../platform/money.ts';
import { lineSaving, totalSaving, type LineSaving } from '../rules/index.ts';
import { effectiveState } from '../inquiries/index.ts';
import { inquiry, quote, quoteLine } from '../tables.ts';
import { approvedTotals, claimApprovedRows, type Totals } from '../approve/totals.ts';
import { isBidCandidate, offerSourceKinds, readCandidates, reasonDtos, toCandidateDto, type LineReason, type QuoteDto, type QuoteLineDto } from './dto.ts';
import { vehicleFacts } from './vehicle-facts.ts';

// An assessment version has at most 200 lines, so its quote has at most 200 lines, and each line
// has few inquiries (one open at a time, a handful withdrawn and reopened).
const MAX_QUOTE_LINES = 200;
const MAX_INQUIRIES = 1000;

export type QuoteRef = { quoteId: string } | { assessmentId: string };

function quoteNotFound(): AppError {
  return new AppError('not_found', { what: 'quote' });
}

function savingJson(s: LineSaving) {
  return {
    amountFen: fenToJson(s.amountFen),
    vatFen: fenToJson(s.vatFen),
    netFen: fenToJson(s.netFen),
    referenceFen: fenToJson(s.referenceFen),
    savingFen: fenToJson(s.savingFen),
    savingBp: s.savingBp,
  };
}

function totalsDto(t: Totals) {
  return { ...savingJson(t), handlingFeeFen: fenToJson(t.handlingFeeFen) };
}

const fenOrNull = (fen: bigint | null) => (fen === null ? null : fenToJson(fen));

// The column is text written only from the ranking's source kinds.
function chosenSourceOf(value: string | null): QuoteLineDto['chosenSource'] {
  if (value === null) return null;
  if (!(offerSourceKinds as readonly string[]).includes(value)) throw new Error(`quote_line.chosen_source holds an unknown kind: ${value}`);
  return value as QuoteLineDto['chosenSource'];
}

// A quote as its claim's parties see it. The insurer (and the platform) sees the whole ranking:
// the chosen offer, the runners-up and the excluded offers, each with its reasons in the caller's
// language, the guide's cap and the inquiries. The repair shop sees what concerns it: per line the
// approved offer, amounts and its handling fee, but not the insurer's guide or the ranking of
// suppliers' prices. Anyone else gets a 404.
export async function getQuote(exec: Executor, ctx: Ctx, ref: QuoteRef): Promise<QuoteDto> {
  requirePermission(ctx.actor, 'claims.read');
  const [found] = await exec
    .select({ quote, assessmentStatus: assessment.status, version: assessment.version, claim })
    .from(quote)
    .innerJoin(assessment, eq(assessment.id, quote.assessmentId))
    .innerJoin(claim, eq(claim.id, quote.claimId))
    .where(and(claimReadScope(ctx.actor), 'quoteId' in ref ? eq(quote.id, ref.quoteId) : eq(quote.assessmentId, ref.assessmentId)));
  if (!found) throw quoteNotFound();
  const q = found.quote;
  const c = found.claim;
  const insurerView = isPlatform(ctx.actor) || ctx.actor.orgId === c.insurerOrgId;

  const rows = await exec
    .select({ line: quoteLine, lineNo: assessmentLine.lineNo, description: assessmentLine.description, oeNoRaw: assessmentLine.oeNoRaw, oeNo: part.oeNo })
    .from(quoteLine)
    .innerJoin(assessmentLine, eq(assessmentLine.id, quoteLine.assessmentLineId))
    .leftJoin(part, eq(part.id, quoteLine.partId))
    .where(eq(quoteLine.quoteId, q.id))
    .orderBy(asc(assessmentLine.lineNo))
    .limit(MAX_QUOTE_LINES);
  const notQuoted = await exec
    .select({ id: assessmentLine.id, lineNo: assessmentLine.lineNo, description: assessmentLine.description })
    .from(assessmentLine)
    .leftJoin(quoteLine, eq(quoteLine.assessmentLineId, assessmentLine.id))
    .where(and(eq(assessmentLine.assessmentId, q.assessmentId), isNull(quoteLine.id)))
    .orderBy(asc(assessmentLine.lineNo))
    .limit(MAX_QUOTE_LINES);
  // A line's inquiries matter while one is out and once its bids were merged.
  const inquiries =
    insurerView && rows.some((r) => r.line.needsInquiry || readCandidates(r.line.candidates).some(isBidCandidate))
      ? await exec
          .select({ id: inquiry.id, quoteLineId: inquiry.quoteLineId, status: inquiry.status, deadlineAt: inquiry.deadlineAt })
          .from(inquiry)
          .where(
            inArray(
              inquiry.quoteLineId,
              rows.map((r) => r.line.id),
            ),
          )
          .orderBy(asc(inquiry.createdAt), asc(inquiry.id))
          .limit(MAX_INQUIRIES)
      : [];

  const lines: QuoteLineDto[] = rows.map(({ line, lineNo, description, oeNoRaw, oeNo }) => {
    const candidates = readCandidates(line.candidates).map((cand) => toCandidateDto(cand, ctx.locale));
    const allowed = candidates.filter((cand) => cand.allowed);
    // A bid's candidate carries the bid's id as its offerId.
    const chosenId = line.chosenOfferId ?? line.chosenBidId;
    const chosen = chosenId === null ? null : (allowed.find((cand) => cand.offerId === chosenId) ?? null);
    return {
      id: line.id,
      assessmentLineId: line.assessmentLineId,
      lineNo,
      partId: line.partId,
      oeNo: oeNo ?? oeNoRaw,
      description,
      quantity: line.quantity,
      oeReferenceFen: fenOrNull(line.oeReferenceFen),
      needsInquiry: line.needsInquiry,
      chosenSource: chosenSourceOf(line.chosenSource),
      etaDays: line.etaDays,
      ranking: insurerView
        ? {
            guideCapFen: fenOrNull(line.guideCapFen),
            chosen,
            runnersUp: allowed.filter((cand) => cand !== chosen),
            excluded: candidates.filter((cand) => !cand.allowed),
            inquiries: inquiries.filter((i) => i.quoteLineId === line.id).map((i) => ({ id: i.id, status: effectiveState(i, ctx.now), deadlineAt: i.deadlineAt.toISOString() })),
          }
        : null,
      approval: {
        status: line.approval,
        reasons: reasonDtos(line.approvalReasons as LineReason[] | null, ctx.locale),
        offerId: line.approvedOfferId,
        bidId: line.approvedBidId,
        grade: line.approvedGrade,
        unitFen: fenOrNull(line.approvedUnitFen),
        amountFen: fenOrNull(line.approvedAmountFen),
        vatFen: fenOrNull(line.approvedVatFen),
        savingFen: fenOrNull(line.savingFen),
        savingBp: line.savingBp,
        handlingFeeFen: fenOrNull(line.handlingFeeFen),
        approvedBy: line.approvedBy,
        approvedAt: line.approvedAt?.toISOString() ?? null,
        sendBackReason: line.sendBackReason,
      },
    };
  });

  // The quoted figures: every line with a chosen offer at its chosen price against its reference.
  const quoted = totalSaving(
    rows.flatMap(({ line }) =>
      line.unitPriceFen === null ? [] : [lineSaving({ oeReferenceFen: line.oeReferenceFen ?? line.unitPriceFen, approvedUnitFen: line.unitPriceFen, quantity: line.quantity })],
    ),
  );
  const vehicle = vehicleFacts(c);
  const names = new Map(
    (
      await exec
        .select({ id: org.id, name: org.name })
        .from(org)
        .where(inArray(org.id, [c.insurerOrgId, c.repairShopOrgId]))
    ).map((o) => [o.id, o.name]),
  );
  const party = (id: string) => ({ id, name: names.get(id) ?? '' });
  return {
    id: q.id,
    assessmentId: q.assessmentId,
    claimId: q.claimId,
    version: found.version,
    assessmentStatus: found.assessmentStatus,
    claimStatus: c.status,
    view: insurerView ? 'insurer' : 'shop',
    deliveryRegionCode: q.deliveryRegionCode,
    deliveryRegionName: regionName(q.deliveryRegionCode),
    policyVersion: q.policyVersion,
    vehicle: { modelYear: vehicle.modelYear, ageYears: vehicle.ageYears, valueFen: fenOrNull(c.vehicleValueFen) },
    parties: { insurer: party(c.insurerOrgId), repairShop: party(c.repairShopOrgId) },
    lines,
    notQuoted: notQuoted.map((l) => ({ assessmentLineId: l.id, lineNo: l.lineNo, description: l.description, reason: 'repair_only' as const })),
    pendingLineIds: rows.filter((r) => r.line.approval === 'pending').map((r) => r.line.id),
    needsInquiryLineIds: rows.filter((r) => r.line.needsInquiry).map((r) => r.line.id),
    quoted: insurerView ? savingJson(quoted) : null,
    approved: totalsDto(approvedTotals(rows.map((r) => r.line))),
    claimApproved: totalsDto(approvedTotals(await claimApprovedRows(exec, q.claimId))),
    createdAt: q.createdAt.toISOString(),
  };
}
