import { auditInsert } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { eventsInsert } from '../../../platform/outbox.ts';
import { finished, type Finished } from '../../../platform/finished.ts';
import { bulkInsert } from '../../../platform/bulk-insert.ts';
import { claimEventWrite } from '../../claims/index.ts';
import { expectPosted, postTransfers, salesPending } from '../../ledger/index.ts';
import { demandsInsert, loadSourcingWorld, movesOnLockedQuants, planSourcing } from '../../inventory/index.ts';
import { toOrderDto, type OrderDto } from '../dto.ts';
import { loadOrderFacts } from '../order-facts.ts';
import { orderLine, orderParty, partsOrder, shipment } from '../tables.ts';
import { saleLineOf } from '../money/settle-lines.ts';
import { decideOrder } from './decide-order.ts';
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

// Places a planned order. Every line is sourced by inventory's planner on the locked stock, the
// same rule the quote ranked by (sourcing/plan-sourcing.ts): what is in stock where it ships from
// (a platform warehouse, or the supplier's own: drop-ship) is reserved now; any other line is a
// backorder (awaiting_stock), brought by a transfer from another warehouse or a purchase order to
// its supplier, written in this same transaction and reserved for it when the goods arrive. Only a
// line nothing can source refuses the order (409, naming each such line and why), and a shop that
// asked for what is in stock only is refused as before when a line is not. Lines ready now ship
// together per warehouse; the waiting ones in a backorder shipment of their own, so they never
// hold the others back. A claim order moves the claim approved → ordered. What the payer owes for
// each line is pending in the ledger from now (ledger/rules/sales.ts). The order, its lines and
// shipments, the parties who may see it, the reservations and backorders, the ledger's transfers
// are the writes left for the command's last round trip (finished.ts), with the audit trail and
// the events.
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

  // Loaded and sourced; then the reservations for the lines ready now, on the quants the world
  // locked, and the transfers and purchase orders for the others.
  const today = chinaDate(ctx.now);
  const orderNo = orderNoOf(orderId, today);
  const { moves, owner: moveOwner } = reservationMoves(
    plan.lines.map((l, i) => ({ productId: l.productId, orderLineId: lineIds[i]! })),
    sources,
  );
  const reservations = movesOnLockedQuants(moves, ctx.now);
  const { documents, writes: purchaseWrites } = await sourceBackorders(tx, ctx, { plan, sources, lineIds, note: `order ${orderNo}` });

  // Decided: the rows, without the database.
  const d = decideOrder({ plan, sources, orderId, orderNo, lineIds, documents, moveIds: reservations.ids, moveOwner, today, now: ctx.now, createdBy: ctx.actor.userId ?? ctx.actor.apiKeyId });

  // Names only (nothing is packed yet): read before anything is written, with the world it was planned on.
  const dto = toOrderDto(d.order, d.lines, d.shipments, true, today, await loadOrderFacts(tx, [d.order], d.lines, { traceCodes: false }));
  // The claim's move goes with the order's writes too: its row was locked when the order was planned.
  const claimMove = plan.claim?.status === 'approved' ? [await claimEventWrite(tx, ctx, plan.claim, 'order', { orderId, orderNo })] : [];
  // What the payer owes, pending until the shop accepts each line: the last read (it locks the
  // payer's accounts), so the lock is held only for the final round trip; past the payer's credit
  // limit the order is refused whole (409), nothing written.
  const owed = await postTransfers(tx, salesPending(d.lines.map((l) => saleLineOf(d.order, l))), ctx.now);
  expectPosted(owed);
  // Written: the answer is known before anything is written, so the order and everything recorded
  // about it go in the command's last round trip. Every caller (placing an order, ordering a
  // replacement) answers with this order.
  return finished(dto, [
    ...reservations.writes,
    ...purchaseWrites,
    bulkInsert(partsOrder, [d.order]),
    bulkInsert(orderLine, d.lines),
    bulkInsert(shipment, d.shipments),
    bulkInsert(
      orderParty,
      d.parties.map((orgId) => ({ orderId, orgId })),
    ),
    ...(d.demands.length > 0 ? [demandsInsert(d.demands, ctx.now)] : []),
    ...claimMove,
    auditInsert(ctx, d.audits),
    eventsInsert(ctx, d.events).insert,
    ...owed.writes,
  ]);
}
