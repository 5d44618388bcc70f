import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../../platform/pagination.ts';
import { apiKey, appUser, org } from '../../identity/index.ts';
import { payment, paymentRefund } from '../tables.ts';
import { type RefundStatus, refundStatuses } from './lifecycle.ts';

export const ListRefundsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(refundStatuses).optional(),
  payerOrgId: z.uuid().optional(),
  paymentId: z.uuid().optional(),
});
export type ListRefundsQuery = z.infer<typeof ListRefundsQuery>;

const Person = z.object({ id: z.uuid(), name: z.string() });

export const RefundDto = z
  .object({
    id: z.uuid(),
    refundNo: z.string(),
    // The payment it comes out of, with the account that money came from (null when not recorded).
    payment: z.object({ id: z.uuid(), paymentNo: z.string(), bankRef: z.string(), receivedOn: z.string(), payerAccount: z.string().nullable() }),
    payer: z.object({ id: z.uuid(), name: z.string() }),
    amountFen: fenOutput,
    toAccount: z.string(),
    reason: z.string(),
    status: z.enum(refundStatuses),
    // Who asked and who decided (a user, or an API key by its name), and a refusal's or withdrawal's
    // reason: the platform's own; null to a payer.
    requestedBy: Person.nullable(),
    requestedAt: z.string(),
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    refusal: z.string().nullable(),
  })
  .meta({ id: 'Refund' });
export type RefundDto = z.infer<typeof RefundDto>;

type RefundRow = typeof paymentRefund.$inferSelect;
const payerSees: RefundStatus[] = ['requested', 'refunded'];
// The refunds a caller reads: the platform all; a payer its own asked or sent.
const readable = (ctx: Ctx) => and(tenantScope(ctx.actor, paymentRefund.payerOrgId), isPlatform(ctx.actor) ? undefined : inArray(paymentRefund.status, payerSees));

// Refunds, newest first: the platform's all; a payer its own asked or sent (what comes back to it),
// not those refused or withdrawn, nor who handled them.
export async function listRefunds(db: Executor, ctx: Ctx, q: ListRefundsQuery): Promise<Page<RefundDto>> {
  requirePermission(ctx.actor, 'statements.read');
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(paymentRefund)
    .where(
      and(
        readable(ctx),
        q.status ? eq(paymentRefund.status, q.status) : undefined,
        q.payerOrgId ? eq(paymentRefund.payerOrgId, q.payerOrgId) : undefined,
        q.paymentId ? eq(paymentRefund.paymentId, q.paymentId) : undefined,
        cursor ? lt(paymentRefund.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(paymentRefund.id))
    .limit(q.limit + 1);
  const dtos = await toRefundDtos(db, rows, isPlatform(ctx.actor));
  return toPage(rows, q.limit, (r) => dtos.get(r.id)!);
}

// One refund, to its payer and the platform; to anyone else it does not exist (404).
export async function getRefund(db: Executor, ctx: Ctx, id: string): Promise<RefundDto> {
  requirePermission(ctx.actor, 'statements.read');
  const rows = await db
    .select()
    .from(paymentRefund)
    .where(and(readable(ctx), eq(paymentRefund.id, id)));
  if (rows.length === 0) throw new AppError('not_found', { what: 'refund' });
  return (await toRefundDtos(db, rows, isPlatform(ctx.actor))).get(id)!;
}

async function toRefundDtos(db: Executor, rows: readonly RefundRow[], platform: boolean): Promise<Map<string, RefundDto>> {
  if (rows.length === 0) return new Map();
  const payments = await db
    .select({ id: payment.id, paymentNo: payment.paymentNo, bankRef: payment.bankRef, receivedOn: payment.receivedOn, payerAccount: payment.payerAccount })
    .from(payment)
    .where(inArray(payment.id, [...new Set(rows.map((r) => r.paymentId))]));
  const orgs = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(inArray(org.id, [...new Set(rows.map((r) => r.payerOrgId))]));
  const actors = [...new Set(rows.flatMap((r) => [r.requestedBy, r.decidedBy].filter((p): p is string => p !== null)))];
  const people = platform
    ? [
        ...(await db.select({ id: appUser.id, name: appUser.name }).from(appUser).where(inArray(appUser.id, actors))),
        ...(await db.select({ id: apiKey.id, name: apiKey.name }).from(apiKey).where(inArray(apiKey.id, actors))),
      ]
    : [];
  const person = (id: string | null) => (platform && id ? { id, name: people.find((p) => p.id === id)?.name ?? '' } : null);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        refundNo: r.refundNo,
        payment: payments.find((p) => p.id === r.paymentId)!,
        payer: { id: r.payerOrgId, name: orgs.find((o) => o.id === r.payerOrgId)?.name ?? '' },
        amountFen: fenToJson(r.amountFen),
        toAccount: r.toAccount,
        reason: r.reason,
        status: r.status,
        requestedBy: person(r.requestedBy),
        requestedAt: r.requestedAt.toISOString(),
        decidedBy: person(r.decidedBy),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        refusal: platform ? r.refusal : null,
      },
    ]),
  );
}
