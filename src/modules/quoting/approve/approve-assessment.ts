import { and, eq, inArray, or } from 'drizzle-orm';
import { assessment, claim, claimReadScope, lockAssessment } from '../../claims/index.ts';
import { actorId, mayActFor, requirePermission } from '../../../platform/access.ts';
import { onePerson, peopleBehind } from '../../identity/index.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { auditEvent } from '../../../platform/tables.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, forbidden, type FieldError } from '../../../platform/errors.ts';
import { fenToJson } from '../../../platform/money.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { loadInsurerRules } from '../insurer-rules/index.ts';
import type { ProcurementPolicy } from '../rules/index.ts';
import { inquiry, quote, quoteLine, type QuoteLineApproval } from '../tables.ts';
import { withdrawLockedInquiry } from '../inquiries/index.ts';
import { isBidCandidate, readCandidates, type QuoteDto } from '../quote/dto.ts';
import { getQuote } from '../quote/get-quote.ts';
import { completeIfApproved } from './complete-approval.ts';
import type { ApproveInput, LineDecision } from './schemas.ts';
import { approvedValues } from './totals.ts';
import { approvalTransition } from './approval-lifecycle.ts';

type LineRow = typeof quoteLine.$inferSelect;

// The reason an inquiry is withdrawn with when the checker decides its line.
export const DECIDED_BY_PRICE_CHECK = 'decided by price check';

const fenOrNull = (fen: bigint | null | undefined) => (fen === undefined || fen === null ? null : fenToJson(fen));
type LineUpdate = Partial<typeof quoteLine.$inferInsert>;

// The columns one decision writes besides its approval state (the lifecycle's). Expected refusals
// throw AppError, so the whole check rolls back and the checker can correct the request and send
// it again.
function decide(policy: ProcurementPolicy, line: LineRow, d: LineDecision, index: number): LineUpdate {
  if (d.action === 'send_back') {
    return { sendBackReason: d.reason };
  }
  if (d.action === 'accept') {
    if (line.unitPriceFen === null) throw new AppError('invalid_state', { what: 'quote_line', state: 'needs_inquiry' });
    return {
      approvedOfferId: line.chosenOfferId,
      approvedBidId: line.chosenBidId,
      approvedGrade: line.chosenGrade,
      ...approvedValues(policy, { quantity: line.quantity, oeReferenceFen: line.oeReferenceFen, unitFen: line.unitPriceFen, grade: line.chosenGrade }),
    };
  }
  // correct: another candidate of the line's ranking (an offer, or a merged bid named by its id)
  // and/or a cap on the unit price.
  const candidates = readCandidates(line.candidates);
  const picked = d.offerId === undefined ? null : candidates.find((c) => c.offerId === d.offerId);
  if (picked === undefined) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: `lines.${index}.offerId`, in: 'body', code: 'unknown_reference', params: { what: 'offer', value: d.offerId } }]);
  }
  // Without another offer the cap applies to what was chosen, if anything was.
  const base = picked
    ? isBidCandidate(picked)
      ? { offerId: null, bidId: picked.offerId, grade: picked.grade, unitFen: BigInt(picked.priceFen) }
      : { offerId: picked.offerId, bidId: null, grade: picked.grade, unitFen: BigInt(picked.priceFen) }
    : line.unitPriceFen === null
      ? null
      : { offerId: line.chosenOfferId, bidId: line.chosenBidId, grade: line.chosenGrade, unitFen: line.unitPriceFen };
  let unitFen = base?.unitFen ?? null;
  if (d.priceCapFen !== undefined) unitFen = unitFen === null || d.priceCapFen < unitFen ? d.priceCapFen : unitFen;
  if (unitFen === null) throw new AppError('invalid_state', { what: 'quote_line', state: 'needs_inquiry' });
  const grade = base?.grade ?? null;
  return {
    approvedOfferId: base?.offerId ?? null,
    approvedBidId: base?.bidId ?? null,
    approvedGrade: grade,
    ...approvedValues(policy, { quantity: line.quantity, oeReferenceFen: line.oeReferenceFen, unitFen, grade }),
  };
}

// Who made a version: whoever created it or replaced its lines while it was a draft (its
// assessors), and whoever quoted it. The columns hold only part of that (assessment.created_by the
// creator; quote.created_by the user, null when an API key quoted), so the audit rows of those
// acts, which name the user or the key, are read as well.
type Makers = { assessedBy: Set<string>; quotedBy: Set<string> };

async function makersOf(tx: Tx, v: { assessmentId: string; assessmentCreatedBy: string; quoteId: string | null; quoteCreatedBy: string | null }): Promise<Makers> {
  const makers: Makers = { assessedBy: new Set([v.assessmentCreatedBy]), quotedBy: new Set(v.quoteCreatedBy ? [v.quoteCreatedBy] : []) };
  const acts = await tx
    .select({ objectType: auditEvent.objectType, userId: auditEvent.actorUserId, apiKeyId: auditEvent.actorApiKeyId })
    .from(auditEvent)
    .where(
      or(
        and(eq(auditEvent.objectId, v.assessmentId), eq(auditEvent.objectType, 'assessment'), inArray(auditEvent.action, ['create', 'replace_lines'])),
        v.quoteId === null ? undefined : and(eq(auditEvent.objectId, v.quoteId), eq(auditEvent.objectType, 'quote'), eq(auditEvent.action, 'create')),
      ),
    );
  for (const act of acts) {
    const into = act.objectType === 'quote' ? makers.quotedBy : makers.assessedBy;
    for (const id of [act.userId, act.apiKeyId]) if (id !== null) into.add(id);
  }
  return makers;
}

// Separation of duties (四眼原则): the price check is a second look at what was assessed and
// quoted, so whoever made the version may not check it, whatever roles they hold: an admin can give
// one user or API key both `adjuster` and `price_checker`. A key and the person who made it are one
// (identity's onePerson): a person does not check their own work through a key. Lines the policy
// approved automatically are the policy's decision, not a person's.
async function assertNotOwnWork(tx: Tx, checker: string, makers: Makers): Promise<void> {
  const behind = await peopleBehind(tx, [checker, ...makers.assessedBy, ...makers.quotedBy]);
  for (const [what, by] of [
    ['assessment', makers.assessedBy],
    ['quote', makers.quotedBy],
  ] as const) {
    for (const maker of by) if (onePerson(behind, maker, checker)) throw new AppError('separation_of_duties', { what });
  }
}

// The price check (核价) of a quoted version by the insurer's price checker. Lines inside the
// policy's thresholds were approved automatically when quoted, so what is left here is exactly
// what needs a human; a line already decided is a 409. The claim's other parties may see the
// version (the shop reads it) but only a price checker of the claim's insurer decides: a
// stranger to the claim gets a 404, a party without the permission a 403. When no line of the
// version waits any more, the version and then the claim move to approved (completeIfApproved).
export async function approveAssessment(tx: Tx, ctx: Ctx, assessmentId: string, input: ApproveInput): Promise<QuoteDto> {
  requirePermission(ctx.actor, 'claims.read');
  const [found] = await tx
    .select({ assessment, insurerOrgId: claim.insurerOrgId, quoteId: quote.id, quotedBy: quote.createdBy })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .leftJoin(quote, eq(quote.assessmentId, assessment.id))
    .where(and(claimReadScope(ctx.actor), eq(assessment.id, assessmentId)));
  if (!found) throw new AppError('not_found', { what: 'assessment' });
  requirePermission(ctx.actor, 'prices.approve');
  if (!mayActFor(ctx.actor, found.insurerOrgId)) throw forbidden('prices.approve');
  await assertNotOwnWork(tx, actorId(ctx.actor), await makersOf(tx, { assessmentId, assessmentCreatedBy: found.assessment.createdBy, quoteId: found.quoteId, quoteCreatedBy: found.quotedBy }));

  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.lines.forEach((d, i) => {
    if (seen.has(d.quoteLineId)) errors.push({ path: `lines.${i}.quoteLineId`, in: 'body', code: 'invalid' });
    seen.add(d.quoteLineId);
  });

  // Locks in the order closing an inquiry takes them (inquiry, assessment, quote lines), so a
  // checker deciding a line while its inquiry closes waits for the merge instead of deadlocking
  // with it. The inquiries still open on the decided lines are withdrawn below.
  const openInquiries = await tx
    .select()
    .from(inquiry)
    .where(and(eq(inquiry.insurerOrgId, found.insurerOrgId), inArray(inquiry.quoteLineId, [...seen]), eq(inquiry.status, 'open')))
    .for('update');
  const locked = await lockAssessment(tx, assessmentId);
  const a = { ...found.assessment, status: locked?.status ?? found.assessment.status };
  if (a.status !== 'quoted' || found.quoteId === null) throw new AppError('invalid_state', { what: 'assessment', state: a.status });
  const quoteId = found.quoteId;
  const rows = await tx
    .select()
    .from(quoteLine)
    .where(and(eq(quoteLine.quoteId, quoteId), inArray(quoteLine.id, [...seen])))
    .for('update');
  const byId = new Map(rows.map((r) => [r.id, r]));
  input.lines.forEach((d, i) => {
    if (!byId.has(d.quoteLineId)) errors.push({ path: `lines.${i}.quoteLineId`, in: 'body', code: 'unknown_reference', params: { what: 'quote_line', value: d.quoteLineId } });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  // The handling fee follows the policy in force at the check; its version goes in the record.
  const rules = await loadInsurerRules(tx, found.insurerOrgId, { partIds: [], categories: [] });
  const decided: { id: string; approval: QuoteLineApproval }[] = [];
  for (const [i, d] of input.lines.entries()) {
    const line = byId.get(d.quoteLineId)!;
    const step = approvalTransition(line.approval, d.action);
    if (!step.ok) throw new AppError('invalid_state', { what: 'quote_line', state: line.approval });
    const update = { ...decide(rules.policy, line, d, i), approval: step.to };
    // Decided, the line no longer waits on suppliers: an inquiry still out for it is called off
    // (its bids stay sealed, the suppliers are told), through the inquiry's own lifecycle. One
    // already past its deadline has closed in substance and is refused (409): its bids must be
    // merged and seen before anyone decides the line.
    const open = openInquiries.find((o) => o.quoteLineId === line.id);
    if (open) await withdrawLockedInquiry(tx, ctx, open, DECIDED_BY_PRICE_CHECK);
    await tx
      .update(quoteLine)
      .set({ ...update, needsInquiry: false, approvedBy: actorId(ctx.actor), approvedAt: ctx.now })
      .where(eq(quoteLine.id, line.id));
    await recordAudit(tx, ctx, {
      orgId: found.insurerOrgId,
      objectType: 'quote_line',
      objectId: line.id,
      action: d.action,
      fromState: line.approval,
      toState: update.approval,
      data: {
        quoteId,
        assessmentId,
        policyVersion: rules.policyVersion,
        offerId: update.approvedOfferId ?? null,
        grade: update.approvedGrade ?? null,
        unitFen: fenOrNull(update.approvedUnitFen),
        amountFen: fenOrNull(update.approvedAmountFen),
        savingFen: fenOrNull(update.savingFen),
        priceCapFen: d.action === 'correct' && d.priceCapFen !== undefined ? fenToJson(d.priceCapFen) : null,
        reason: d.action === 'send_back' ? d.reason : null,
        withdrawnInquiryId: open?.id ?? null,
      },
    });
    decided.push({ id: line.id, approval: update.approval });
  }
  await emitEvent(tx, ctx, { orgId: found.insurerOrgId, type: 'quote.lines_checked', payload: { quoteId, assessmentId, claimId: a.claimId, lines: decided } });
  await completeIfApproved(tx, ctx, { quoteId, assessmentId, claimId: a.claimId, version: a.version });
  return getQuote(tx, ctx, { quoteId });
}
