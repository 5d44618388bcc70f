import { and, eq } from 'drizzle-orm';
import { type Actor, tenantScope } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { statement } from '../tables.ts';

export type StatementRow = typeof statement.$inferSelect;

// A statement is its payer's and the platform's; to anyone else it does not exist (404). A payer
// never sees a draft: until it is issued it is the platform's work.
export async function findStatement(exec: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<StatementRow> {
  const query = exec
    .select()
    .from(statement)
    .where(and(eq(statement.id, id), tenantScope(actor, statement.payerOrgId)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row || (row.status === 'draft' && actor.orgKind !== 'platform') || (row.status === 'cancelled' && actor.orgKind !== 'platform')) throw new AppError('not_found', { what: 'statement' });
  return row;
}
