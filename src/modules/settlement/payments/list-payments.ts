import { and, asc, desc, eq, exists, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../../platform/pagination.ts';
import { org } from '../../identity/index.ts';
import { payment, paymentAllocation, statement } from '../tables.ts';
import { leftOf, spentSql } from './payment-left.ts';

export const ListPaymentsQuery = z.strictObject({
  ...pageQuery,
  payerOrgId: z.uuid().optional(),
  // Only payments with money not matched to any statement yet.
  unmatched: z.enum(['true', 'false']).optional(),
  // Only payments matched (in part) to this statement.
  statementId: z.uuid().optional(),
});
export type ListPaymentsQuery = z.infer<typeof ListPaymentsQuery>;

export const PaymentDto = z
  .object({
    id: z.uuid(),
    paymentNo: z.string(),
    payer: z.object({ id: z.uuid(), name: z.string() }),
    amountFen: fenOutput,
    allocatedFen: fenOutput,
    // Asked back or sent back (refunds requested or refunded).
    refundedFen: fenOutput,
    // Neither matched nor refunded: what is left to match or send back.
    unallocatedFen: fenOutput,
    receivedOn: z.string(),
    bankRef: z.string(),
    payerName: z.string().nullable(),
    payerAccount: z.string().nullable().optional(),
    note: z.string().nullable(),
    allocations: z.array(z.object({ statementId: z.uuid(), statementNo: z.string(), amountFen: fenOutput, at: z.string() })),
    createdAt: z.string(),
  })
  .meta({ id: 'Payment' });
export type PaymentDto = z.infer<typeof PaymentDto>;

// Payments received, newest first: the platform all, a payer its own; with what each was matched
// to and what is left unmatched.
export async function listPayments(db: Executor, ctx: Ctx, q: ListPaymentsQuery): Promise<Page<PaymentDto>> {
  requirePermission(ctx.actor, 'statements.read');
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(payment)
    .where(
      and(
        tenantScope(ctx.actor, payment.payerOrgId),
        q.payerOrgId ? eq(payment.payerOrgId, q.payerOrgId) : undefined,
        q.unmatched === 'true' ? lt(spentSql, payment.amountFen) : q.unmatched === 'false' ? eq(spentSql, payment.amountFen) : undefined,
        q.statementId
          ? exists(
              db
                .select({ one: paymentAllocation.id })
                .from(paymentAllocation)
                .where(and(eq(paymentAllocation.paymentId, payment.id), eq(paymentAllocation.statementId, q.statementId))),
            )
          : undefined,
        cursor ? lt(payment.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(payment.id))
    .limit(q.limit + 1);
  const dtos = await toPaymentDtos(db, rows);
  return toPage(rows, q.limit, (r) => dtos.get(r.id)!);
}

// One payment as the list shows it (its payer and the platform only).
export async function getPayment(db: Executor, ctx: Ctx, id: string): Promise<PaymentDto> {
  requirePermission(ctx.actor, 'statements.read');
  const rows = await db
    .select()
    .from(payment)
    .where(and(tenantScope(ctx.actor, payment.payerOrgId), eq(payment.id, id)));
  if (rows.length === 0) throw new AppError('not_found', { what: 'payment' });
  return (await toPaymentDtos(db, rows)).get(id)!;
}

async function toPaymentDtos(db: Executor, rows: readonly (typeof payment.$inferSelect)[]): Promise<Map<string, PaymentDto>> {
  const ids = rows.map((r) => r.id);
  const allocations =
    ids.length === 0
      ? []
      : await db
          .select({
            paymentId: paymentAllocation.paymentId,
            statementId: paymentAllocation.statementId,
            statementNo: statement.statementNo,
            amountFen: paymentAllocation.amountFen,
            at: paymentAllocation.createdAt,
          })
          .from(paymentAllocation)
          .innerJoin(statement, eq(statement.id, paymentAllocation.statementId))
          .where(inArray(paymentAllocation.paymentId, ids))
          .orderBy(asc(paymentAllocation.createdAt));
  const names =
    ids.length === 0
      ? []
      : await db
          .select({ id: org.id, name: org.name })
          .from(org)
          .where(inArray(org.id, [...new Set(rows.map((r) => r.payerOrgId))]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        paymentNo: r.paymentNo,
        payer: { id: r.payerOrgId, name: names.find((n) => n.id === r.payerOrgId)?.name ?? '' },
        amountFen: fenToJson(r.amountFen),
        allocatedFen: fenToJson(r.allocatedFen),
        refundedFen: fenToJson(r.refundedFen),
        unallocatedFen: fenToJson(leftOf(r)),
        receivedOn: r.receivedOn,
        bankRef: r.bankRef,
        payerName: r.payerName,
        payerAccount: r.payerAccount,
        note: r.note,
        allocations: allocations
          .filter((a) => a.paymentId === r.id)
          .map((a) => ({ statementId: a.statementId, statementNo: a.statementNo, amountFen: fenToJson(a.amountFen), at: a.at.toISOString() })),
        createdAt: r.createdAt.toISOString(),
      },
    ]),
  );
}
