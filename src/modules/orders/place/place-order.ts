import { auditInsert, type AuditEntry } from '../../../platform/audit.ts';
import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { fenToJson } from '../../../platform/money.ts';
import { eventsInsert } from '../../../platform/outbox.ts';
import { finished, type Finished } from '../../../platform/finished.ts';
import { bulkInsert } from '../../../platform/bulk-insert.ts';
import { claimEventWrite } from '../../claims/index.ts';
import { demandsInsert, loadSourcingWorld, movesOnLockedQuants, planSourcing, type NewDemand } from '../../inventory/index.ts';
import { toOrderDto, type OrderDto } from '../dto.ts';
import { loadOrderFacts } from '../order-facts.ts';
import { orderLine, orderParty, partsOrder, shipment } from '../tables.ts';
import type { OrderPlan } from './plan.ts';
import { refuseUnsourced } from './refuse-unsourced.ts';
import { reservationMoves } from './reservation-moves.ts';
import { sourceBackorders } from './source-backorders.ts';

// Human-readable order numbers: AP, the day in China, and twelve hex digits of the id's random tail
// (48 random bits: a collision among a day's orders is out of reach; the unique index has the last
// word).
function orderNoOf(id: string, day: string): string {
  return `AP${day.replaceAll('-', '')}${id.replaceAll('-', '').slice(-12).toUpperCase()}`;
}

type ShipmentRow = typeof shipment.$inferSelect;

// Places a planned order. Every line is sourced by inventory's planner on the locked stock, the
// same rule the quote ranked by (sourcing/plan-sourcing.ts): what is in stock where it ships from
// (a platform warehouse, or the supplier's own: drop-ship) is reserved now; any other line is a
// backorder (awaiting_stock), brought by a transfer from another warehouse or a purchase order to
// its supplier, written in this same transaction and reserved for it when the goods arrive. Only a
// line nothing can source refuses the order (409, naming each such line and why), and a shop that
// asked for what is in stock only is refused as before when a line is not. Lines ready now ship
// together per warehouse; the waiting ones in a backorder shipment of their own, so they never
// hold the others back. A claim order moves the claim approved → ordered. The order, its lines and
// shipments, the parties who may see it, the reservations and backorders are the writes left for
// the command's last round trip (finished.ts), with the audit trail and the events.
export async function placeOrder(tx: Tx, ctx: Ctx, plan: OrderPlan): Promise<Finished<OrderDto>> {
  const orderId = newId();
  const lineIds = plan.lines.map(() => newId());
  const world = await loadSourcingWorld(tx, {
    regionCode: plan.deliveryRegionCode,
    productIds: plan.lines.map((l) => l.productId),
    supplierOrgIds: plan.lines.map((l) => l.supplierOrgId),
    lock: true,
  });
  const sources = planSourcing(
    plan.lines.map((l) => ({ productId: l.productId, supplierOrgId: l.supplierOrgId, qty: l.qty, leadTimeDays: l.purchase?.leadTimeDays ?? null })),
    world,
  );
  refuseUnsourced(plan, sources, world);

  const today = chinaDate(ctx.now);
  // Reservations for the lines ready now, on the quants the world locked: written with the order.
  const { moves, owner: moveOwner } = reservationMoves(plan.lines.map((l, i) => ({ productId: l.productId, orderLineId: lineIds[i]! })), sources);
  const reservations = movesOnLockedQuants(moves, ctx.now);
  const moveIds = reservations.ids;
  // Transfers and purchase orders for the others, and the backorders waiting on them.
  const { documents, writes: purchaseWrites } = await sourceBackorders(tx, ctx, { plan, sources, lineIds, note: `order ${orderNoOf(orderId, today)}` });

  const shipments = new Map<string, ShipmentRow>();
  sources.forEach((s) => {
    if (s.kind === 'none') return;
    const backorder = s.kind === 'transfer' || s.kind === 'purchase';
    const key = `${s.ship.warehouseId}|${backorder}`;
    const seen = shipments.get(key);
    // A shipment leaves when its last line is there: its ETA is its latest line's.
    const etaDate = addDays(today, s.etaDays);
    if (seen) {
      if (etaDate > seen.etaDate) seen.etaDate = etaDate;
      return;
    }
    shipments.set(key, {
      id: newId(),
      orderId,
      warehouseId: s.ship.warehouseId,
      shipperOrgId: s.ship.operatorOrgId,
      backorder,
      status: 'open',
      transitDays: s.ship.transitDays,
      etaDate,
      carrier: null,
      trackingNo: null,
      shippedAt: null,
      deliveredAt: null,
      createdAt: ctx.now,
    });
  });
  const sum = (pick: (l: OrderPlan['lines'][number]) => bigint) => plan.lines.reduce((s, l) => s + pick(l), 0n);
  const order = {
    id: orderId,
    orderNo: orderNoOf(orderId, today),
    kind: plan.kind,
    claimId: plan.claimId,
    assessmentId: plan.assessmentId,
    payerOrgId: plan.payerOrgId,
    buyerOrgId: plan.buyerOrgId,
    deliveryRegionCode: plan.deliveryRegionCode,
    amountFen: sum((l) => l.amountFen),
    vatFen: sum((l) => l.vatFen),
    handlingFeeFen: sum((l) => l.handlingFeeFen),
    note: plan.note,
    replacesReturnId: plan.replacesReturnId,
    createdBy: ctx.actor.userId ?? ctx.actor.apiKeyId,
    createdAt: ctx.now,
  };
  const demands: NewDemand[] = [];
  const lines = plan.lines.map((p, i) => {
    const s = sources[i]!;
    if (s.kind === 'none') throw new Error('placeOrder: an unsourced line was not refused');
    const waiting = s.kind === 'transfer' || s.kind === 'purchase';
    const ship = shipments.get(`${s.ship.warehouseId}|${waiting}`)!;
    const promisedEtaDate = addDays(today, s.etaDays);
    if (waiting) {
      demands.push({ orderLineId: lineIds[i]!, warehouseId: s.ship.warehouseId, productId: p.productId, qty: p.qty, source: s.kind, sourceDocumentId: documents[i]!, etaDate: promisedEtaDate });
    }
    return {
      id: lineIds[i]!,
      orderId,
      lineNo: i + 1,
      quoteLineId: p.quoteLineId,
      partId: p.partId,
      productId: p.productId,
      supplierOrgId: p.supplierOrgId,
      grade: p.grade,
      qty: p.qty,
      unitFen: p.unitFen,
      amountFen: p.amountFen,
      vatFen: p.vatFen,
      handlingFeeFen: p.handlingFeeFen,
      warehouseId: s.ship.warehouseId,
      shipperOrgId: s.ship.operatorOrgId,
      dropShip: s.kind === 'drop_ship',
      source: s.kind,
      promisedEtaDate,
      reservedAt: waiting ? null : ctx.now,
      shipmentId: ship.id,
      status: waiting ? ('awaiting_stock' as const) : ('reserved' as const),
      cancelReason: null,
      receivedAt: null,
      rejectReason: null,
      rejectPhotoUrls: null,
      traceMismatch: false,
      installedVin: null,
      installedAt: null,
      updatedAt: ctx.now,
    };
  });
  const parties = [...new Set([plan.payerOrgId, plan.buyerOrgId, ...lines.map((l) => l.supplierOrgId), ...lines.map((l) => l.shipperOrgId)])];

  const audits: AuditEntry[] = [
    {
      orgId: plan.payerOrgId,
      objectType: 'order',
      objectId: orderId,
      action: 'place',
      toState: lines.some((l) => l.status === 'reserved') ? 'reserved' : 'awaiting_stock',
      data: {
        orderNo: order.orderNo,
        kind: plan.kind,
        claimId: plan.claimId,
        assessmentId: plan.assessmentId,
        amountFen: fenToJson(order.amountFen),
        lines: lines.length,
        backordered: demands.length,
        shipments: shipments.size,
      },
    },
    ...lines.map((l, i) => ({
      orgId: plan.payerOrgId,
      objectType: 'order_line',
      objectId: l.id,
      action: l.status === 'reserved' ? 'reserve' : 'backorder',
      toState: l.status,
      data: {
        orderId,
        productId: l.productId,
        qty: l.qty,
        warehouseId: l.warehouseId,
        source: l.source,
        promisedEtaDate: l.promisedEtaDate,
        ...(l.status === 'reserved' ? { moves: moveIds.filter((_, j) => moveOwner[j] === i) } : { document: documents[i] }),
      },
    })),
  ];
  const events = eventsInsert(
    ctx,
    parties.map((orgId) => ({ orgId, type: 'order.placed', payload: { orderId, orderNo: order.orderNo, kind: plan.kind, claimId: plan.claimId, backordered: demands.length } })),
  );
  // Names only (nothing is packed yet): read before anything is written, with the world it was planned on.
  const dto = toOrderDto(order, lines, [...shipments.values()], true, today, await loadOrderFacts(tx, [order], lines, { traceCodes: false }));
  // The claim's move goes with the order's writes too: its row was locked when the order was planned.
  const claimMove = plan.claim?.status === 'approved' ? [await claimEventWrite(tx, ctx, plan.claim, 'order', { orderId, orderNo: order.orderNo })] : [];
  // The answer is known before anything is written: the order and everything recorded about it
  // go in the command's last round trip. Every caller (placing an order, ordering a replacement)
  // answers with this order.
  return finished(dto, [
    ...reservations.writes,
    ...purchaseWrites,
    bulkInsert(partsOrder, [order]),
    bulkInsert(orderLine, lines),
    bulkInsert(shipment, [...shipments.values()]),
    bulkInsert(orderParty, parties.map((orgId) => ({ orderId, orgId }))),
    ...(demands.length > 0 ? [demandsInsert(demands, ctx.now)] : []),
    ...claimMove,
    auditInsert(ctx, audits),
    events.insert,
  ]);
}
