import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A quote line's approval (核价) as data:
//   pending       — the policy wants a person to look (or the line waits for an inquiry's bids);
//   auto_approved — the policy approved it as quoted (at quoting, or when its inquiry's bids were
//                   merged); terminal;
//   approved      — the price checker accepted the chosen offer; terminal;
//   corrected     — the checker chose another offer and/or capped the price; terminal;
//   sent_back     — the checker sent it back with a reason (a supplement will assess it anew);
//                   terminal.
export const approvalStatuses = ['pending', 'auto_approved', 'approved', 'corrected', 'sent_back'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

// `accept`, `correct`, `send_back`: the checker's decisions. `merge` and `auto_approve`: an
// inquiry's bids merged into a waiting line, which then waits for a person or is approved by the
// policy.
export const approvalEvents = ['accept', 'correct', 'send_back', 'merge', 'auto_approve'] as const;
export type ApprovalEvent = (typeof approvalEvents)[number];

export const approvalLifecycle = defineLifecycle({
  name: 'quote line approval',
  states: approvalStatuses,
  events: approvalEvents,
  initial: ['pending', 'auto_approved'],
  terminal: ['auto_approved', 'approved', 'corrected', 'sent_back'],
  transitions: {
    pending: { accept: 'approved', correct: 'corrected', send_back: 'sent_back', merge: 'pending', auto_approve: 'auto_approved' },
    auto_approved: {},
    approved: {},
    corrected: {},
    sent_back: {},
  },
});

export const approvalTransition = approvalLifecycle.transition;
