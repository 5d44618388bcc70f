import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorId, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { org } from '../../identity/index.ts';
import { financingItem, financingRequest } from '../tables.ts';
import { supplierLimit } from './limit.ts';
import { financeableReceivables, MAX_RECEIVABLES } from './receivables.ts';
import { funderRate } from './funder-rate.ts';
import { discountFee, feeDays } from './terms.ts';
import { documentNo } from '../document-no.ts';

export const RequestFinancingInput = z
  .strictObject({
    orderLineIds: z.array(z.uuid()).min(1).max(MAX_RECEIVABLES),
    // Who is asked to fund it: an active funder organisation (GET /api/v1/financing/funders), or
    // absent for the platform itself.
    funderOrgId: z.uuid().optional(),
  })
  .meta({ id: 'RequestFinancingInput' });
export type RequestFinancingInput = z.infer<typeof RequestFinancingInput>;

// A supplier asks for an advance on chosen receivables (融资申请), of the platform or of a funder
// organisation it names (资金方; an active one): each must be financeable now
// (receivables.ts; a line that is not, or named twice, is refused with its index), their face within
// its available limit (limit.ts: the platform's limit caps every request, whoever funds it). Priced
// today, at the funder's rate (the platform's stated one, or the funder's from its terms: the request keeps the rate it was priced at): fee = face × rate × days to the latest expected
// payment day ÷ 365 (terms.ts); advance = face − fee. The lines are held by the request from now
// (no line financed twice: the items' primary key), until it is refused or repaid.
export async function requestFinancing(tx: Tx, ctx: Ctx, input: RequestFinancingInput): Promise<string> {
  requirePermission(ctx.actor, 'financing.request');
  const supplierOrgId = ctx.actor.orgId;
  const found = new Map((await financeableReceivables(tx, supplierOrgId, input.orderLineIds)).map((r) => [r.orderLineId, r]));
  const errors: FieldError[] = [];
  input.orderLineIds.forEach((id, i) => {
    if (input.orderLineIds.indexOf(id) !== i) errors.push({ path: `orderLineIds.${i}`, in: 'body', code: 'line_repeated' });
    else if (!found.has(id)) errors.push({ path: `orderLineIds.${i}`, in: 'body', code: 'unknown_reference', params: { what: 'receivable', value: id } });
  });
  const funderOrgId = input.funderOrgId ?? null;
  if (funderOrgId !== null && !(await isActiveFunder(tx, funderOrgId))) {
    errors.push({ path: 'funderOrgId', in: 'body', code: 'unknown_reference', params: { what: 'funder', value: funderOrgId } });
  }
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  const items = input.orderLineIds.map((id) => found.get(id)!);
  const face = items.reduce((a, r) => a + r.faceFen, 0n);
  const limit = await supplierLimit(tx, supplierOrgId, ctx.now);
  if (face > limit.availableFen) throw new AppError('financing_over_limit', { face: Number(face), available: Number(limit.availableFen) });
  const today = chinaDate(ctx.now);
  const payDay = items
    .map((r) => r.expectedPayDate)
    .sort()
    .at(-1)!;
  const days = feeDays(today, payDay);
  const rateBp = await funderRate(tx, funderOrgId);
  const fee = discountFee(face, rateBp, days);
  if (fee >= face) throw new AppError('financing_over_limit', { face: Number(face), available: Number(limit.availableFen) });
  const id = newId();
  const requestNo = documentNo('FR', today, id);
  await tx.insert(financingRequest).values({
    id,
    requestNo,
    supplierOrgId,
    funderOrgId,
    status: 'requested',
    faceFen: face,
    feeFen: fee,
    advanceFen: face - fee,
    annualRateBp: rateBp,
    expectedPayDate: payDay,
    days,
    requestedBy: actorId(ctx.actor),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  try {
    await tx.insert(financingItem).values(items.map((r) => ({ orderLineId: r.orderLineId, requestId: id, statementId: r.statementId, faceFen: r.faceFen })));
  } catch (e) {
    // Another request took a line at the same moment.
    if (isUniqueViolation(e, 'financing_item_pkey')) throw new AppError('conflict', { what: 'receivable', value: requestNo });
    throw e;
  }
  await recordAudit(tx, ctx, {
    orgId: supplierOrgId,
    objectType: 'financing_request',
    objectId: id,
    action: 'request',
    toState: 'requested',
    data: { requestNo, funderOrgId, lines: items.length, faceFen: Number(face), feeFen: Number(fee), days },
  });
  // The supplier, and the funder whose queue it joins.
  const payload = { requestId: id, requestNo, faceFen: Number(face) };
  await emitEvents(
    tx,
    ctx,
    [supplierOrgId, funderOrgId].flatMap((orgId) => (orgId ? [{ orgId, type: 'financing.requested', payload }] : [])),
  );
  return id;
}

// A funder a request may name: an organisation of the funder kind, active.
async function isActiveFunder(tx: Tx, orgId: string): Promise<boolean> {
  const [f] = await tx
    .select({ id: org.id })
    .from(org)
    .where(and(eq(org.id, orgId), eq(org.kind, 'funder'), eq(org.status, 'active')));
  return f !== undefined;
}
