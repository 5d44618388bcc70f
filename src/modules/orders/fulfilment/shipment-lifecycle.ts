import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A shipment's lifecycle (发货单) as data:
//   open      — at the warehouse: its lines are reserved or being picked and packed;
//   shipped   — handed to the carrier, tracked until delivery;
//   delivered — the carrier delivered it; its lines wait for the shop's receipt. Terminal.
//   cancelled — every line in it was cancelled before it left. Terminal.
export const shipmentStatuses = ['open', 'shipped', 'delivered', 'cancelled'] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

// `pack` and `track` leave the state as it is but are only allowed in it: packing while at the
// warehouse, tracking events while on the road.
export const shipmentEvents = ['pack', 'ship', 'track', 'deliver', 'cancel'] as const;
export type ShipmentEvent = (typeof shipmentEvents)[number];

export const shipmentLifecycle = defineLifecycle({
  name: 'shipment',
  states: shipmentStatuses,
  events: shipmentEvents,
  initial: ['open'],
  terminal: ['delivered', 'cancelled'],
  transitions: {
    open: { pack: 'open', ship: 'shipped', cancel: 'cancelled' },
    shipped: { track: 'shipped', deliver: 'delivered' },
    delivered: {},
    cancelled: {},
  },
});

export const shipmentTransition = shipmentLifecycle.transition;
