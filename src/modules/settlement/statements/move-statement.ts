import { eq } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { statement } from '../tables.ts';
import type { StatementRow } from './find-statement.ts';
import { type StatementEvent, statementLifecycle } from './lifecycle.ts';

// Moves a locked statement by one event through its transition table, with the audit row and the
// payer's event in the same transaction. `set` lands on the row with the new status.
export async function moveStatement(tx: Tx, ctx: Ctx, s: StatementRow, event: StatementEvent, set: PgUpdateSetSource<typeof statement> = {}, data?: Record<string, unknown>): Promise<StatementRow> {
  const step = statementLifecycle.transition(s.status, event);
  if (!step.ok) throw new AppError('invalid_state', { what: 'statement', state: s.status });
  const [after] = await tx
    .update(statement)
    .set({ ...set, status: step.to, updatedAt: ctx.now })
    .where(eq(statement.id, s.id))
    .returning();
  await recordAudit(tx, ctx, { orgId: s.payerOrgId, objectType: 'statement', objectId: s.id, action: event, fromState: s.status, toState: step.to, data });
  // The payer hears of its statement from the moment it is issued (a draft is the platform's).
  if (event !== 'cancel')
    await emitEvents(tx, ctx, [{ orgId: s.payerOrgId, type: `statement.${step.to}`, payload: { statementId: s.id, statementNo: s.statementNo, totalFen: Number(after!.totalFen) } }]);
  return after!;
}
