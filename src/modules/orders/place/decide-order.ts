import type { AuditEntry } from '../../../platform/audit.ts';
import { addDays } from '../../../platform/china-date.ts';
import type { DomainEvent } from '../../../platform/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { fenToJson } from '../../../platform/money.ts';
import type { LineSource, NewDemand } from '../../inventory/index.ts';
import type { orderLine, partsOrder, shipment } from '../tables.ts';
import type { OrderPlan } from './plan.ts';

type ShipmentRow = typeof shipment.$inferSelect;
type OrderRow = typeof partsOrder.$inferSelect;
type LineRow = typeof orderLine.$inferSelect;

export type OrderDecision = {
  order: OrderRow;
  lines: LineRow[];
  shipments: ShipmentRow[];
  // The organisations that may see the order: payer, buyer, every supplier and shipper.
  parties: string[];
  demands: NewDemand[];
  audits: AuditEntry[];
  events: DomainEvent[];
};

export type OrderFacts = {
  plan: OrderPlan;
  // Per plan line, where it comes from (none of them 'none': those were refused).
  sources: readonly LineSource[];
  orderId: string;
  orderNo: string;
  lineIds: readonly string[];
  // Per plan line, the transfer or purchase order bringing it (backorders only).
  documents: readonly (string | null)[];
  // The reservations' move ids and, per move, the index of the plan line it serves.
  moveIds: readonly string[];
  moveOwner: readonly number[];
  today: string;
  now: Date;
  createdBy: string | null;
};

// What placing a planned, sourced order writes, decided without the database: the order and its
// lines, the shipments (ready lines together per warehouse, waiting ones in a backorder shipment of
// their own, each due when its latest line is), the backorders' demands, the parties, the audit
// trail and the events. Without the database (only new ids are drawn), so it is tested by table
// (decide-order.test.ts).
export function decideOrder(f: OrderFacts): OrderDecision {
  const { plan, sources, orderId, lineIds, documents, today } = f;
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
      createdAt: f.now,
    });
  });
  const sum = (pick: (l: OrderPlan['lines'][number]) => bigint) => plan.lines.reduce((s, l) => s + pick(l), 0n);
  const order = {
    id: orderId,
    orderNo: f.orderNo,
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
    createdBy: f.createdBy,
    createdAt: f.now,
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
      reservedAt: waiting ? null : f.now,
      shipmentId: ship.id,
      status: waiting ? ('awaiting_stock' as const) : ('reserved' as const),
      cancelReason: null,
      receivedAt: null,
      rejectReason: null,
      rejectPhotoUrls: null,
      traceMismatch: false,
      installedVin: null,
      installedAt: null,
      updatedAt: f.now,
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
        ...(l.status === 'reserved' ? { moves: f.moveIds.filter((_, j) => f.moveOwner[j] === i) } : { document: documents[i] }),
      },
    })),
  ];
  const events: DomainEvent[] = parties.map((orgId) => ({
    orgId,
    type: 'order.placed',
    payload: { orderId, orderNo: order.orderNo, kind: plan.kind, claimId: plan.claimId, backordered: demands.length },
  }));
  return { order, lines, shipments: [...shipments.values()], parties, demands, audits, events };
}
