import { defineLifecycle } from '../../../platform/lifecycle.ts';

// A statement's lifecycle (对账单) as data:
//   draft      gathered by the platform's finance team; its lines are held by it and by no other
//   issued     sent to the payer, by a second person of the platform's finance team
//   confirmed  the payer agrees with it (or a dispute ended: credited or confirmed)
//   disputed   the payer disputes some lines, with reasons; the platform settles each by a credit
//              or by confirming the line, and the statement is confirmed
//   paid       payments cover its total (and, where the payer requires them, its invoices are
//              recorded). Terminal.
//   cancelled  a draft withdrawn; its lines are free for the next statement. Terminal.
export const statementStatuses = ['draft', 'issued', 'confirmed', 'disputed', 'paid', 'cancelled'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

export const statementEvents = ['issue', 'confirm', 'dispute', 'resolve', 'pay', 'cancel'] as const;
export type StatementEvent = (typeof statementEvents)[number];

export const statementLifecycle = defineLifecycle({
  name: 'statement',
  states: statementStatuses,
  events: statementEvents,
  initial: ['draft'],
  terminal: ['paid', 'cancelled'],
  transitions: {
    draft: { issue: 'issued', cancel: 'cancelled' },
    issued: { confirm: 'confirmed', dispute: 'disputed' },
    disputed: { resolve: 'confirmed' },
    confirmed: { pay: 'paid' },
    paid: {},
    cancelled: {},
  },
});
