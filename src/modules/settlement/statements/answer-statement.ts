import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { statementLine } from '../tables.ts';
import { findStatement } from './find-statement.ts';
import { moveStatement } from './move-statement.ts';
import { settleIfPaid } from './settle-if-paid.ts';

export const DisputeStatementInput = z
  .strictObject({
    lines: z
      .array(z.strictObject({ orderLineId: z.uuid(), reason: z.string().trim().min(1).max(500) }))
      .min(1)
      .max(200),
  })
  .meta({ id: 'DisputeStatementInput' });
export type DisputeStatementInput = z.infer<typeof DisputeStatementInput>;

// The payer's answer to an issued statement: it confirms the whole, or disputes some of its lines,
// each with a reason (a line not on the statement, or named twice, is refused with its index).
export async function confirmStatement(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'statements.answer');
  const s = await findStatement(tx, ctx.actor, id, { forUpdate: true });
  // Paid in full already (money matched before the payer confirmed): paid now.
  await settleIfPaid(tx, ctx, await moveStatement(tx, ctx, s, 'confirm'));
}

export async function disputeStatement(tx: Tx, ctx: Ctx, id: string, input: DisputeStatementInput): Promise<void> {
  requirePermission(ctx.actor, 'statements.answer');
  const s = await findStatement(tx, ctx.actor, id, { forUpdate: true });
  const ids = input.lines.map((l) => l.orderLineId);
  const on = new Set(
    (
      await tx
        .select({ id: statementLine.orderLineId })
        .from(statementLine)
        .where(and(eq(statementLine.statementId, s.id), eq(statementLine.kind, 'sale'), inArray(statementLine.orderLineId, ids)))
    ).map((r) => r.id),
  );
  const errors: FieldError[] = [];
  ids.forEach((lineId, i) => {
    if (!on.has(lineId)) errors.push({ path: `lines.${i}.orderLineId`, in: 'body', code: 'unknown_reference', params: { what: 'statement_line', value: lineId } });
    else if (ids.indexOf(lineId) !== i) errors.push({ path: `lines.${i}.orderLineId`, in: 'body', code: 'line_repeated' });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  const dispute = { raisedBy: ctx.actor.userId ?? ctx.actor.orgId, raisedAt: ctx.now.toISOString(), lines: input.lines.map((l) => ({ orderLineId: l.orderLineId, reason: l.reason })) };
  await moveStatement(tx, ctx, s, 'dispute', { dispute }, { lines: input.lines });
}
