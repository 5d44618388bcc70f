import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../../platform/pagination.ts';
import { org } from '../../identity/index.ts';
import { invoice, statement } from '../tables.ts';
import { type StatementDto, toStatementDto } from './dto.ts';
import { findStatement, type StatementRow } from './find-statement.ts';
import { statementStatuses } from './lifecycle.ts';

export const ListStatementsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(statementStatuses).optional(),
  payerOrgId: z.uuid().optional(),
});
export type ListStatementsQuery = z.infer<typeof ListStatementsQuery>;

// Statements, newest first: a payer its own (issued and after); the platform all, drafts included.
export async function listStatements(db: Executor, ctx: Ctx, q: ListStatementsQuery): Promise<Page<StatementDto>> {
  requirePermission(ctx.actor, 'statements.read');
  const cursor = decodeCursor(q.cursor);
  const payerView = ctx.actor.orgKind !== 'platform';
  const rows = await db
    .select()
    .from(statement)
    .where(
      and(
        tenantScope(ctx.actor, statement.payerOrgId),
        payerView ? and(ne(statement.status, 'draft'), ne(statement.status, 'cancelled')) : undefined,
        q.status ? eq(statement.status, q.status) : undefined,
        q.payerOrgId ? eq(statement.payerOrgId, q.payerOrgId) : undefined,
        cursor ? lt(statement.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(statement.id))
    .limit(q.limit + 1);
  const facts = await statementFacts(db, rows);
  return toPage(rows, q.limit, (r) => toStatementDto(r, facts.names, facts.invoiced.get(r.id) ?? 0n));
}

export async function getStatement(db: Executor, ctx: Ctx, id: string): Promise<StatementDto> {
  requirePermission(ctx.actor, 'statements.read');
  const s = await findStatement(db, ctx.actor, id);
  const facts = await statementFacts(db, [s]);
  return toStatementDto(s, facts.names, facts.invoiced.get(s.id) ?? 0n);
}

// The payers' names and what invoices the statements have recorded, in two reads for a page.
export async function statementFacts(db: Executor, rows: readonly StatementRow[]): Promise<{ names: Map<string, string>; invoiced: Map<string, bigint> }> {
  if (rows.length === 0) return { names: new Map(), invoiced: new Map() };
  const names = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(
      inArray(
        org.id,
        rows.map((r) => r.payerOrgId),
      ),
    );
  const invoiced = await db
    .select({ id: invoice.statementId, total: sql<string>`sum(${invoice.totalFen})::text` })
    .from(invoice)
    .where(
      inArray(
        invoice.statementId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(invoice.statementId);
  return { names: new Map(names.map((n) => [n.id, n.name])), invoiced: new Map(invoiced.map((i) => [i.id!, BigInt(i.total)])) };
}
