import type { OrderLineStatus } from './lifecycle.ts';

export const orderStatuses = ['awaiting_stock', 'reserved', 'in_fulfilment', 'shipped', 'delivered', 'received', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

// An order's status, derived from its lines rather than stored beside them (so the two can never
// disagree). Cancelled lines are left out unless every line is cancelled; the order is as far as
// its least advanced remaining line, except that any line on its way makes it "in fulfilment":
//   all cancelled → cancelled
//   all reserved → reserved
//   all reserved or awaiting stock, some awaiting → awaiting_stock (backordered: nothing can go yet
//     for the waiting lines; the ready ones may already be picked — then it is in fulfilment)
//   some picked or shipped, or a mix of stages before delivery → in_fulfilment, or shipped when all shipped
//   all delivered or later, some only delivered → delivered
//   all accepted/rejected/returned/installed, some not installed → received
//   all installed (or installed and rejected or returned) → completed
// (rejected and returned lines are out of the order's way: their goods went back.)
export function orderStatus(lines: readonly OrderLineStatus[]): OrderStatus {
  const live = lines.filter((s) => s !== 'cancelled');
  if (live.length === 0) return 'cancelled';
  const every = (...s: OrderLineStatus[]) => live.every((l) => s.includes(l));
  if (every('reserved')) return 'reserved';
  if (every('reserved', 'awaiting_stock')) return 'awaiting_stock';
  if (every('installed', 'rejected', 'returned') && live.includes('installed')) return 'completed';
  if (every('accepted', 'rejected', 'returned', 'installed')) return 'received';
  if (every('delivered', 'accepted', 'rejected', 'returned', 'installed')) return 'delivered';
  if (every('shipped', 'delivered', 'accepted', 'rejected', 'returned', 'installed')) return 'shipped';
  return 'in_fulfilment';
}
