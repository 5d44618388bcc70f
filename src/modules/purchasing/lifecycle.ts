import { defineLifecycle } from '../../platform/lifecycle.ts';

// A purchase order's lifecycle as data. `transition` is the only place its next state is decided;
// every transition writes a purchase_order_history row in the same transaction.
//
//   draft               written by an operator, not yet seen by the supplier
//   sent                sent to the supplier (a backorder's purchase is sent at once)
//   confirmed           the supplier confirmed at least one line (refused lines are re-sourced)
//   refused             the supplier refused every line
//   partially_received  some goods arrived at the warehouse, more are expected
//   received            everything confirmed has arrived (short deliveries recorded). Terminal.
//   cancelled           withdrawn by the buyer before anything arrived. Terminal.
export const purchaseOrderStatuses = ['draft', 'sent', 'confirmed', 'refused', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

export const purchaseOrderEvents = ['send', 'confirm', 'refuse', 'ship', 'receive_part', 'receive_all', 'cancel'] as const;
export type PurchaseOrderEvent = (typeof purchaseOrderEvents)[number];

// Shipping (carrier, tracking) records the supplier's dispatch without changing the state.
export const purchaseOrderLifecycle = defineLifecycle({
  name: 'purchase order',
  states: purchaseOrderStatuses,
  events: purchaseOrderEvents,
  initial: ['draft'],
  terminal: ['refused', 'received', 'cancelled'],
  transitions: {
    draft: { send: 'sent', cancel: 'cancelled' },
    sent: { confirm: 'confirmed', refuse: 'refused', cancel: 'cancelled' },
    confirmed: { ship: 'confirmed', receive_part: 'partially_received', receive_all: 'received', cancel: 'cancelled' },
    partially_received: { ship: 'partially_received', receive_part: 'partially_received', receive_all: 'received' },
    refused: {},
    received: {},
    cancelled: {},
  },
});
export const purchaseOrderTransitions = purchaseOrderLifecycle.transitions;

export const transition = purchaseOrderLifecycle.transition;

// A purchase order line's own lifecycle: the supplier confirms or refuses it while it is open; the
// buyer's cancelling the order cancels what is open or confirmed. Receiving counts goods on the
// line (qty_received) without moving it.
export const purchaseOrderLineLifecycle = defineLifecycle({
  name: 'purchase order line',
  states: ['open', 'confirmed', 'refused', 'cancelled'],
  events: ['confirm', 'refuse', 'cancel'],
  initial: ['open'],
  terminal: ['refused', 'cancelled'],
  transitions: {
    open: { confirm: 'confirmed', refuse: 'refused', cancel: 'cancelled' },
    confirmed: { cancel: 'cancelled' },
    refused: {},
    cancelled: {},
  },
});
export type PurchaseOrderLineStatus = (typeof purchaseOrderLineLifecycle.states)[number];
