import { and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../../platform/pagination.ts';
import { org } from '../../identity/index.ts';
import { product } from '../../catalog/index.ts';
import { claim } from '../../claims/index.ts';
import { orderLine, partsOrder } from '../../orders/index.ts';
import { financingItem, financingRequest, statement } from '../tables.ts';
import { financingStatuses } from './lifecycle.ts';
import { supplierLimit } from './limit.ts';
import { findFinancing, type FinancingRow } from './move-financing.ts';
import { financeableReceivables } from './receivables.ts';
import { funderRates } from './funder-rate.ts';
import { ANNUAL_RATE_BP, LIMIT_SHARE_BP, PAYER_PAYMENT_DAYS, UNRATED } from './terms.ts';

// Whose figures: a supplier its own; the platform names the supplier; so does a funder, of a
// supplier that has addressed a request to it (it weighs the supplier's limit when it decides).
export const SupplierQuery = z.strictObject({ supplierOrgId: z.uuid().optional() });

async function supplierOf(db: Executor, ctx: Ctx, asked: string | undefined): Promise<string> {
  if (ctx.actor.orgKind !== 'platform' && ctx.actor.orgKind !== 'funder') return ctx.actor.orgId;
  if (!asked) throw new AppError('validation_failed', { count: 1 }, [{ path: 'supplierOrgId', in: 'querystring', code: 'required' }]);
  if (ctx.actor.orgKind === 'funder') {
    const [asking] = await db
      .select({ id: financingRequest.id })
      .from(financingRequest)
      .where(and(eq(financingRequest.supplierOrgId, asked), eq(financingRequest.funderOrgId, ctx.actor.orgId)))
      .limit(1);
    if (!asking) throw new AppError('not_found', { what: 'organisation' });
  }
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
  const rows = await financeableReceivables(db, await supplierOf(db, ctx, supplierOrgId));
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
  const l = await supplierLimit(db, await supplierOf(db, ctx, supplierOrgId), ctx.now);
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
    // Who funds and decides it: a funder organisation, or null for the platform itself.
    funder: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    status: z.enum(financingStatuses),
    faceFen: fenOutput,
    feeFen: fenOutput,
    advanceFen: fenOutput,
    annualRateBp: z.number().int(),
    expectedPayDate: z.string(),
    days: z.number().int(),
    // Each financed line named as its receivable was (the part, its order and claim, its statement).
    lines: z.array(
      z.object({
        orderLineId: z.uuid(),
        statementId: z.uuid(),
        statementNo: z.string(),
        productName: z.string(),
        qty: z.number().int(),
        orderNo: z.string(),
        claimNo: z.string().nullable(),
        faceFen: fenOutput,
        repaid: z.boolean(),
      }),
    ),
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

// `funder`: the platform's own requests (`platform`), or those addressed to one funder organisation.
export const ListFinancingQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(financingStatuses).optional(),
  supplierOrgId: z.uuid().optional(),
  funder: z.union([z.literal('platform'), z.uuid()]).optional(),
});

async function toDtos(db: Executor, rows: readonly FinancingRow[]): Promise<Map<string, FinancingDto>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((r) => r.id);
  const items = await db
    .select({
      requestId: financingItem.requestId,
      orderLineId: financingItem.orderLineId,
      statementId: financingItem.statementId,
      statementNo: statement.statementNo,
      productName: product.name,
      qty: orderLine.qty,
      orderNo: partsOrder.orderNo,
      claimNo: claim.claimNo,
      faceFen: financingItem.faceFen,
      repaidAt: financingItem.repaidAt,
    })
    .from(financingItem)
    .innerJoin(statement, eq(statement.id, financingItem.statementId))
    .innerJoin(orderLine, eq(orderLine.id, financingItem.orderLineId))
    .innerJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
    .innerJoin(product, eq(product.id, orderLine.productId))
    .leftJoin(claim, eq(claim.id, partsOrder.claimId))
    .where(inArray(financingItem.requestId, ids))
    .orderBy(asc(financingItem.orderLineId));
  const names = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(
      inArray(
        org.id,
        rows.flatMap((r) => (r.funderOrgId ? [r.supplierOrgId, r.funderOrgId] : [r.supplierOrgId])),
      ),
    );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        requestNo: r.requestNo,
        supplier: { id: r.supplierOrgId, name: names.find((n) => n.id === r.supplierOrgId)?.name ?? '' },
        funder: r.funderOrgId ? { id: r.funderOrgId, name: names.find((n) => n.id === r.funderOrgId)?.name ?? '' } : null,
        status: r.status,
        faceFen: fenToJson(r.faceFen),
        feeFen: fenToJson(r.feeFen),
        advanceFen: fenToJson(r.advanceFen),
        annualRateBp: r.annualRateBp,
        expectedPayDate: r.expectedPayDate,
        days: r.days,
        lines: items.filter((i) => i.requestId === r.id).map(({ requestId: _r, repaidAt, faceFen, ...i }) => ({ ...i, faceFen: fenToJson(faceFen), repaid: repaidAt !== null })),
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

// Requests, newest first: a supplier its own; a funder those addressed to it; the platform all
// (status=requested is the approval queue, of the platform's own with funder=platform).
export async function listFinancing(db: Executor, ctx: Ctx, q: z.infer<typeof ListFinancingQuery>): Promise<Page<FinancingDto>> {
  requirePermission(ctx.actor, 'financing.read');
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(financingRequest)
    .where(
      and(
        tenantScope(ctx.actor, financingRequest.supplierOrgId, financingRequest.funderOrgId),
        q.status ? eq(financingRequest.status, q.status) : undefined,
        q.funder === 'platform' ? isNull(financingRequest.funderOrgId) : q.funder ? eq(financingRequest.funderOrgId, q.funder) : undefined,
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

export const FunderDto = z
  .object({
    // Null: the platform itself.
    id: z.uuid().nullable(),
    name: z.string(),
    // The rate its advances are priced at, basis points a year.
    annualRateBp: z.number().int(),
  })
  .meta({ id: 'Funder' });

const MAX_FUNDERS = 100;

// Who may fund a supplier's request, for its form: the platform first, then the active funder
// organisations by name, each with the rate it prices advances at (funder-rate.ts).
export async function listFunders(db: Executor, ctx: Ctx): Promise<{ items: z.infer<typeof FunderDto>[] }> {
  requirePermission(ctx.actor, 'financing.read');
  const funders = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(and(eq(org.kind, 'funder'), eq(org.status, 'active')))
    .orderBy(asc(org.name), asc(org.id))
    .limit(MAX_FUNDERS);
  const [platform] = await db.select({ name: org.name }).from(org).where(eq(org.kind, 'platform')).limit(1);
  const rates = await funderRates(
    db,
    funders.map((f) => f.id),
  );
  return { items: [{ id: null, name: platform?.name ?? '', annualRateBp: rates.get(null)! }, ...funders.map((f) => ({ ...f, annualRateBp: rates.get(f.id)! }))] };
}
