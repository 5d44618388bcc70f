import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A return's lifecycle (退货) as data:
//   requested — the shop rejected the line at receipt, or sent back one it had accepted (售后退货);
//               the seller has to answer;
//   approved  — the seller accepts it: the goods go back to the warehouse they came from;
//   refused   — the seller disputes it (the platform arbitrates outside this flow); terminal here;
//   received  — back at the warehouse, restocked as sellable or scrapped; the credit is due (after
//               acceptance, the line's sale is reversed then);
//   closed    — the credit was settled (the settlement issue moves it there).
export const returnStatuses = ['requested', 'approved', 'refused', 'received', 'closed'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

export const returnEvents = ['approve', 'refuse', 'receive', 'close'] as const;
export type ReturnEvent = (typeof returnEvents)[number];

export const returnLifecycle = defineLifecycle({
  name: 'return',
  states: returnStatuses,
  events: returnEvents,
  initial: ['requested'],
  terminal: ['refused', 'closed'],
  transitions: {
    requested: { approve: 'approved', refuse: 'refused' },
    approved: { receive: 'received' },
    refused: {},
    received: { close: 'closed' },
    closed: {},
  },
});
export const returnTransitions = returnLifecycle.transitions;

export const returnTransition = returnLifecycle.transition;
