import { describe, expect, it } from 'vitest';
import { inquiryEvents, inquiryStatuses, inquiryTransitions, transition, type InquiryEvent, type InquiryState } from './lifecycle.ts';
import { effectiveState } from './state.ts';

// Every (state, event) pair, written out: a change to the table must change this list too.
const table: [InquiryState, InquiryEvent, InquiryState | null][] = [
  ['open', 'bid', 'open'],
  ['open', 'escalate', 'open'],
  ['open', 'close', 'closed'],
  ['open', 'expire', 'closed'],
  ['open', 'withdraw', 'withdrawn'],
  ['closed', 'bid', null],
  ['closed', 'escalate', null],
  ['closed', 'close', null],
  ['closed', 'expire', null],
  ['closed', 'withdraw', null],
  ['withdrawn', 'bid', null],
  ['withdrawn', 'escalate', null],
  ['withdrawn', 'close', null],
  ['withdrawn', 'expire', null],
  ['withdrawn', 'withdraw', null],
];

describe('inquiry lifecycle', () => {
  it.each(table)('%s + %s → %s', (from, event, to) => {
    expect(transition(from, event)).toEqual(to === null ? { ok: false, code: 'invalid_transition' } : { ok: true, to });
  });

  it('covers every state and event', () => {
    expect(table).toHaveLength(inquiryStatuses.length * inquiryEvents.length);
    for (const state of inquiryStatuses) expect(Object.keys(inquiryTransitions[state]).every((e) => (inquiryEvents as readonly string[]).includes(e))).toBe(true);
  });

  it('treats an open inquiry past its deadline as closed', () => {
    const now = new Date('2026-07-01T08:00:00Z');
    const cases: [InquiryState, string, InquiryState][] = [
      ['open', '2026-07-01T08:00:01Z', 'open'],
      ['open', '2026-07-01T08:00:00Z', 'closed'],
      ['open', '2026-06-30T08:00:00Z', 'closed'],
      ['withdrawn', '2026-06-30T08:00:00Z', 'withdrawn'],
      ['closed', '2026-07-02T08:00:00Z', 'closed'],
    ];
    for (const [status, deadline, expected] of cases) expect(effectiveState({ status, deadlineAt: new Date(deadline) }, now)).toBe(expected);
  });
});
