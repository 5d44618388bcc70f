import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

// A lifecycle (claim, assessment, order line, shipment, return, inquiry, purchase order, …) as
// data: its states, its events and the transition table, from which come the one transition
// function its commands ask, the database CHECK that keeps its status column to its states, and
// the exhaustive table test every lifecycle passes (test/lifecycles.test.ts). A missing entry in
// the table is a refused event.

export type TransitionResult<S> = { ok: true; to: S } | { ok: false; code: 'invalid_transition' };

export type LifecycleDefinition<S extends string, E extends string> = {
  // For messages and tests: 'claim', 'order line', …
  name: string;
  states: readonly S[];
  events: readonly E[];
  // Where a new object starts (some lifecycles have more than one way in).
  initial: readonly S[];
  // Where it ends: no event leaves these.
  terminal: readonly S[];
  transitions: Readonly<Record<S, Partial<Record<E, S>>>>;
};

export type Lifecycle<S extends string, E extends string> = LifecycleDefinition<S, E> & {
  // Closes over the definition, never `this`: a module may export it on its own.
  transition(state: S, event: E): TransitionResult<S>;
  // The SQL of the CHECK constraint on a status column: it holds one of the states.
  check(column: AnyPgColumn): SQL;
};

// The states an event may leave from, for a statement that moves many rows at once (`where status
// in (…)`).
export function statesAllowing<S extends string, E extends string>(l: LifecycleDefinition<S, E>, event: E): S[] {
  return l.states.filter((s) => l.transitions[s]?.[event] !== undefined);
}

export function defineLifecycle<const S extends string, const E extends string>(def: LifecycleDefinition<S, E>): Lifecycle<S, E> {
  return {
    ...def,
    transition(state, event) {
      const to = def.transitions[state]?.[event];
      return to === undefined ? { ok: false, code: 'invalid_transition' } : { ok: true, to };
    },
    check(column) {
      return sql`${column} in (${sql.raw(def.states.map((s) => `'${s}'`).join(','))})`;
    },
  };
}

// What makes a lifecycle sound, as a list of faults (empty when sound): every state has its row in
// the table and every target is a state; every state is reachable from an initial one; terminal
// states have no way out and every other state has one; every event is used somewhere.
export function lifecycleFaults<S extends string, E extends string>(l: LifecycleDefinition<S, E>): string[] {
  const faults: string[] = [];
  const states = new Set<string>(l.states);
  for (const s of l.states) if (!(s in l.transitions)) faults.push(`${l.name}: state ${s} has no row in the table`);
  for (const [from, row] of Object.entries(l.transitions) as [string, Partial<Record<E, S>>][]) {
    if (!states.has(from)) faults.push(`${l.name}: the table has a row for ${from}, which is not a state`);
    for (const [event, to] of Object.entries(row) as [string, S][]) {
      if (!(l.events as readonly string[]).includes(event)) faults.push(`${l.name}: ${from} --${event}--> ${to}: ${event} is not an event`);
      if (!states.has(to)) faults.push(`${l.name}: ${from} --${event}--> ${to}: ${to} is not a state`);
    }
  }
  for (const s of l.initial) if (!states.has(s)) faults.push(`${l.name}: initial ${s} is not a state`);
  const reached = new Set<string>(l.initial);
  for (let grew = true; grew; ) {
    grew = false;
    for (const from of [...reached]) {
      for (const to of Object.values(l.transitions[from as S] ?? {}) as S[]) {
        if (!reached.has(to)) {
          reached.add(to);
          grew = true;
        }
      }
    }
  }
  for (const s of l.states) if (!reached.has(s)) faults.push(`${l.name}: ${s} cannot be reached from ${l.initial.join(' or ')}`);
  for (const s of l.states) {
    const ways = Object.keys(l.transitions[s] ?? {}).length;
    const terminal = (l.terminal as readonly string[]).includes(s);
    if (terminal && ways > 0) faults.push(`${l.name}: terminal ${s} has a way out`);
    if (!terminal && ways === 0) faults.push(`${l.name}: ${s} has no way out but is not terminal`);
  }
  const used = new Set(Object.values(l.transitions).flatMap((row) => Object.keys(row as object)));
  for (const e of l.events) if (!used.has(e)) faults.push(`${l.name}: event ${e} moves nothing`);
  return faults;
}
