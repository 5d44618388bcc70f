import { describe, expect, it } from 'vitest';
import { defineLifecycle, lifecycleFaults, statesAllowing, type LifecycleDefinition } from './lifecycle.ts';

const door: LifecycleDefinition<'closed' | 'open' | 'locked' | 'gone', 'open' | 'close' | 'lock' | 'remove'> = {
  name: 'door',
  states: ['closed', 'open', 'locked', 'gone'],
  events: ['open', 'close', 'lock', 'remove'],
  initial: ['closed'],
  terminal: ['gone'],
  transitions: { closed: { open: 'open', lock: 'locked', remove: 'gone' }, open: { close: 'closed' }, locked: { open: 'closed' }, gone: {} },
};

describe('defineLifecycle', () => {
  const lifecycle = defineLifecycle(door);

  it.each([
    ['closed', 'open', { ok: true, to: 'open' }],
    ['open', 'close', { ok: true, to: 'closed' }],
    ['open', 'lock', { ok: false, code: 'invalid_transition' }],
    ['gone', 'open', { ok: false, code: 'invalid_transition' }],
  ] as const)('%s --%s--> %j', (state, event, expected) => {
    expect(lifecycle.transition(state, event)).toEqual(expected);
  });

  it.each([
    ['open', ['closed', 'locked']],
    ['close', ['open']],
    ['remove', ['closed']],
  ] as const)('%s may leave from %j', (event, states) => {
    expect(statesAllowing(door, event)).toEqual(states);
  });

  it('finds nothing wrong with a sound one', () => {
    expect(lifecycleFaults(door)).toEqual([]);
  });

  it.each([
    [
      'a state out of reach',
      { ...door, transitions: { ...door.transitions, closed: { open: 'open', remove: 'gone' } }, events: ['open', 'close', 'remove'] },
      ['door: locked cannot be reached from closed'],
    ],
    ['a terminal state with a way out', { ...door, transitions: { ...door.transitions, gone: { open: 'open' } } }, ['door: terminal gone has a way out']],
    ['a dead end not called terminal', { ...door, transitions: { ...door.transitions, locked: {} } }, ['door: locked has no way out but is not terminal']],
    ['an event that moves nothing', { ...door, events: [...door.events, 'paint'] }, ['door: event paint moves nothing']],
    ['a target that is no state', { ...door, transitions: { ...door.transitions, open: { close: 'ajar' } } }, ['door: open --close--> ajar: ajar is not a state']],
  ] as [string, LifecycleDefinition<string, string>, string[]][])('reports %s', (_name, def, faults) => {
    expect(lifecycleFaults(def)).toEqual(faults);
  });
});
