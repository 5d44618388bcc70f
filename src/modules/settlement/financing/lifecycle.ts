import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A financing request's lifecycle (应收账款融资) as data:
//   requested  the supplier asked for an advance on chosen receivables
//   approved   the platform's finance team agreed, within the supplier's limit
//   refused    or not, with a reason. Terminal.
//   funded     a second person released the advance (face less the fee) to the supplier
//   repaid     the insurer paid the statements: the advance was repaid out of what the supplier
//              was owed for the lines, before anything of theirs was paid out. Terminal.
//   overdue    the expected payment day passed unpaid (the daily job)
//   defaulted  given up on by the platform; repaid after all if the insurer pays in the end (its
//              payment cannot be refused for it).
export const financingStatuses = ['requested', 'approved', 'refused', 'funded', 'repaid', 'overdue', 'defaulted'] as const;
export type FinancingStatus = (typeof financingStatuses)[number];

export const financingEvents = ['approve', 'refuse', 'fund', 'repay', 'fall_overdue', 'default'] as const;
export type FinancingEvent = (typeof financingEvents)[number];

export const financingLifecycle = defineLifecycle({
  name: 'financing request',
  states: financingStatuses,
  events: financingEvents,
  initial: ['requested'],
  terminal: ['refused', 'repaid'],
  transitions: {
    requested: { approve: 'approved', refuse: 'refused' },
    approved: { fund: 'funded', refuse: 'refused' },
    refused: {},
    funded: { repay: 'repaid', fall_overdue: 'overdue' },
    overdue: { repay: 'repaid', default: 'defaulted' },
    repaid: {},
    defaulted: { repay: 'repaid' },
  },
});
