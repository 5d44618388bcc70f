import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A stock transfer between warehouses (调拨) as data: it is created on the road (the goods left
// the sending warehouse as it was made) and ends when the receiving warehouse books them in.
export const transferStatuses = ['in_transit', 'received'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export const transferEvents = ['receive'] as const;
export type TransferEvent = (typeof transferEvents)[number];

export const transferLifecycle = defineLifecycle({
  name: 'stock transfer',
  states: transferStatuses,
  events: transferEvents,
  initial: ['in_transit'],
  terminal: ['received'],
  transitions: {
    in_transit: { receive: 'received' },
    received: {},
  },
});

export const transferTransition = transferLifecycle.transition;
