import { describe, expect, it } from 'vitest';
import { orderLineEvents, orderLineStatuses, transition, type OrderLineEvent, type OrderLineStatus } from './lifecycle.ts';
import { orderStatus, type OrderStatus } from './status.ts';

// The intended moves, by hand: every (state, event) pair of the table is checked against this list.
const allowed: [OrderLineStatus, OrderLineEvent, OrderLineStatus][] = [
  ['awaiting_stock', 'stock_arrived', 'reserved'],
  ['awaiting_stock', 'cancel', 'cancelled'],
  ['reserved', 'pick', 'picked'],
  ['reserved', 'resource', 'awaiting_stock'],
  ['picked', 'resource', 'awaiting_stock'],
  ['reserved', 'cancel', 'cancelled'],
  ['picked', 'ship', 'shipped'],
  ['picked', 'cancel', 'cancelled'],
  ['shipped', 'deliver', 'delivered'],
  ['delivered', 'accept', 'accepted'],
  ['delivered', 'reject', 'rejected'],
  ['accepted', 'install', 'installed'],
  ['accepted', 'return', 'returned'],
];

describe('order line lifecycle', () => {
  const pairs = orderLineStatuses.flatMap((state) => orderLineEvents.map((event) => [state, event] as const));
  it.each(pairs)('%s + %s', (state, event) => {
    const expected = allowed.find(([s, e]) => s === state && e === event);
    expect(transition(state, event)).toEqual(expected ? { ok: true, to: expected[2] } : { ok: false, code: 'invalid_transition' });
  });
});

describe('order status from its lines', () => {
  const cases: [OrderLineStatus[], OrderStatus][] = [
    [['reserved', 'reserved'], 'reserved'],
    [['awaiting_stock', 'reserved'], 'awaiting_stock'],
    [['awaiting_stock', 'awaiting_stock', 'cancelled'], 'awaiting_stock'],
    [['awaiting_stock', 'picked'], 'in_fulfilment'],
    [['awaiting_stock', 'shipped'], 'in_fulfilment'],
    [['reserved', 'cancelled'], 'reserved'],
    [['cancelled', 'cancelled'], 'cancelled'],
    [['reserved', 'picked'], 'in_fulfilment'],
    [['picked', 'shipped'], 'in_fulfilment'],
    [['shipped', 'shipped', 'cancelled'], 'shipped'],
    [['shipped', 'delivered'], 'shipped'],
    [['delivered', 'accepted'], 'delivered'],
    [['accepted', 'rejected'], 'received'],
    [['rejected', 'rejected'], 'received'],
    [['installed', 'accepted'], 'received'],
    [['installed', 'rejected'], 'completed'],
    [['installed', 'cancelled'], 'completed'],
    [['accepted', 'returned'], 'received'],
    [['installed', 'returned'], 'completed'],
    [['returned', 'returned'], 'received'],
  ];
  it.each(cases)('%j → %s', (lines, status) => {
    expect(orderStatus(lines)).toBe(status);
  });
});
