import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { MAX_LINE_AMOUNT_FEN } from '../../../platform/bounds.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { derivedId } from '../../../platform/ids.ts';
import { fenInput } from '../../../platform/money.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { accountRef, expectPosted, payerAccount, postTransfers, type TransferDraft } from '../../ledger/index.ts';
import { statement, statementLine } from '../tables.ts';
import { findStatement } from './find-statement.ts';
import { moveStatement } from './move-statement.ts';
import { returnsToRelease } from './returns-to-release.ts';
import { settleIfPaid } from './settle-if-paid.ts';

export const ResolveDisputeInput = z
  .strictObject({
    lines: z
      .array(
        z.strictObject({
          orderLineId: z.uuid(),
          resolution: z.enum(['credit', 'confirm']),
          creditFen: fenInput(MAX_LINE_AMOUNT_FEN, 1).optional(),
          note: z.string().trim().max(500).optional(),
        }),
      )
      .min(1)
      .max(200),
  })
  .meta({ id: 'ResolveDisputeInput' });
export type ResolveDisputeInput = z.infer<typeof ResolveDisputeInput>;

// The platform settles a disputed statement, every disputed line at once: confirmed as billed, or
// credited (a credit note: part of the line's parts and their VAT taken back from what the payer
// owes, in the ledger and as a credit line on this statement). Then the statement is confirmed at
// its new total; returns on it that the credits leave no room for wait for the next statement. A
// credit note's VAT is its share of the line's: credit × VAT / (net + VAT), rounded down to the
// fen, the rest net. The platform bears the credit; what the supplier is owed
// is not changed by it.
export async function resolveDispute(tx: Tx, ctx: Ctx, id: string, input: ResolveDisputeInput): Promise<void> {
  requirePermission(ctx.actor, 'statements.manage');
  const s = await findStatement(tx, ctx.actor, id, { forUpdate: true });
  if (s.status !== 'disputed' || !s.dispute) throw new AppError('invalid_state', { what: 'statement', state: s.status });
  const disputed = s.dispute.lines.map((l) => l.orderLineId);
  const lines = await tx
    .select()
    .from(statementLine)
    .where(and(eq(statementLine.statementId, s.id), eq(statementLine.kind, 'sale'), inArray(statementLine.orderLineId, disputed)));
  const errors: FieldError[] = [];
  input.lines.forEach((r, i) => {
    const line = lines.find((l) => l.orderLineId === r.orderLineId);
    if (!line) errors.push({ path: `lines.${i}.orderLineId`, in: 'body', code: 'unknown_reference', params: { what: 'statement_line', value: r.orderLineId } });
    else if (input.lines.findIndex((x) => x.orderLineId === r.orderLineId) !== i) errors.push({ path: `lines.${i}.orderLineId`, in: 'body', code: 'line_repeated' });
    else if (r.resolution === 'credit' && r.creditFen === undefined) errors.push({ path: `lines.${i}.creditFen`, in: 'body', code: 'required' });
    else if (r.resolution === 'credit' && r.creditFen! > line.netFen + line.vatFen)
      errors.push({ path: `lines.${i}.creditFen`, in: 'body', code: 'too_big_number', params: { maximum: Number(line.netFen + line.vatFen) } });
  });
  disputed.forEach((lineId) => {
    if (!input.lines.some((r) => r.orderLineId === lineId)) errors.push({ path: 'lines', in: 'body', code: 'required', params: { what: 'statement_line', value: lineId } });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  const receivable = payerAccount(s.payerKind, s.payerOrgId);
  const credits = input.lines
    .filter((r) => r.resolution === 'credit')
    .map((r) => {
      const line = lines.find((l) => l.orderLineId === r.orderLineId)!;
      const vat = (r.creditFen! * line.vatFen) / (line.netFen + line.vatFen);
      return { line, creditFen: r.creditFen!, vat, net: r.creditFen! - vat, id: derivedId('ledger_transfer', s.id, line.orderLineId, 'credit_note') };
    });
  const drafts: TransferDraft[] = credits.flatMap((c) => {
    const links = { statementId: s.id, orderLineId: c.line.orderLineId, orderId: c.line.orderId, claimId: c.line.claimId, partnerOrgId: s.payerOrgId };
    const out: TransferDraft[] = [];
    if (c.net > 0n) out.push({ ...links, id: c.id, phase: 'single', code: 'credit_note', debit: accountRef('sales_revenue', null, s.payerOrgId), credit: receivable, amountFen: c.net });
    if (c.vat > 0n)
      out.push({
        ...links,
        id: derivedId('ledger_transfer', s.id, c.line.orderLineId, 'credit_note_vat'),
        phase: 'single',
        code: 'credit_note_vat',
        debit: accountRef('vat_output', null, s.payerOrgId),
        credit: receivable,
        amountFen: c.vat,
      });
    return out;
  });
  if (credits.length > 0) {
    await tx.insert(statementLine).values(
      credits.map((c) => ({
        statementId: s.id,
        orderLineId: c.line.orderLineId,
        kind: 'credit' as const,
        creditId: c.id,
        orderId: c.line.orderId,
        claimId: c.line.claimId,
        postedAt: ctx.now,
        netFen: c.net,
        vatFen: c.vat,
        handlingFeeFen: 0n,
        totalFen: c.creditFen,
      })),
    );
  }
  const creditFen = credits.reduce((a, c) => a + c.creditFen, 0n);
  // Credits can take the total below what the statement's returns already take off it: those
  // returns, the newest first, wait for the payer's next statement instead (create-statement.ts
  // finds them there), so that the statement never says the payer is owed.
  const returns = await tx
    .select({ orderLineId: statementLine.orderLineId, postedAt: statementLine.postedAt, totalFen: statementLine.totalFen })
    .from(statementLine)
    .where(and(eq(statementLine.statementId, s.id), eq(statementLine.kind, 'return')));
  const released = returnsToRelease(s.totalFen - creditFen, returns);
  const releasedFen = released.reduce((a, r) => a + r.totalFen, 0n);
  if (released.length > 0)
    await tx.delete(statementLine).where(
      and(
        eq(statementLine.statementId, s.id),
        eq(statementLine.kind, 'return'),
        inArray(
          statementLine.orderLineId,
          released.map((r) => r.orderLineId),
        ),
      ),
    );
  const resolved = {
    ...s.dispute,
    lines: s.dispute.lines.map((l) => {
      const r = input.lines.find((x) => x.orderLineId === l.orderLineId)!;
      const c = credits.find((x) => x.line.orderLineId === l.orderLineId);
      return { ...l, resolution: { kind: r.resolution, creditFen: Number(c?.creditFen ?? 0n), note: r.note ?? null, by: ctx.actor.userId ?? ctx.actor.orgId, at: ctx.now.toISOString() } };
    }),
  };
  const after = await moveStatement(
    tx,
    ctx,
    s,
    'resolve',
    {
      dispute: resolved,
      creditFen: sql`${statement.creditFen} + ${creditFen - releasedFen}`,
      totalFen: sql`${statement.totalFen} - ${creditFen - releasedFen}`,
      lineCount: sql`${statement.lineCount} - ${released.length}`,
    },
    { credited: Number(creditFen), ...(released.length > 0 ? { returnsCarried: released.map((r) => r.orderLineId), returnsCarriedFen: Number(releasedFen) } : {}) },
  );
  // The ledger last: its locks held shortest.
  const posted = await postTransfers(tx, drafts, ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
  await settleIfPaid(tx, ctx, after);
}
