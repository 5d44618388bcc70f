import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../../platform/pagination.ts';
import { org } from '../../identity/index.ts';
import { financingItem, financingRequest } from '../tables.ts';
import { financingStatuses } from './lifecycle.ts';
import { supplierLimit } from './limit.ts';
import { findFinancing, type FinancingRow } from './move-financing.ts';
import { financeableReceivables } from './receivables.ts';
import { ANNUAL_RATE_BP, LIMIT_SHARE_BP, PAYER_PAYMENT_DAYS, UNRATED } from './terms.ts';

// Whose figures: a supplier its own; the platform names the supplier.
export const SupplierQuery = z.strictObject({ supplierOrgId: z.uuid().optional() });

function supplierOf(ctx: Ctx, asked: string | undefined): string {
  if (!isPlatform(ctx.actor)) return ctx.actor.orgId;
  if (!asked) throw new AppError('validation_failed', { count: 1 }, [{ path: 'supplierOrgId', in: 'querystring', code: 'required' }]);
  return asked;
}

export const ReceivableDto = z
  .object({
    orderLineId: z.uuid(),
    statementId: z.uuid(),
    statementNo: z.string(),
    faceFen: fenOutput,
    expectedPayDate: z.string(),
    productName: z.string(),
    qty: z.number().int(),
    orderNo: z.string(),
    claimNo: z.string().nullable(),
  })
  .meta({ id: 'FinanceableReceivable' });

export async function listReceivables(db: Executor, ctx: Ctx, supplierOrgId: string | undefined) {
  requirePermission(ctx.actor, 'financing.read');
  const rows = await financeableReceivables(db, supplierOf(ctx, supplierOrgId));
  return { items: rows.map((r) => ({ ...r, faceFen: fenToJson(r.faceFen) })), annualRateBp: ANNUAL_RATE_BP, payerPaymentDays: PAYER_PAYMENT_DAYS };
}

export const LimitDto = z
  .object({
    limitFen: fenOutput,
    outstandingFen: fenOutput,
    availableFen: fenOutput,
    salesFen: fenOutput,
    rating: z.number().int().nullable(),
    linesReceived: z.number().int(),
    linesRejected: z.number().int(),
    linesBilled: z.number().int(),
    linesCredited: z.number().int(),
    formula: z.object({ shareBp: z.number().int(), unratedAs: z.number().int(), windowDays: z.number().int(), annualRateBp: z.number().int() }),
  })
  .meta({ id: 'FinancingLimit' });

export async function getLimit(db: Executor, ctx: Ctx, supplierOrgId: string | undefined): Promise<z.infer<typeof LimitDto>> {
  requirePermission(ctx.actor, 'financing.read');
  const l = await supplierLimit(db, supplierOf(ctx, supplierOrgId), ctx.now);
  return {
    limitFen: fenToJson(l.limitFen),
    outstandingFen: fenToJson(l.outstandingFen),
    availableFen: fenToJson(l.availableFen),
    salesFen: fenToJson(l.salesFen),
    rating: l.rating,
    linesReceived: l.linesReceived,
    linesRejected: l.linesRejected,
    linesBilled: l.linesBilled,
    linesCredited: l.linesCredited,
    formula: { shareBp: LIMIT_SHARE_BP, unratedAs: UNRATED, windowDays: 90, annualRateBp: ANNUAL_RATE_BP },
  };
}

export const FinancingDto = z
  .object({
    id: z.uuid(),
    requestNo: z.string(),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    status: z.enum(financingStatuses),
    faceFen: fenOutput,
    feeFen: fenOutput,
    advanceFen: fenOutput,
    annualRateBp: z.number().int(),
    expectedPayDate: z.string(),
    days: z.number().int(),
    lines: z.array(z.object({ orderLineId: z.uuid(), statementId: z.uuid(), faceFen: fenOutput, repaid: z.boolean() })),
    refusedReason: z.string().nullable(),
    requestedBy: z.uuid().nullable(),
    approvedBy: z.uuid().nullable(),
    fundedBy: z.uuid().nullable(),
    fundedAt: z.string().nullable(),
    repaidAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'FinancingRequest' });
export type FinancingDto = z.infer<typeof FinancingDto>;

export const ListFinancingQuery = z.strictObject({ ...pageQuery, status: z.enum(financingStatuses).optional(), supplierOrgId: z.uuid().optional() });

async function toDtos(db: Executor, rows: readonly FinancingRow[]): Promise<Map<string, FinancingDto>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((r) => r.id);
  const items = await db.select().from(financingItem).where(inArray(financingItem.requestId, ids));
  const names = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(
      inArray(
        org.id,
        rows.map((r) => r.supplierOrgId),
      ),
    );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        requestNo: r.requestNo,
        supplier: { id: r.supplierOrgId, name: names.find((n) => n.id === r.supplierOrgId)?.name ?? '' },
        status: r.status,
        faceFen: fenToJson(r.faceFen),
        feeFen: fenToJson(r.feeFen),
        advanceFen: fenToJson(r.advanceFen),
        annualRateBp: r.annualRateBp,
        expectedPayDate: r.expectedPayDate,
        days: r.days,
        lines: items.filter((i) => i.requestId === r.id).map((i) => ({ orderLineId: i.orderLineId, statementId: i.statementId, faceFen: fenToJson(i.faceFen), repaid: i.repaidAt !== null })),
        refusedReason: r.refusedReason,
        requestedBy: r.requestedBy,
        approvedBy: r.approvedBy,
        fundedBy: r.fundedBy,
        fundedAt: r.fundedAt?.toISOString() ?? null,
        repaidAt: r.repaidAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      },
    ]),
  );
}

// Requests, newest first: a supplier its own; the platform all (status=requested is its approval queue).
export async function listFinancing(db: Executor, ctx: Ctx, q: z.infer<typeof ListFinancingQuery>): Promise<Page<FinancingDto>> {
  requirePermission(ctx.actor, 'financing.read');
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(financingRequest)
    .where(
      and(
        tenantScope(ctx.actor, financingRequest.supplierOrgId),
        q.status ? eq(financingRequest.status, q.status) : undefined,
        q.supplierOrgId ? eq(financingRequest.supplierOrgId, q.supplierOrgId) : undefined,
        cursor ? lt(financingRequest.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(financingRequest.id))
    .limit(q.limit + 1);
  const dtos = await toDtos(db, rows);
  return toPage(rows, q.limit, (r) => dtos.get(r.id)!);
}

export async function getFinancing(db: Executor, ctx: Ctx, id: string): Promise<FinancingDto> {
  requirePermission(ctx.actor, 'financing.read');
  const r = await findFinancing(db, ctx, id);
  return (await toDtos(db, [r])).get(r.id)!;
}
