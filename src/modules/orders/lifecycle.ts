import { defineLifecycle } from '../../platform/lifecycle.ts';

// An order line's lifecycle as data. `transition` is the only place a line's next state is
// decided; applyLineEvents (apply-line-events.ts) runs it under a row lock and records the move.

export const orderLineStatuses = [
  // Backordered: nothing to reserve when the order was placed; a transfer or a purchase order is
  // bringing the goods to its warehouse, where they are reserved for it on arrival (oldest first).
  'awaiting_stock',
  // Stock is reserved for it (a pending move at its warehouse or at the supplier's own stock).
  'reserved',
  // Picked and packed at the warehouse, trace codes scanned.
  'picked',
  // Left with the carrier: the reservation is posted (the stock is gone from the warehouse).
  'shipped',
  // The carrier delivered it to the shop.
  'delivered',
  // The shop signed for it and found it right.
  'accepted',
  // The shop refused it (wrong part, damaged, quality, missing): a return follows.
  'rejected',
  // Fitted on the claim's vehicle. Terminal.
  'installed',
  // Accepted, then sent back (售后退货: a fault found before fitting) and received by the warehouse:
  // its sale reversed. Terminal; a replacement is a line of its own.
  'returned',
  // Cancelled before it shipped; its stock was released. Terminal.
  'cancelled',
] as const;
export type OrderLineStatus = (typeof orderLineStatuses)[number];

export const orderLineEvents = ['stock_arrived', 'resource', 'pick', 'ship', 'deliver', 'accept', 'reject', 'install', 'return', 'cancel'] as const;
export type OrderLineEvent = (typeof orderLineEvents)[number];

// A missing entry is a refused event. Once shipped a line cannot be cancelled: the goods are on
// the road, and what goes wrong from there is a rejection and a return.
export const orderLineLifecycle = defineLifecycle({
  name: 'order line',
  states: orderLineStatuses,
  events: orderLineEvents,
  initial: ['awaiting_stock', 'reserved'],
  terminal: ['rejected', 'installed', 'returned', 'cancelled'],
  transitions: {
    awaiting_stock: { stock_arrived: 'reserved', cancel: 'cancelled' },
    // `resource`: the reserved goods can no longer go (their lot was recalled); the line waits again
    // while it is sourced anew (backorders/resource-lines.ts).
    reserved: { pick: 'picked', cancel: 'cancelled', resource: 'awaiting_stock' },
    picked: { ship: 'shipped', cancel: 'cancelled', resource: 'awaiting_stock' },
    shipped: { deliver: 'delivered' },
    delivered: { accept: 'accepted', reject: 'rejected' },
    accepted: { install: 'installed', return: 'returned' },
    rejected: {},
    installed: {},
    returned: {},
    cancelled: {},
  },
});
export const orderLineTransitions = orderLineLifecycle.transitions;

export const transition = orderLineLifecycle.transition;
