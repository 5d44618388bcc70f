import type { ReturnStatus } from '../tables.ts';

// A return's lifecycle (退货) as data:
//   requested — the shop rejected the line at receipt; the seller has to answer;
//   approved  — the seller accepts it: the goods go back to the warehouse they came from;
//   refused   — the seller disputes it (the platform arbitrates outside this flow); terminal here;
//   received  — back at the warehouse, restocked as sellable or scrapped; the credit is due;
//   closed    — the credit was settled (the settlement issue moves it there).
export const returnEvents = ['approve', 'refuse', 'receive', 'close'] as const;
export type ReturnEvent = (typeof returnEvents)[number];

export const returnTransitions: Readonly<Record<ReturnStatus, Partial<Record<ReturnEvent, ReturnStatus>>>> = {
  requested: { approve: 'approved', refuse: 'refused' },
  approved: { receive: 'received' },
  refused: {},
  received: { close: 'closed' },
  closed: {},
};

export function returnTransition(state: ReturnStatus, event: ReturnEvent): { ok: true; to: ReturnStatus } | { ok: false; code: 'invalid_transition' } {
  const to = returnTransitions[state][event];
  return to === undefined ? { ok: false, code: 'invalid_transition' } : { ok: true, to };
}
