import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { type Db, queryRows } from '../src/platform/db.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// Random histories of money-moving events, run through the API on a real database: goods received
// (bought outright or on consignment), a shop's orders, cancellations, deliveries accepted or
// rejected, returns restocked or scrapped. After every history the ledger must hold together:
// - debits equal credits, posted and pending, over all accounts and per transfer code;
// - every account's cached balances equal those recomputed from its transfers;
// - every line's sale is pending while the line is open, posted once if accepted, voided once if
//   rejected or cancelled, and never both;
// - what the shop owes (posted) is exactly its accepted lines, and pending exactly its open ones;
// - the platform's stock valuation adds up to its inventory account.

type Op =
  | { kind: 'receive'; product: number; qty: number; consignment: boolean }
  | { kind: 'order'; product: number; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'deliver'; pick: number; accept: boolean }
  | { kind: 'return'; pick: number; restock: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), product: fc.nat({ max: 1 }), qty: fc.integer({ min: 1, max: 4 }), consignment: fc.boolean() }),
  fc.record({ kind: fc.constant('order' as const), product: fc.nat({ max: 1 }), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), accept: fc.boolean() }),
  fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), restock: fc.boolean() }),
);

type Line = { orderId: string; lineId: string; shipmentId: string; product: number; amountFen: number; state: 'open' | 'accepted' | 'rejected' | 'cancelled' | 'returned' };

for (const kind of databaseKinds()) {
  describe(`the ledger under random histories on ${kind}`, () => {
    it('holds together after every history', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 20 }), async (ops) => {
          const t: TestApp = await startTestApp(kind);
          try {
            const f: CatalogFixture = await loadCatalogFixture(t.database.db);
            const users = cast(() => t);
            await users.signIn({ ops: 'admin@hz-ops.demo', shop: 'buyer@sh-anda.demo', huajun: 'sales@huajun.demo', yuetong: 'sales@yuetong.demo' });
            const { call } = users;
            const products = [
              { id: f.products.oes.id, supplier: f.suppliers.huajun, seller: 'huajun' },
              { id: f.products.aftermarket.id, supplier: f.suppliers.yuetong, seller: 'yuetong' },
            ];
            const w = await call('ops', 'POST', '/api/v1/warehouses', {
              code: 'LEDGER-1',
              name: 'ledger',
              kind: 'central',
              regionCode: '330100',
              coverage: [{ regionCode: '310000', transitDays: 1 }],
            });
            expect(w.statusCode, w.body).toBe(201);
            const warehouseId = w.json().id as string;
            const lines: Line[] = [];
            const inState = (s: Line['state']) => lines.filter((l) => l.state === s);

            for (const o of ops) {
              if (o.kind === 'receive') {
                const p = products[o.product]!;
                const res = await call('ops', 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, {
                  supplierOrgId: p.supplier,
                  consignment: o.consignment,
                  lines: [{ productId: p.id, qty: o.qty, lotNo: `L${o.qty}` }],
                });
                expect(res.statusCode, res.body).toBe(201);
              } else if (o.kind === 'order') {
                const res = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: products[o.product]!.id, qty: o.qty }], backorders: 'in_stock_only' });
                expect([201, 409]).toContain(res.statusCode);
                if (res.statusCode === 201) {
                  const body = res.json();
                  lines.push({ orderId: body.id, lineId: body.lines[0].id, shipmentId: body.shipments[0].id, product: o.product, amountFen: body.lines[0].amountFen, state: 'open' });
                }
              } else if (o.kind === 'cancel') {
                const open = inState('open');
                if (open.length === 0) continue;
                const target = open[o.pick % open.length]!;
                expect((await call('shop', 'POST', `/api/v1/orders/${target.orderId}/cancel`, { reason: 'property' })).statusCode).toBe(200);
                target.state = 'cancelled';
              } else if (o.kind === 'deliver') {
                const open = inState('open');
                if (open.length === 0) continue;
                const target = open[o.pick % open.length]!;
                expect((await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/pack`, { lines: [{ orderLineId: target.lineId }] })).statusCode).toBe(200);
                expect((await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/ship`, { carrier: 'SF', trackingNo: 'P1' })).statusCode).toBe(200);
                expect((await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/events`, { type: 'delivered' })).statusCode).toBe(200);
                const receipt = await call('shop', 'POST', `/api/v1/orders/${target.orderId}/receipt`, {
                  lines: [{ orderLineId: target.lineId, result: o.accept ? 'accepted' : 'rejected', ...(o.accept ? {} : { reason: 'quality' }) }],
                });
                expect(receipt.statusCode, receipt.body).toBe(200);
                target.state = o.accept ? 'accepted' : 'rejected';
              } else {
                const rejected = inState('rejected');
                if (rejected.length === 0) continue;
                const target = rejected[o.pick % rejected.length]!;
                const ret = (await call('shop', 'GET', '/api/v1/returns?status=requested')).json().items.find((r: { orderLineId: string }) => r.orderLineId === target.lineId);
                expect((await call(products[target.product]!.seller, 'POST', `/api/v1/returns/${ret.id}/approve`)).statusCode).toBe(200);
                expect((await call('ops', 'POST', `/api/v1/returns/${ret.id}/receive`, { disposition: o.restock ? 'restock' : 'scrap' })).statusCode).toBe(200);
                target.state = 'returned';
              }
            }
            const [shop] = await queryRows<{ org_id: string }>(t.database.db, sql`select org_id from app_user where email = 'buyer@sh-anda.demo'`);
            await expectLedgerHolds(t.database.db, lines, shop!.org_id);
          } finally {
            await t.close();
          }
        }),
        { numRuns: kind === 'pg' ? 6 : 8 },
      );
    }, 600_000);
  });
}

type Num = string | number | null;
const n = (v: Num) => BigInt(v ?? 0);

async function expectLedgerHolds(db: Db, lines: readonly Line[], shopOrgId: string): Promise<void> {
  const rows = <T>(q: SQL) => queryRows<T>(db, q);

  // Debits equal credits, overall and per code (each transfer is one of each, so the cache must say so).
  const [totals] = await rows<{ dp: Num; dpo: Num; cp: Num; cpo: Num }>(
    sql`select sum(debits_pending) as dp, sum(debits_posted) as dpo, sum(credits_pending) as cp, sum(credits_posted) as cpo from ledger_account`,
  );
  expect(n(totals!.dp)).toBe(n(totals!.cp));
  expect(n(totals!.dpo)).toBe(n(totals!.cpo));

  // The cache equals the transfers.
  const differ = await rows<{ id: string }>(sql`
    with moves as (
      select debit_account_id as id,
        sum(case when phase in ('single','post') then amount_fen else 0 end) as dpo,
        sum(case when phase = 'pending' then amount_fen when phase in ('post','void') then -amount_fen else 0 end) as dp,
        0::numeric as cpo, 0::numeric as cp
      from ledger_transfer group by 1
      union all
      select credit_account_id,
        0, 0,
        sum(case when phase in ('single','post') then amount_fen else 0 end),
        sum(case when phase = 'pending' then amount_fen when phase in ('post','void') then -amount_fen else 0 end)
      from ledger_transfer group by 1),
    computed as (select id, sum(dpo) as dpo, sum(dp) as dp, sum(cpo) as cpo, sum(cp) as cp from moves group by id)
    select a.id from ledger_account a left join computed c on c.id = a.id
    where a.debits_posted <> coalesce(c.dpo, 0) or a.debits_pending <> coalesce(c.dp, 0) or a.credits_posted <> coalesce(c.cpo, 0) or a.credits_pending <> coalesce(c.cp, 0)`);
  expect(differ).toEqual([]);

  // Every line's legs: pending once; resolved at most once, as its state says.
  const legs = await rows<{ line: string; code: string; pending: number; posts: number; voids: number }>(sql`
    select order_line_id as line, code,
      count(*) filter (where phase = 'pending')::int as pending,
      count(*) filter (where phase = 'post')::int as posts,
      count(*) filter (where phase = 'void')::int as voids
    from ledger_transfer where code in ('sale','sale_vat') group by 1, 2`);
  for (const l of lines) {
    const mine = legs.filter((g) => g.line === l.lineId);
    expect(mine.map((g) => g.code).sort()).toEqual(['sale', 'sale_vat']);
    const accepted = l.state === 'accepted';
    const released = l.state === 'rejected' || l.state === 'returned' || l.state === 'cancelled';
    for (const g of mine)
      expect({ line: l.lineId, state: l.state, pending: g.pending, posts: g.posts, voids: g.voids }).toEqual({
        line: l.lineId,
        state: l.state,
        pending: 1,
        posts: accepted ? 1 : 0,
        voids: released ? 1 : 0,
      });
  }

  // What the shop owes: its accepted lines posted, its open lines pending.
  const [shop] = await rows<{ dp: Num; dpo: Num; cpo: Num }>(
    sql`select debits_pending as dp, debits_posted as dpo, credits_posted as cpo from ledger_account where org_id = ${shopOrgId} and code = 'shop_receivable'`,
  );
  const sum = (s: Line['state']) => lines.filter((l) => l.state === s).reduce((a, l) => a + BigInt(l.amountFen), 0n);
  expect({ pending: n(shop?.dp ?? 0), posted: n(shop?.dpo ?? 0) - n(shop?.cpo ?? 0) }).toEqual({ pending: sum('open'), posted: sum('accepted') });

  // The platform's own stock at cost is its inventory account.
  const [inv] = await rows<{ value: Num; balance: Num }>(sql`
    select (select coalesce(sum(value_fen), 0) from stock_valuation) as value,
      (select coalesce(sum(debits_posted - credits_posted), 0) from ledger_account where code = 'platform_inventory') as balance`);
  expect(n(inv!.value)).toBe(n(inv!.balance));

  // And the verify command agrees (it checks the same and more: transfers against their pendings).
  const report = await verifyLedger(db);
  expect(
    report.ok,
    JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ).toBe(true);

  // A supplier is never owed less than nothing.
  const negative = await rows<{ id: string }>(sql`select id from ledger_account where code = 'supplier_payable' and debits_posted + debits_pending > credits_posted`);
  expect(negative).toEqual([]);
}
