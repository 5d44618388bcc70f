import { defineLifecycle } from '../../../platform/lifecycle.ts';

// An inquiry's lifecycle (询价单) as data. `transition` is the only place its next state is
// decided; the commands run it under a row lock and record the move.

export const inquiryStatuses = [
  // Sent to suppliers, who bid until the deadline. Bids are sealed: the insurer sees how many
  // arrived, not what they say.
  'open',
  // Bidding is over: the deadline passed (`expire`, done by the system) or the insurer closed it
  // early (`close`). The bids are unsealed and ranked. Terminal.
  'closed',
  // The insurer called it off with a reason (the line was repaired instead, the part was found
  // elsewhere). The bids stay sealed for good, as the suppliers were promised. Terminal.
  'withdrawn',
] as const;
export type InquiryState = (typeof inquiryStatuses)[number];

export const inquiryEvents = [
  // A supplier places or replaces a bid.
  'bid',
  // The insurer invites more suppliers and may push the deadline out; the inquiry stays open.
  'escalate',
  // The insurer ends bidding before the deadline.
  'close',
  // The deadline passed; the system (a worker, or a read that finds it overdue) ends bidding.
  'expire',
  // The insurer calls the inquiry off, with a reason.
  'withdraw',
] as const;
export type InquiryEvent = (typeof inquiryEvents)[number];

// The transition table. A missing entry is a refused event: once closed or withdrawn, nothing
// moves an inquiry any more, so a late bid or escalation is a 409, never a silent change.
export const inquiryLifecycle = defineLifecycle({
  name: 'inquiry',
  states: inquiryStatuses,
  events: inquiryEvents,
  initial: ['open'],
  terminal: ['closed', 'withdrawn'],
  transitions: {
    open: { bid: 'open', escalate: 'open', close: 'closed', expire: 'closed', withdraw: 'withdrawn' },
    closed: {},
    withdrawn: {},
  },
});
export const inquiryTransitions = inquiryLifecycle.transitions;

export const transition = inquiryLifecycle.transition;
