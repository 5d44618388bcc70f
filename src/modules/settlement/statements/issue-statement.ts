import { eq } from 'drizzle-orm';
import { actorId, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { samePerson } from '../../identity/index.ts';
import { settlementTerms, statementLine } from '../tables.ts';
import { findStatement } from './find-statement.ts';
import { moveStatement } from './move-statement.ts';

// A draft is issued to its payer by a second person of the platform's finance team (four eyes: who
// gathered it does not send it, nor a key they made), with the payer's rule on invoices as it
// stands then. A draft withdrawn instead frees its lines for the next statement.
export async function issueStatement(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'statements.manage');
  const s = await findStatement(tx, ctx.actor, id, { forUpdate: true });
  if (await samePerson(tx, s.createdBy, actorId(ctx.actor))) throw new AppError('four_eyes', { what: 'statement' });
  const [terms] = await tx.select({ invoiceRequired: settlementTerms.invoiceRequired }).from(settlementTerms).where(eq(settlementTerms.orgId, s.payerOrgId));
  await moveStatement(tx, ctx, s, 'issue', { issuedBy: actorId(ctx.actor), issuedAt: ctx.now, invoiceRequired: terms?.invoiceRequired ?? true });
}

export async function cancelStatement(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'statements.manage');
  const s = await findStatement(tx, ctx.actor, id, { forUpdate: true });
  await moveStatement(tx, ctx, s, 'cancel');
  await tx.delete(statementLine).where(eq(statementLine.statementId, s.id));
}
