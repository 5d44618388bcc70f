import { and, eq, isNull } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { actorId, isPlatform, requirePermission, tenantScope } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { derivedId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { org, samePerson } from '../../identity/index.ts';
import { accountRef, expectPosted, postTransfers, type TransferDraft } from '../../ledger/index.ts';
import { financingItem, financingRequest } from '../tables.ts';
import { type AssignedLine, assignmentPending, assignmentVoided } from './assignment.ts';
import { type FinancingEvent, financingLifecycle } from './lifecycle.ts';
import { supplierLimit } from './limit.ts';

export type FinancingRow = typeof financingRequest.$inferSelect;

export const RefuseFinancingInput = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'RefuseFinancingInput' });

// A request is its supplier's, its funder's (when one is named) and the platform's; to anyone else
// it does not exist (404).
export async function findFinancing(exec: Executor, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<FinancingRow> {
  const q = exec
    .select()
    .from(financingRequest)
    .where(and(eq(financingRequest.id, id), tenantScope(ctx.actor, financingRequest.supplierOrgId, financingRequest.funderOrgId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found', { what: 'financing_request' });
  return row;
}

// Finds and locks a request for a decision: the platform's finance team decides the platform's own
// requests, a funder's people those addressed to their funder. The platform reads a funder's
// requests but does not decide them (403 financing_other_funder); to a funder, another's request,
// or the platform's, does not exist (404, findFinancing).
async function decidable(tx: Tx, ctx: Ctx, id: string): Promise<FinancingRow> {
  requirePermission(ctx.actor, 'financing.approve');
  const r = await findFinancing(tx, ctx, id, { forUpdate: true });
  const decides = r.funderOrgId === null ? isPlatform(ctx.actor) : ctx.actor.orgId === r.funderOrgId;
  if (!decides) {
    const [f] = r.funderOrgId ? await tx.select({ name: org.name }).from(org).where(eq(org.id, r.funderOrgId)) : [];
    throw new AppError('financing_other_funder', { funder: f?.name ?? r.funderOrgId ?? '' });
  }
  return r;
}

// A funder's request's lines, as the ledger's assignment names them.
async function assignedLines(tx: Tx, r: FinancingRow, onlyOpen: boolean): Promise<AssignedLine[]> {
  const items = await tx
    .select()
    .from(financingItem)
    .where(and(eq(financingItem.requestId, r.id), onlyOpen ? isNull(financingItem.repaidAt) : undefined))
    .orderBy(financingItem.orderLineId);
  return items.map((i) => ({ requestId: r.id, orderLineId: i.orderLineId, statementId: i.statementId, faceFen: i.faceFen, supplierOrgId: r.supplierOrgId, funderOrgId: r.funderOrgId! }));
}

// Moves a locked request by one event, with its audit row and the supplier's event.
export async function moveFinancing(tx: Tx, ctx: Ctx, r: FinancingRow, event: FinancingEvent, set: PgUpdateSetSource<typeof financingRequest> = {}, data?: Record<string, unknown>): Promise<void> {
  const next = financingLifecycle.transition(r.status, event);
  if (!next.ok) throw new AppError('invalid_state', { what: 'financing_request', state: r.status });
  await tx
    .update(financingRequest)
    .set({ ...set, status: next.to, updatedAt: ctx.now })
    .where(eq(financingRequest.id, r.id));
  await recordAudit(tx, ctx, { orgId: r.supplierOrgId, objectType: 'financing_request', objectId: r.id, action: event, fromState: r.status, toState: next.to, data });
  // The supplier hears of every step, and so does the funder a request is addressed to (a bank's
  // systems follow their queue by these).
  const payload = { requestId: r.id, requestNo: r.requestNo, faceFen: Number(r.faceFen), advanceFen: Number(r.advanceFen) };
  await emitEvents(
    tx,
    ctx,
    [r.supplierOrgId, r.funderOrgId].flatMap((orgId) => (orgId ? [{ orgId, type: `financing.${next.to}`, payload }] : [])),
  );
}

// The platform's decision on a request: approved within the supplier's limit as it stands now
// (the request's own face already counts in what is held), or refused with a reason (its lines
// released). The money moves only when a second person funds it.
// The platform's limit on the supplier caps every request, whoever funds it.
export async function approveFinancing(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  const r = await decidable(tx, ctx, id);
  const limit = await supplierLimit(tx, r.supplierOrgId, ctx.now);
  // What is held includes this request: over the limit means the limit fell since it was asked.
  if (limit.outstandingFen > limit.limitFen) throw new AppError('financing_over_limit', { face: Number(r.faceFen), available: Number(limit.limitFen - (limit.outstandingFen - r.faceFen)) });
  await moveFinancing(tx, ctx, r, 'approve', { approvedBy: actorId(ctx.actor) });
}

export async function refuseFinancing(tx: Tx, ctx: Ctx, id: string, reason: string): Promise<void> {
  const r = await decidable(tx, ctx, id);
  await moveFinancing(tx, ctx, r, 'refuse', { refusedReason: reason }, { reason });
  await tx.delete(financingItem).where(eq(financingItem.requestId, r.id));
}

// The advance released (放款), by someone other than who approved it (four eyes on money going
// out; a key and the person who made it are one). The platform's own: the supplier is paid face −
// fee from the platform's bank, and the platform holds the face (financing_advanced) until the
// insurer's payment repays it; the fee is its revenue. A funder's: the funder pays the supplier
// from its own bank, and each line's receivable is assigned to it, pending until the insurer pays
// (assignment.ts).
export async function fundFinancing(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  const r = await decidable(tx, ctx, id);
  if (await samePerson(tx, r.approvedBy, actorId(ctx.actor))) throw new AppError('four_eyes', { what: 'financing_request' });
  await moveFinancing(tx, ctx, r, 'fund', { fundedBy: actorId(ctx.actor), fundedAt: ctx.now });
  const drafts: TransferDraft[] = r.funderOrgId === null ? platformAdvance(r) : (await assignedLines(tx, r, false)).map(assignmentPending);
  const posted = await postTransfers(tx, drafts, ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}

// The platform's own advance: face − fee out of its bank, the fee its revenue.
function platformAdvance(r: FinancingRow): TransferDraft[] {
  const advanced = accountRef('financing_advanced', null, r.supplierOrgId);
  const links = { financingId: r.id, partnerOrgId: r.supplierOrgId };
  return [
    {
      ...links,
      id: derivedId('ledger_transfer', r.id, 'financing_advance'),
      phase: 'single',
      code: 'financing_advance',
      debit: advanced,
      credit: accountRef('platform_cash', null, r.supplierOrgId),
      amountFen: r.advanceFen,
      linked: r.feeFen > 0n,
    },
    ...(r.feeFen > 0n
      ? [
          {
            ...links,
            id: derivedId('ledger_transfer', r.id, 'financing_fee'),
            phase: 'single' as const,
            code: 'financing_fee' as const,
            debit: advanced,
            credit: accountRef('financing_fee_revenue', null, r.supplierOrgId),
            amountFen: r.feeFen,
          },
        ]
      : []),
  ];
}

// Given up on (坏账) after it fell overdue: its funder stops waiting. The platform's own: what it
// advanced stays on its books against the supplier; recovering it is outside this flow. A
// funder's: the assignment of every line not repaid yet is voided, the funder bears it, and the
// platform owes it nothing for them (unless the insurer pays after all: repay-financing.ts).
export async function defaultFinancing(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  const r = await decidable(tx, ctx, id);
  await moveFinancing(tx, ctx, r, 'default');
  if (r.funderOrgId === null) return;
  const posted = await postTransfers(tx, (await assignedLines(tx, r, true)).map(assignmentVoided), ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}
