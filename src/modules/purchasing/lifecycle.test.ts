import { describe, expect, it } from 'vitest';
import { purchaseOrderEvents, purchaseOrderTransitions, transition, type PurchaseOrderEvent } from './lifecycle.ts';
import type { PurchaseOrderStatus } from './tables.ts';

const statuses: PurchaseOrderStatus[] = ['draft', 'sent', 'confirmed', 'refused', 'partially_received', 'received', 'cancelled'];

// Every (state, event) pair: what the table allows, and that everything else is refused.
const allowed: [PurchaseOrderStatus, PurchaseOrderEvent, PurchaseOrderStatus][] = [
  ['draft', 'send', 'sent'],
  ['draft', 'cancel', 'cancelled'],
  ['sent', 'confirm', 'confirmed'],
  ['sent', 'refuse', 'refused'],
  ['sent', 'cancel', 'cancelled'],
  ['confirmed', 'ship', 'confirmed'],
  ['confirmed', 'receive_part', 'partially_received'],
  ['confirmed', 'receive_all', 'received'],
  ['confirmed', 'cancel', 'cancelled'],
  ['partially_received', 'ship', 'partially_received'],
  ['partially_received', 'receive_part', 'partially_received'],
  ['partially_received', 'receive_all', 'received'],
];

describe('purchase order lifecycle', () => {
  for (const state of statuses) {
    for (const event of purchaseOrderEvents) {
      const hit = allowed.find(([s, e]) => s === state && e === event);
      it(`${state} + ${event} → ${hit ? hit[2] : 'refused'}`, () => {
        expect(transition(state, event)).toEqual(hit ? { ok: true, to: hit[2] } : { ok: false, code: 'invalid_transition' });
      });
    }
  }

  it('lists no other transition than those above', () => {
    const inTable = Object.entries(purchaseOrderTransitions).flatMap(([s, events]) => Object.entries(events).map(([e, to]) => [s, e, to]));
    expect(inTable.sort()).toEqual(allowed.map((a) => [...a]).sort());
  });

  it('ends in refused, received and cancelled, and nothing is skipped on the way to received', () => {
    for (const terminal of ['refused', 'received', 'cancelled'] as const) expect(purchaseOrderTransitions[terminal]).toEqual({});
    // Goods are received only after the supplier confirmed: never straight from a draft or a sent order.
    for (const early of ['draft', 'sent'] as const) {
      expect(transition(early, 'receive_part').ok).toBe(false);
      expect(transition(early, 'receive_all').ok).toBe(false);
    }
    // Nothing that arrived can be cancelled away.
    expect(transition('partially_received', 'cancel').ok).toBe(false);
  });
});
