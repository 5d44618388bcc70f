import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isPlatform, requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { queryRows, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { product } from '../catalog/index.ts';
import { claim } from '../claims/index.ts';
import { org } from '../identity/index.ts';
import { stockLot, stockMove, traceUnit } from '../inventory/index.ts';
import { orderLine, partsOrder } from '../orders/index.ts';
import type { LotRecipientsDto, LotRecipientsQuery, RecallLotDto, RecipientDto } from './dto.ts';

// Lot numbers are unique per product only. More products than this sharing one number (that the
// caller may see) is not a recall anyone can read on one screen: then productId is required.
export const MAX_LOTS_PER_NUMBER = 100;

const shop = alias(org, 'shop');
const insurer = alias(org, 'insurer');
const supplier = alias(org, 'supplier');

// The lots of that number the caller may recall: the platform every one, a supplier only its own
// (stock_lot.supplier_org_id). A lot the caller may not see does not exist for it (404). `where`
// is the part of the request productId came in, for the error that asks for it.
export async function visibleLots(db: Executor, ctx: Ctx, lotNo: string, productId: string | undefined, where: 'querystring' | 'body' = 'querystring'): Promise<RecallLotDto[]> {
  const rows = await db
    .select({
      lotId: stockLot.id,
      productId: stockLot.productId,
      productName: product.name,
      brand: product.brand,
      sku: product.sku,
      supplierOrgId: stockLot.supplierOrgId,
      supplierName: supplier.name,
    })
    .from(stockLot)
    .innerJoin(product, eq(product.id, stockLot.productId))
    .innerJoin(supplier, eq(supplier.id, stockLot.supplierOrgId))
    .where(and(eq(stockLot.lotNo, lotNo), productId ? eq(stockLot.productId, productId) : undefined, isPlatform(ctx.actor) ? undefined : eq(stockLot.supplierOrgId, ctx.actor.orgId)))
    .orderBy(asc(product.name), asc(stockLot.id))
    .limit(MAX_LOTS_PER_NUMBER + 1);
  if (rows.length === 0) throw new AppError('not_found', { what: 'stock_lot' });
  if (rows.length > MAX_LOTS_PER_NUMBER) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'productId', in: where, code: 'required' }]);
  }
  return rows;
}

function lotList(lotIds: readonly string[]) {
  return sql.join(
    lotIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

// One page of the order lines that touched the lots, by line id (UUIDv7, so in the order they were
// placed). A line counts when units of the lot shipped to it or are still reserved for it (its
// order moves: pending minus voided, since every post or void repeats its pending move's quantity),
// or when a trace code of the lot was scanned onto it. Cancelled reservations alone do not count.
async function pageOfLineIds(db: Executor, lotIds: readonly string[], after: string | undefined, limit: number): Promise<{ id: string }[]> {
  const lots = lotList(lotIds);
  const afterMove = after ? sql`and ${stockMove.orderLineId} > ${after}::uuid` : sql``;
  const afterUnit = after ? sql`and ${traceUnit.orderLineId} > ${after}::uuid` : sql``;
  return queryRows<{ id: string }>(
    db,
    sql`select id from (
        select ${stockMove.orderLineId} as id from ${stockMove}
        where ${stockMove.lotId} in (${lots}) and ${stockMove.kind} = 'order' and ${stockMove.orderLineId} is not null ${afterMove}
        group by ${stockMove.orderLineId}
        having sum(case when ${stockMove.phase} = 'pending' then ${stockMove.qty} else 0 end)
             > sum(case when ${stockMove.phase} = 'void' then ${stockMove.qty} else 0 end)
        union
        select ${traceUnit.orderLineId} as id from ${traceUnit}
        where ${traceUnit.lotId} in (${lots}) and ${traceUnit.orderLineId} is not null ${afterUnit}
      ) touched
      order by id
      limit ${limit + 1}`,
  );
}

// Who received units of lot `lotNo`: every order line with the shop, the claim and its VIN, the
// insurer, the dates and the lot's trace codes on it. For the platform and the lot's supplier only.
export async function lotRecipients(db: Executor, ctx: Ctx, lotNo: string, query: LotRecipientsQuery): Promise<LotRecipientsDto> {
  requirePermission(ctx.actor, 'trace.recall');
  const lots = await visibleLots(db, ctx, lotNo, query.productId);
  const lotIds = lots.map((l) => l.lotId);
  const page = await pageOfLineIds(db, lotIds, decodeCursor(query.cursor), query.limit);
  const lineIds = page.slice(0, query.limit).map((r) => r.id);
  if (lineIds.length === 0) return { lotNo, lots, items: [], nextCursor: null };

  const lines = await db
    .select({
      orderLineId: orderLine.id,
      productId: orderLine.productId,
      lineNo: orderLine.lineNo,
      lineStatus: orderLine.status,
      lineInstalledVin: orderLine.installedVin,
      lineInstalledAt: orderLine.installedAt,
      orderId: partsOrder.id,
      orderNo: partsOrder.orderNo,
      shopOrgId: partsOrder.buyerOrgId,
      shopName: shop.name,
      claimId: claim.id,
      claimNo: claim.claimNo,
      claimVin: claim.vin,
      insurerOrgId: claim.insurerOrgId,
      insurerName: insurer.name,
    })
    .from(orderLine)
    .innerJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
    .innerJoin(shop, eq(shop.id, partsOrder.buyerOrgId))
    .leftJoin(claim, eq(claim.id, partsOrder.claimId))
    .leftJoin(insurer, eq(insurer.id, claim.insurerOrgId))
    .where(inArray(orderLine.id, lineIds));

  const moves = await db
    .select({
      orderLineId: stockMove.orderLineId,
      lotId: stockMove.lotId,
      pending: sql<number>`coalesce(sum(${stockMove.qty}) filter (where ${stockMove.phase} = 'pending'), 0)::int`,
      posted: sql<number>`coalesce(sum(${stockMove.qty}) filter (where ${stockMove.phase} = 'post'), 0)::int`,
      voided: sql<number>`coalesce(sum(${stockMove.qty}) filter (where ${stockMove.phase} = 'void'), 0)::int`,
      shippedAt: sql<Date | null>`min(${stockMove.at}) filter (where ${stockMove.phase} = 'post')`.mapWith(stockMove.at),
    })
    .from(stockMove)
    .where(and(inArray(stockMove.orderLineId, lineIds), inArray(stockMove.lotId, lotIds), eq(stockMove.kind, 'order')))
    .groupBy(stockMove.orderLineId, stockMove.lotId);

  const units = await db
    .select({ code: traceUnit.code, orderLineId: traceUnit.orderLineId, lotId: traceUnit.lotId, installedVin: traceUnit.installedVin, installedAt: traceUnit.installedAt })
    .from(traceUnit)
    .where(and(inArray(traceUnit.orderLineId, lineIds), inArray(traceUnit.lotId, lotIds)))
    .orderBy(asc(traceUnit.code));

  const lineById = new Map(lines.map((l) => [l.orderLineId, l]));
  // A line belongs to one product, and so to at most one of the lots (one lot per product and
  // number); a row per (line, lot) is still built so that nothing could be silently merged.
  const pairs = new Map<string, { lineId: string; lotId: string }>();
  for (const x of [...moves, ...units]) pairs.set(`${x.orderLineId}|${x.lotId}`, { lineId: x.orderLineId!, lotId: x.lotId });

  const items: (RecipientDto & { id: string })[] = [];
  for (const { lineId, lotId } of pairs.values()) {
    const l = lineById.get(lineId);
    if (!l) throw new Error(`lotRecipients: order line ${lineId} has moves or trace units but no row`);
    const m = moves.find((x) => x.orderLineId === lineId && x.lotId === lotId);
    const own = units.filter((u) => u.orderLineId === lineId && u.lotId === lotId);
    const unitInstalledAt = own
      .map((u) => u.installedAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())
      .at(-1);
    items.push({
      id: lineId,
      lotId,
      productId: l.productId,
      orderId: l.orderId,
      orderNo: l.orderNo,
      orderLineId: lineId,
      lineNo: l.lineNo,
      lineStatus: l.lineStatus,
      qtyShipped: m?.posted ?? 0,
      qtyReserved: m ? Math.max(0, m.pending - m.posted - m.voided) : 0,
      shopOrgId: l.shopOrgId,
      shopName: l.shopName,
      claimId: l.claimId,
      claimNo: l.claimNo,
      claimVin: l.claimVin,
      insurerOrgId: l.insurerOrgId,
      insurerName: l.insurerName,
      installedVin: l.lineInstalledVin ?? own.find((u) => u.installedVin)?.installedVin ?? null,
      shippedAt: m?.shippedAt?.toISOString() ?? null,
      installedAt: (l.lineInstalledAt ?? unitInstalledAt)?.toISOString() ?? null,
      traceCodes: own.map((u) => u.code),
    });
  }
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.lotId < b.lotId ? -1 : 1));
  // The page was cut on line ids (limit + 1 fetched); toPage only needs to know whether more exist.
  const { nextCursor } = toPage(page, query.limit, (r) => r);
  return { lotNo, lots, items: items.map(({ id: _id, ...rest }) => rest), nextCursor };
}
