import { defineLifecycle, type TransitionResult } from '../../platform/lifecycle.ts';

// The claim's lifecycle (报案 → 结算) as data: each state, what it means, and the events that leave
// it. `transition` is the only place a claim's next state is decided; applyClaimEvent (in
// apply-claim-event.ts) runs it under a row lock and records the move.

export const claimStatuses = [
  // Filed (报案/立案); no assessment exists yet. The only state a claim can be closed from without
  // having been paid: the insurer found nothing to replace, or the claim was filed in error.
  'open',
  // An assessment version (定损, or a supplement 追加定损) is being written and is still a draft.
  'assessing',
  // The latest assessment version was quoted (询价/报价): every line has a ranked offer or an
  // inquiry, and the version is frozen.
  'quoted',
  // The insurer's price check (核价) approved the latest version's lines.
  'approved',
  // The approved lines became an order to the shop. From here on parts are moving, so the claim
  // can no longer be cancelled and no supplement can be added here (that would amend the order;
  // the orders issue decides how).
  'ordered',
  // The shop fitted the parts and finished the repair (维修完工).
  'repaired',
  // Every accepted line is posted to the ledger (结算).
  'settled',
  // Archived: after settlement, or straight from `open` when nothing was assessed. Terminal.
  'closed',
  // Withdrawn before anything was ordered. Terminal.
  'cancelled',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

export const claimEvents = ['assess', 'supplement', 'quote', 'approve', 'order', 'repair', 'settle', 'close', 'cancel'] as const;
export type ClaimEvent = (typeof claimEvents)[number];

// The transition table. A missing entry is a refused event. `supplement` (a new assessment version
// after teardown) sends a quoted or approved claim back to `assessing`, because the new lines must
// be quoted and checked in their turn; in `assessing` it is a self-loop, allowed here, while the
// assessment command itself refuses a second draft.
export const claimLifecycle = defineLifecycle({
  name: 'claim',
  states: claimStatuses,
  events: claimEvents,
  initial: ['open'],
  terminal: ['closed', 'cancelled'],
  transitions: {
    open: { assess: 'assessing', close: 'closed', cancel: 'cancelled' },
    assessing: { supplement: 'assessing', quote: 'quoted', cancel: 'cancelled' },
    quoted: { supplement: 'assessing', approve: 'approved', cancel: 'cancelled' },
    approved: { supplement: 'assessing', order: 'ordered', cancel: 'cancelled' },
    ordered: { repair: 'repaired' },
    repaired: { settle: 'settled' },
    settled: { close: 'closed' },
    closed: {},
    cancelled: {},
  },
});
export const claimTransitions = claimLifecycle.transitions;

export type { TransitionResult };
export const transition = claimLifecycle.transition;
