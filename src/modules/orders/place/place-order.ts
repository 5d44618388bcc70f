import { auditInsert, type AuditEntry } from '../../../platform/audit.ts';
import { idempotencyAnswer } from '../../../platform/command.ts';
import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fenToJson } from '../../../platform/money.ts';
import { eventsInsert } from '../../../platform/outbox.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { bulkInsert } from '../../../platform/bulk-insert.ts';
import { applyClaimEvent } from '../../claims/index.ts';
import { reserveStock } from '../../inventory/index.ts';
import { toOrderDto, type OrderDto } from '../dto.ts';
import { orderLine, orderParty, partsOrder, shipment } from '../tables.ts';
import type { OrderPlan } from './plan.ts';

// Human-readable order numbers: AP, the day in China, and twelve hex digits of the id's random tail
// (48 random bits: a collision among a day's orders is out of reach; the unique index has the last
// word).
function orderNoOf(id: string, day: string): string {
  return `AP${day.replaceAll('-', '')}${id.replaceAll('-', '').slice(-12).toUpperCase()}`;
}

// Places a planned order: reserves stock for every line or refuses the whole order (409, naming
// each line that lacks stock and how much the warehouses delivering there could give), then writes
// the order, its lines, one shipment per warehouse (or drop-shipping supplier) with its ETA, the
// parties who may see it, the audit trail and the events, all in the caller's transaction. A claim
// order moves the claim approved → ordered.
export async function placeOrder(tx: Tx, ctx: Ctx, plan: OrderPlan): Promise<OrderDto> {
  const orderId = newId();
  const lineIds = plan.lines.map(() => newId());
  const reserved = await reserveStock(tx, {
    regionCode: plan.deliveryRegionCode,
    lines: plan.lines.map((l, i) => ({ productId: l.productId, supplierOrgId: l.supplierOrgId, qty: l.qty, orderLineId: lineIds[i]! })),
    at: ctx.now,
  });
  if (!reserved.ok) {
    throw new AppError(
      'insufficient_stock',
      { count: reserved.short.length },
      reserved.short.map((s) => ({
        path: plan.lines[s.index]!.path,
        in: 'body' as const,
        code: 'stock_short' as const,
        params: { productId: s.productId, requested: s.requested, available: s.available },
      })),
    );
  }

  const today = chinaDate(ctx.now);
  const shipments = new Map<string, typeof shipment.$inferSelect>();
  for (const line of reserved.lines) {
    if (shipments.has(line.warehouseId)) continue;
    shipments.set(line.warehouseId, {
      id: newId(),
      orderId,
      warehouseId: line.warehouseId,
      shipperOrgId: line.operatorOrgId,
      backorder: false,
      status: 'open',
      transitDays: line.transitDays,
      etaDate: addDays(today, line.transitDays),
      carrier: null,
      trackingNo: null,
      shippedAt: null,
      deliveredAt: null,
      createdAt: ctx.now,
    });
  }
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
  const lines = reserved.lines.map((r) => {
    const p = plan.lines[r.index]!;
    const s = shipments.get(r.warehouseId)!;
    return {
      id: r.orderLineId,
      orderId,
      lineNo: r.index + 1,
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
      warehouseId: r.warehouseId,
      shipperOrgId: r.operatorOrgId,
      dropShip: r.kind === 'supplier',
      source: r.kind === 'supplier' ? ('drop_ship' as const) : ('stock' as const),
      promisedEtaDate: s.etaDate,
      reservedAt: ctx.now,
      shipmentId: s.id,
      status: 'reserved' as const,
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
      toState: 'reserved',
      data: { orderNo: order.orderNo, kind: plan.kind, claimId: plan.claimId, assessmentId: plan.assessmentId, amountFen: fenToJson(order.amountFen), lines: lines.length, shipments: shipments.size },
    },
    ...lines.map((l) => ({
      orgId: plan.payerOrgId,
      objectType: 'order_line',
      objectId: l.id,
      action: 'reserve',
      toState: 'reserved',
      data: { orderId, productId: l.productId, qty: l.qty, warehouseId: l.warehouseId, dropShip: l.dropShip, moves: reserved.lines.find((r) => r.orderLineId === l.id)!.moveIds },
    })),
  ];
  const events = eventsInsert(
    ctx,
    parties.map((orgId) => ({ orgId, type: 'order.placed', payload: { orderId, orderNo: order.orderNo, kind: plan.kind, claimId: plan.claimId } })),
  );
  // The answer is known before anything is written: the order and everything recorded about it,
  // and the answer to the request's Idempotency-Key, go in one round trip.
  const dto = toOrderDto(order, lines, [...shipments.values()], true, today);
  // Every caller (placing an order, ordering a replacement) answers with this order.
  const answer = idempotencyAnswer(ctx, dto);
  await writeTogether(tx, [
    bulkInsert(partsOrder, [order]),
    bulkInsert(orderLine, lines),
    bulkInsert(shipment, [...shipments.values()]),
    bulkInsert(orderParty, parties.map((orgId) => ({ orderId, orgId }))),
    auditInsert(ctx, audits),
    events.insert,
    ...(answer ? [answer] : []),
  ]);
  if (plan.claimId && plan.claimStatus === 'approved') {
    await applyClaimEvent(tx, ctx, plan.claimId, 'order', { orderId, orderNo: order.orderNo });
  }
  return dto;
}
