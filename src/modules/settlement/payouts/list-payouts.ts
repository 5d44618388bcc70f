import { and, asc, desc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Page, pageQuery } from '../../../platform/pagination.ts';
import { product } from '../../catalog/index.ts';
import { claim } from '../../claims/index.ts';
import { org } from '../../identity/index.ts';
import { ledgerTransfer } from '../../ledger/index.ts';
import { orderLine, partsOrder } from '../../orders/index.ts';
import { financingRequest, payout, payoutItem } from '../tables.ts';
import { payoutStatuses } from './lifecycle.ts';
import { findPayout, type PayoutRow } from './move-payout.ts';

export const ListPayoutsQuery = z.strictObject({ ...pageQuery, status: z.enum(payoutStatuses).optional(), payeeOrgId: z.uuid().optional(), runDate: z.iso.date().optional() });
export type ListPayoutsQuery = z.infer<typeof ListPayoutsQuery>;

export const PayoutDto = z
  .object({
    id: z.uuid(),
    payoutNo: z.string(),
    payee: z.object({ id: z.uuid(), name: z.string() }),
    payeeKind: z.enum(['supplier', 'repair_shop', 'funder']),
    runDate: z.string(),
    dueThrough: z.string(),
    status: z.enum(payoutStatuses),
    itemCount: z.number().int(),
    creditsFen: fenOutput,
    debitsFen: fenOutput,
    amountFen: fenOutput,
    bankRef: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payout' });
export type PayoutDto = z.infer<typeof PayoutDto>;

// One line of a remittance advice (付款通知): what the payee was owed or what was taken, and for what.
export const RemittanceLineDto = z
  .object({
    transferId: z.uuid(),
    code: z.string(),
    amountFen: fenOutput,
    postedAt: z.string(),
    orderNo: z.string().nullable(),
    claimNo: z.string().nullable(),
    productName: z.string().nullable(),
    qty: z.number().int().nullable(),
    // The financing request a line of a funder's payout repays (its 融资申请号), or that a
    // supplier's line was financed by.
    requestNo: z.string().nullable(),
  })
  .meta({ id: 'RemittanceLine' });
export type RemittanceLineDto = z.infer<typeof RemittanceLineDto>;

function toDto(p: PayoutRow, names: ReadonlyMap<string, string>): PayoutDto {
  return {
    id: p.id,
    payoutNo: p.payoutNo,
    payee: { id: p.payeeOrgId, name: names.get(p.payeeOrgId) ?? '' },
    payeeKind: p.payeeKind,
    runDate: p.runDate,
    dueThrough: p.dueThrough,
    status: p.status,
    itemCount: p.itemCount,
    creditsFen: fenToJson(p.creditsFen),
    debitsFen: fenToJson(p.debitsFen),
    amountFen: fenToJson(p.amountFen),
    bankRef: p.bankRef,
    createdAt: p.createdAt.toISOString(),
  };
}

async function namesOf(db: Executor, rows: readonly PayoutRow[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(
      inArray(
        org.id,
        rows.map((r) => r.payeeOrgId),
      ),
    );
  return new Map(found.map((f) => [f.id, f.name]));
}

// Payouts, newest first: a payee its own, the platform all.
export async function listPayouts(db: Executor, ctx: Ctx, q: ListPayoutsQuery): Promise<Page<PayoutDto>> {
  requirePermission(ctx.actor, 'payouts.read');
  const cursor = readCursor(q.cursor);
  const rows = await db
    .select()
    .from(payout)
    .where(
      and(
        tenantScope(ctx.actor, payout.payeeOrgId),
        q.status ? eq(payout.status, q.status) : undefined,
        q.payeeOrgId ? eq(payout.payeeOrgId, q.payeeOrgId) : undefined,
        q.runDate ? eq(payout.runDate, q.runDate) : undefined,
        cursor ? or(lt(payout.runDate, cursor.runDate), and(eq(payout.runDate, cursor.runDate), lt(payout.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(payout.runDate), desc(payout.id))
    .limit(q.limit + 1);
  const names = await namesOf(db, rows);
  const kept = rows.slice(0, q.limit);
  const last = kept.at(-1);
  return { items: kept.map((r) => toDto(r, names)), nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.runDate}|${last.id}`, 'utf8').toString('base64url') : null };
}

// Payout ids are derived from the payee and the day (not time-ordered), so the list goes by run
// day, newest first, then id: the cursor carries both.
function readCursor(cursor: string | undefined): { runDate: string; id: string } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const [runDate, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!runDate || !/^\d{4}-\d{2}-\d{2}$/.test(runDate) || !id || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);
  }
  return { runDate, id };
}

export async function getPayout(db: Executor, ctx: Ctx, id: string): Promise<PayoutDto> {
  requirePermission(ctx.actor, 'payouts.read');
  const p = await findPayout(db, ctx, id);
  return toDto(p, await namesOf(db, [p]));
}

// A payout's remittance advice, a page at a time by transfer id (or all of it for the export).
export async function remittanceLines(db: Executor, ctx: Ctx, id: string, after: string | undefined, limit: number): Promise<RemittanceLineDto[]> {
  requirePermission(ctx.actor, 'payouts.read');
  const p = await findPayout(db, ctx, id);
  const t = ledgerTransfer;
  const rows = await db
    .select({
      transferId: payoutItem.transferId,
      amountFen: payoutItem.amountFen,
      code: t.code,
      at: t.at,
      orderNo: partsOrder.orderNo,
      claimNo: claim.claimNo,
      productName: product.name,
      qty: orderLine.qty,
      requestNo: financingRequest.requestNo,
    })
    .from(payoutItem)
    .innerJoin(t, eq(t.id, payoutItem.transferId))
    .leftJoin(orderLine, eq(orderLine.id, t.orderLineId))
    .leftJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
    .leftJoin(claim, eq(claim.id, t.claimId))
    .leftJoin(product, eq(product.id, orderLine.productId))
    .leftJoin(financingRequest, eq(financingRequest.id, t.financingId))
    .where(and(eq(payoutItem.payoutId, p.id), after ? gt(payoutItem.transferId, after) : undefined))
    .orderBy(asc(payoutItem.transferId))
    .limit(limit);
  return rows.map((r) => ({
    transferId: r.transferId,
    code: r.code,
    amountFen: fenToJson(r.amountFen),
    postedAt: r.at.toISOString(),
    orderNo: r.orderNo,
    claimNo: r.claimNo,
    productName: r.productName,
    qty: r.qty,
    requestNo: r.requestNo,
  }));
}
