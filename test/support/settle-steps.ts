import { expect } from 'vitest';
import { deliverShipment, demoCaller } from '../../src/seed/claims/demo-claims.ts';
import type { TestApp } from './app.ts';
import type { Cast } from './cast.ts';

// The steps from a delivered order to an issued statement on the demo world, as its people take
// them, for the suites that need accepted lines or a statement to work on: the shop's buyer orders
// an approved claim and the warehouses deliver it, the shop's receiver signs for a delivery, the
// platform's finance clerk gathers the payer's statement of a day and a second person (the
// platform's administrator) issues it, and the insurer may confirm it. Each step checks the API's
// answer. The cast must have signed in `receiver` (the shop's: 上海浦东安达), `finance` and
// `admin` (the platform's).

type Page<T> = { items: T[]; nextCursor: string | null };
export type DeliveredLine = { id: string; amountFen: number; handlingFeeFen: number };
export type DeliveredOrder = { id: string; payerOrgId: string; lines: DeliveredLine[] };
export type IssuedStatement = { id: string; statementNo: string; status: string; totalFen: number };

// The orders waiting at the shop to be signed for, oldest first (the demo's delivered claim order).
export async function deliveredOrders<O extends DeliveredOrder = DeliveredOrder>(users: Cast): Promise<O[]> {
  const res = await users.call('receiver', 'GET', '/api/v1/orders?lineStatus=delivered');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<O>>().items;
}

// The shop signs for an order's lines (all of them unless `lines` says which): each accepted, but
// those in `rejected`, refused at the door for the reason given.
export async function signFor(users: Cast, order: DeliveredOrder, opts: { lines?: readonly DeliveredLine[]; rejected?: readonly { line: DeliveredLine; reason: string }[] } = {}): Promise<void> {
  const rejected = opts.rejected ?? [];
  const accepted = (opts.lines ?? order.lines).filter((l) => !rejected.some((r) => r.line.id === l.id));
  const res = await users.call('receiver', 'POST', `/api/v1/orders/${order.id}/receipt`, {
    lines: [...accepted.map((l) => ({ orderLineId: l.id, result: 'accepted' })), ...rejected.map((r) => ({ orderLineId: r.line.id, result: 'rejected', reason: r.reason }))],
  });
  expect(res.statusCode, res.body).toBe(200);
}

// The shop's first delivered order (the demo's claim order of PICC), signed for whole, as it was
// before the signature.
export async function signForFirstDelivered<O extends DeliveredOrder = DeliveredOrder>(users: Cast): Promise<O> {
  const order = (await deliveredOrders<O>(users))[0]!;
  await signFor(users, order);
  return order;
}

// The shop's buyer orders PICC's first approved claim, and the warehouses pick, pack, ship and
// deliver it (as the demo's story does): one more delivered order to sign for.
export async function orderApprovedClaim(t: TestApp): Promise<void> {
  const as = demoCaller(t.app);
  const approved = ((await as('buyer@sh-anda.demo', 'GET', '/api/v1/claims?status=approved')).items as { id: string }[])[0]!;
  const version = ((await as('buyer@sh-anda.demo', 'GET', `/api/v1/claims/${approved.id}`)).assessments as { id: string; status: string }[]).find((a) => a.status === 'approved')!;
  const placed = await as('buyer@sh-anda.demo', 'POST', '/api/v1/orders', { assessmentId: version.id });
  for (const s of placed.shipments) await deliverShipment(as, t.database.db, s);
}

// The payer's statement of the day's accepted lines, gathered by the clerk and issued by the
// administrator (four eyes), as issued; confirmed too by `confirmedBy` (the cast's name for the
// payer's finance) when given. `key` makes each request's idempotency key (`key-gather`, …).
export async function issueStatement<S extends { id: string } = IssuedStatement>(users: Cast, payerOrgId: string, day: string, opts: { key?: string; confirmedBy?: string } = {}): Promise<S> {
  const key = (step: string): Record<string, string> => (opts.key ? { 'idempotency-key': `${opts.key}-${step}` } : {});
  const gathered = await users.call('finance', 'POST', '/api/v1/statements', { payerOrgId, from: day, to: day }, key('gather'));
  expect(gathered.statusCode, gathered.body).toBe(201);
  const issued = await users.call('admin', 'POST', `/api/v1/statements/${gathered.json<S>().id}/issue`, undefined, key('issue'));
  expect(issued.statusCode, issued.body).toBe(200);
  if (!opts.confirmedBy) return issued.json<S>();
  const confirmed = await users.call(opts.confirmedBy, 'POST', `/api/v1/statements/${gathered.json<S>().id}/confirm`, undefined, key('confirm'));
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return confirmed.json<S>();
}
