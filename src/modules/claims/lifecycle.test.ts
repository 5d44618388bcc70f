import { describe, expect, it } from 'vitest';
import { assessmentEvents, assessmentStatuses, assessmentTransition, type AssessmentEvent, type AssessmentStatus } from './assessment-lifecycle.ts';
import { claimEvents, claimStatuses, transition, type ClaimEvent, type ClaimStatus } from './lifecycle.ts';

// The intended moves, written out by hand: the test then checks every (state, event) pair of the
// table against this list, so a change to the table is a change to this list too.
const allowed: [ClaimStatus, ClaimEvent, ClaimStatus][] = [
  ['open', 'assess', 'assessing'],
  ['open', 'close', 'closed'],
  ['open', 'cancel', 'cancelled'],
  ['assessing', 'supplement', 'assessing'],
  ['assessing', 'quote', 'quoted'],
  ['assessing', 'cancel', 'cancelled'],
  ['quoted', 'supplement', 'assessing'],
  ['quoted', 'approve', 'approved'],
  ['quoted', 'cancel', 'cancelled'],
  ['approved', 'supplement', 'assessing'],
  ['approved', 'order', 'ordered'],
  ['approved', 'cancel', 'cancelled'],
  ['ordered', 'repair', 'repaired'],
  ['repaired', 'settle', 'settled'],
  ['settled', 'close', 'closed'],
];

describe('claim lifecycle', () => {
  const pairs = claimStatuses.flatMap((state) => claimEvents.map((event) => [state, event] as const));
  it.each(pairs)('%s + %s', (state, event) => {
    const expected = allowed.find(([s, e]) => s === state && e === event);
    expect(transition(state, event)).toEqual(expected ? { ok: true, to: expected[2] } : { ok: false, code: 'invalid_transition' });
  });

  it('ends only in closed or cancelled, and reaches every state from open', () => {
    const exits = (s: ClaimStatus) => claimEvents.filter((e) => transition(s, e).ok);
    expect(claimStatuses.filter((s) => exits(s).length === 0)).toEqual(['closed', 'cancelled']);
    const seen = new Set<ClaimStatus>(['open']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...seen]) {
        for (const e of claimEvents) {
          const step = transition(s, e);
          if (step.ok && !seen.has(step.to)) {
            seen.add(step.to);
            changed = true;
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...claimStatuses].sort());
  });

  it('allows cancelling only before the order, and no supplement after it', () => {
    expect(claimStatuses.filter((s) => transition(s, 'cancel').ok)).toEqual(['open', 'assessing', 'quoted', 'approved']);
    expect(claimStatuses.filter((s) => transition(s, 'supplement').ok)).toEqual(['assessing', 'quoted', 'approved']);
  });
});

const assessmentAllowed: [AssessmentStatus, AssessmentEvent, AssessmentStatus][] = [
  ['draft', 'quote', 'quoted'],
  ['quoted', 'approve', 'approved'],
];

describe('assessment lifecycle', () => {
  const pairs = assessmentStatuses.flatMap((state) => assessmentEvents.map((event) => [state, event] as const));
  it.each(pairs)('%s + %s', (state, event) => {
    const expected = assessmentAllowed.find(([s, e]) => s === state && e === event);
    expect(assessmentTransition(state, event)).toEqual(expected ? { ok: true, to: expected[2] } : { ok: false, code: 'invalid_transition' });
  });
});
