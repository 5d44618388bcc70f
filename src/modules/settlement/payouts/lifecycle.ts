import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A payout's lifecycle as data:
//   pending   the run made it: the bank transfer is instructed, the payable's debit pending
//   paid      the bank confirmed it (its reference recorded): the debit posted. Terminal.
//   returned  the bank sent it back (a wrong account, say): the debit voided and its items free
//             for the next run. Terminal.
export const payoutStatuses = ['pending', 'paid', 'returned'] as const;
export type PayoutStatus = (typeof payoutStatuses)[number];

export const payoutEvents = ['confirm', 'return'] as const;
export type PayoutEvent = (typeof payoutEvents)[number];

export const payoutLifecycle = defineLifecycle({
  name: 'payout',
  states: payoutStatuses,
  events: payoutEvents,
  initial: ['pending'],
  terminal: ['paid', 'returned'],
  transitions: {
    pending: { confirm: 'paid', return: 'returned' },
    paid: {},
    returned: {},
  },
});
