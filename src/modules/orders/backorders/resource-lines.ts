import { asc, eq, inArray } from 'drizzle-orm';
import { recordAudits } from '../../../platform/audit.ts';
import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { productPrices } from '../../catalog/index.ts';
import { applyMoves, loadSourcingWorld, planSourcing, releaseLineUnits, reopenDemands, resolveReservations } from '../../inventory/index.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import type { OrderPlan } from '../place/plan.ts';
import { reservationMoves } from '../place/reservation-moves.ts';
import { sourceBackorders } from '../place/source-backorders.ts';
import { orderLine, partsOrder, shipment } from '../tables.ts';
import { tellParties } from '../tell-parties.ts';
import { linesUnsourced } from './on-demands.ts';

export const MAX_LINES_TO_RESOURCE = 200;

type LineRow = typeof orderLine.$inferSelect;
type ShipmentRow = typeof shipment.$inferSelect;

// Sources again lines whose reserved goods can no longer go (their lot was recalled): their
// reservations are voided and units they had scanned go back, they wait (reserved|picked →
// awaiting_stock, event `resource`), and the same planner that placed them decides again on the
// locked stock, without the recalled lots (loadSourcingWorld leaves them out): reserved at once
// from other lots or another warehouse, or backordered on a transfer or a purchase order, or — when
// nothing can source them — surfaced to the platform, the payer and the buyer. A line that changes
// warehouse moves to that warehouse's shipment of the order (made if needed); a shipment left with
// nothing to send is cancelled. Lines in any other state are left as they are (already gone, or
// already waiting). Per order, in the caller's transaction.
export async function resourceOrderLines(tx: Tx, ctx: Ctx, input: { orderLineIds: readonly string[]; reason: string }): Promise<{ reserved: string[]; backordered: string[]; unsourced: string[] }> {
  const out = { reserved: [] as string[], backordered: [] as string[], unsourced: [] as string[] };
  if (input.orderLineIds.length === 0) return out;
  if (input.orderLineIds.length > MAX_LINES_TO_RESOURCE) throw new Error(`resourceOrderLines: ${input.orderLineIds.length} lines, at most ${MAX_LINES_TO_RESOURCE}`);
  const locked = await tx
    .select()
    .from(orderLine)
    .where(inArray(orderLine.id, [...input.orderLineIds]))
    .orderBy(asc(orderLine.id))
    .for('update');
  const open = locked.filter((l) => l.status === 'reserved' || l.status === 'picked');
  const byOrder = new Map<string, LineRow[]>();
  for (const l of open) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), l]);
  for (const [orderId, lines] of byOrder) {
    const done = await resourceOrder(tx, ctx, orderId, lines, input.reason);
    out.reserved.push(...done.reserved);
    out.backordered.push(...done.backordered);
    out.unsourced.push(...done.unsourced);
  }
  return out;
}

async function resourceOrder(tx: Tx, ctx: Ctx, orderId: string, lines: LineRow[], reason: string) {
  const [o] = await tx.select().from(partsOrder).where(eq(partsOrder.id, orderId));
  if (!o) throw new Error(`resourceOrder: order ${orderId} does not exist`);
  const ids = lines.map((l) => l.id);
  await resolveReservations(tx, 'void', ids, ctx.now);
  await releaseLineUnits(tx, ids, ctx.now);
  const waiting = await applyLineEvent(tx, ctx, { orgId: o.payerOrgId, lines, event: 'resource', set: { reservedAt: null }, detail: { reason } });

  const today = chinaDate(ctx.now);
  const prices = await productPrices(tx, { wanted: new Map(lines.map((l) => [l.productId, l.qty])), regionCode: o.deliveryRegionCode, day: today });
  const plan: OrderPlan = {
    kind: o.kind,
    claimId: o.claimId,
    assessmentId: o.assessmentId,
    claim: null,
    payerOrgId: o.payerOrgId,
    buyerOrgId: o.buyerOrgId,
    deliveryRegionCode: o.deliveryRegionCode,
    note: o.note,
    replacesReturnId: o.replacesReturnId,
    backorders: 'wait',
    lines: lines.map((l) => {
      const p = prices.get(l.productId);
      return {
        quoteLineId: l.quoteLineId,
        partId: l.partId,
        productId: l.productId,
        supplierOrgId: l.supplierOrgId,
        grade: l.grade,
        qty: l.qty,
        unitFen: l.unitFen,
        amountFen: l.amountFen,
        vatFen: l.vatFen,
        handlingFeeFen: l.handlingFeeFen,
        purchase: p ? { offerId: p.offerId, unitFen: p.priceFen, leadTimeDays: p.leadTimeDays } : null,
        path: `orderLines.${l.id}`,
      };
    }),
  };
  const world = await loadSourcingWorld(tx, { regionCode: o.deliveryRegionCode, productIds: lines.map((l) => l.productId), supplierOrgIds: lines.map((l) => l.supplierOrgId), lock: true });
  const sources = planSourcing(
    plan.lines.map((l) => ({ productId: l.productId, supplierOrgId: l.supplierOrgId, qty: l.qty, leadTimeDays: l.purchase?.leadTimeDays ?? null })),
    world,
  );
  await applyMoves(
    tx,
    reservationMoves(
      lines.map((l) => ({ productId: l.productId, orderLineId: l.id })),
      sources,
    ).moves,
    ctx.now,
  );
  const sourceable = sources.map((s, i) => ({ s, i })).filter(({ s }) => s.kind !== 'none');
  const { documents, writes: purchaseWrites } = await sourceBackorders(tx, ctx, { plan, sources, lineIds: ids, note: `re-sourced: order ${o.orderNo}` });
  await writeTogether(tx, purchaseWrites);

  // Where each line now ships from, and in which of the order's shipments.
  const shipments = await tx.select().from(shipment).where(eq(shipment.orderId, orderId)).orderBy(asc(shipment.id)).for('update');
  // The warehouse's open shipment of the wanted kind, else its other open one (a waiting line holds
  // a shipment back until it is reserved, which is the lesser harm), else a new one of whichever
  // kind the order has not used there yet (one of each per warehouse).
  const shipmentFor = async (warehouseId: string, shipperOrgId: string, backorder: boolean, transitDays: number, etaDate: string): Promise<ShipmentRow> => {
    const atWarehouse = shipments.filter((x) => x.warehouseId === warehouseId);
    const seen = atWarehouse.find((x) => x.backorder === backorder && x.status === 'open') ?? atWarehouse.find((x) => x.status === 'open');
    if (seen) {
      if (etaDate > seen.etaDate) {
        await tx.update(shipment).set({ etaDate }).where(eq(shipment.id, seen.id));
        seen.etaDate = etaDate;
      }
      return seen;
    }
    const kind = [backorder, !backorder].find((b) => !atWarehouse.some((x) => x.backorder === b));
    if (kind === undefined) throw new AppError('invalid_state', { what: 'shipment', state: atWarehouse[0]!.status });
    const row: ShipmentRow = {
      id: newId(),
      orderId,
      warehouseId,
      shipperOrgId,
      backorder: kind,
      status: 'open',
      transitDays,
      etaDate,
      carrier: null,
      trackingNo: null,
      shippedAt: null,
      deliveredAt: null,
      createdAt: ctx.now,
    };
    await tx.insert(shipment).values(row);
    shipments.push(row);
    return row;
  };
  const reserved: LineRow[] = [];
  const demands = [];
  for (const { s, i } of sourceable) {
    if (s.kind === 'none') continue;
    const line = lines[i]!;
    const later = s.kind === 'transfer' || s.kind === 'purchase';
    const eta = addDays(today, s.etaDays);
    const ship = await shipmentFor(s.ship.warehouseId, s.ship.operatorOrgId, later, s.ship.transitDays, eta);
    await tx
      .update(orderLine)
      .set({ warehouseId: s.ship.warehouseId, shipperOrgId: s.ship.operatorOrgId, dropShip: s.kind === 'drop_ship', source: s.kind, promisedEtaDate: eta, shipmentId: ship.id, updatedAt: ctx.now })
      .where(eq(orderLine.id, line.id));
    if (later) demands.push({ orderLineId: line.id, warehouseId: s.ship.warehouseId, productId: line.productId, qty: line.qty, source: s.kind, sourceDocumentId: documents[i]!, etaDate: eta });
    else reserved.push({ ...line, status: 'awaiting_stock' });
  }
  await reopenDemands(
    tx,
    demands.map((d) => ({ ...d, status: 'open' as const })),
    ctx.now,
  );
  if (reserved.length > 0) await applyLineEvent(tx, ctx, { orgId: o.payerOrgId, lines: reserved, event: 'stock_arrived', set: { reservedAt: ctx.now }, detail: { reason, resourced: true } });
  const none = sources.flatMap((s, i) => (s.kind === 'none' ? [{ line: lines[i]!, why: s.reason }] : []));
  if (none.length > 0) {
    // Nothing can source them now: they wait, unsourced, where they were, and people are told.
    const ids = await reopenDemands(
      tx,
      none.map(({ line }) => ({
        orderLineId: line.id,
        warehouseId: line.warehouseId,
        productId: line.productId,
        qty: line.qty,
        source: 'purchase' as const,
        sourceDocumentId: null,
        etaDate: today,
        status: 'unsourced' as const,
      })),
      ctx.now,
    );
    await linesUnsourced(
      tx,
      ctx,
      none.map(({ line, why }, k) => ({ demandId: ids[k]!, orderLineId: line.id, warehouseId: line.warehouseId, productId: line.productId, qty: line.qty, why })),
    );
  }
  // Shipments left with nothing to send.
  const live = await tx.select({ shipmentId: orderLine.shipmentId, status: orderLine.status }).from(orderLine).where(eq(orderLine.orderId, orderId));
  const emptied = shipments.filter((x) => x.status === 'open' && !live.some((l) => l.shipmentId === x.id && l.status !== 'cancelled'));
  if (emptied.length > 0) {
    await tx
      .update(shipment)
      .set({ status: 'cancelled' })
      .where(
        inArray(
          shipment.id,
          emptied.map((x) => x.id),
        ),
      );
    await recordAudits(
      tx,
      ctx,
      emptied.map((x) => ({ orgId: o.payerOrgId, objectType: 'shipment', objectId: x.id, action: 'cancel', fromState: 'open', toState: 'cancelled', data: { orderId, reason } })),
    );
  }
  const result = {
    reserved: reserved.map((l) => l.id),
    backordered: demands.map((d) => d.orderLineId),
    unsourced: none.map(({ line }) => line.id),
  };
  if (waiting.length > 0) await tellParties(tx, ctx, orderId, 'order.lines_resourced', { orderId, orderNo: o.orderNo, reason, ...result });
  return result;
}
