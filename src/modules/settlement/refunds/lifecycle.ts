import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A refund's lifecycle (退款), money a payer sent beyond what it owed, sent back, as data:
//   requested  the platform's finance team asked to send back part of a payment not matched to
//              any statement; the amount is held on the payment, so no match can take it meanwhile
//   refunded   a second person approved it: the platform's bank sent it, the payer's receivable
//              debited again (the ledger's `refund`). Terminal.
//   refused    a second person refused it, with a reason: the amount is free on the payment again.
//              Terminal.
//   withdrawn  whoever asked took it back, with a reason (a mistake of their own needs no one
//              else): free again, the same way. Terminal.
export const refundStatuses = ['requested', 'refunded', 'refused', 'withdrawn'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

export const refundEvents = ['approve', 'refuse', 'withdraw'] as const;
export type RefundEvent = (typeof refundEvents)[number];

export const refundLifecycle = defineLifecycle({
  name: 'refund',
  states: refundStatuses,
  events: refundEvents,
  initial: ['requested'],
  terminal: ['refunded', 'refused', 'withdrawn'],
  transitions: {
    requested: { approve: 'refunded', refuse: 'refused', withdraw: 'withdrawn' },
    refunded: {},
    refused: {},
    withdrawn: {},
  },
});
