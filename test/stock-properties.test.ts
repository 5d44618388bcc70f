import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyStock } from '../src/modules/inventory/index.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { stockAt } from './support/stock.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// Random histories of receipts, orders, cancellations, shipments and returns, run through the API
// on a real database, against a model that knows only arithmetic: per product, units received,
// reserved by open lines, shipped, and restocked from returns. After every history the books must
// agree with the model (on hand = received − shipped + restocked; reserved = what open lines hold),
// no quant may be impossible, the cache must equal the moves, and every order the model says fits
// must have been accepted and every other refused.

type Op =
  | { kind: 'receive'; product: number; qty: number }
  | { kind: 'order'; product: number; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'ship'; pick: number }
  | { kind: 'return'; pick: number; restock: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), product: fc.nat({ max: 2 }), qty: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('order' as const), product: fc.nat({ max: 2 }), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('ship' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), restock: fc.boolean() }),
);

type OpenOrder = { id: string; lineId: string; shipmentId: string; product: number; qty: number; state: 'reserved' | 'shipped' | 'done' };

for (const kind of databaseKinds()) {
  describe(`stock conservation under random histories on ${kind}`, () => {
    it('keeps the books equal to the model after every history', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
          const t: TestApp = await startTestApp(kind);
          try {
            const f: CatalogFixture = await loadCatalogFixture(t.database.db);
            const users = cast(() => t);
            await users.signIn({ ops: 'admin@hz-ops.demo', shop: 'buyer@sh-anda.demo', huajun: 'sales@huajun.demo', yuetong: 'sales@yuetong.demo' });
            const { call } = users;
            const products = [
              { id: f.products.oes.id, supplier: f.suppliers.huajun, seller: 'huajun' },
              { id: f.products.oem.id, supplier: f.suppliers.yuetong, seller: 'yuetong' },
              { id: f.products.aftermarket.id, supplier: f.suppliers.yuetong, seller: 'yuetong' },
            ];
            const w = await call('ops', 'POST', '/api/v1/warehouses', { code: 'PROP-1', name: 'prop', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
            const warehouseId = w.json().id as string;
            const location = w.json().stockLocationId as string;
            const model = products.map(() => ({ received: 0, reserved: 0, shipped: 0, restocked: 0 }));
            const orders: OpenOrder[] = [];
            const open = (state: OpenOrder['state']) => orders.filter((o) => o.state === state);

            for (const o of ops) {
              if (o.kind === 'receive') {
                const p = products[o.product]!;
                const res = await call('ops', 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, { supplierOrgId: p.supplier, lines: [{ productId: p.id, qty: o.qty, lotNo: `LOT-${o.qty}` }] });
                expect(res.statusCode, res.body).toBe(201);
                model[o.product]!.received += o.qty;
              } else if (o.kind === 'order') {
                const m = model[o.product]!;
                const fits = m.received - m.shipped + m.restocked - m.reserved >= o.qty;
                const res = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: products[o.product]!.id, qty: o.qty }], backorders: 'in_stock_only' });
                expect(res.statusCode, res.body).toBe(fits ? 201 : 409);
                if (fits) {
                  const body = res.json();
                  orders.push({ id: body.id, lineId: body.lines[0].id, shipmentId: body.shipments[0].id, product: o.product, qty: o.qty, state: 'reserved' });
                  m.reserved += o.qty;
                }
              } else if (o.kind === 'cancel') {
                const candidates = open('reserved');
                if (candidates.length === 0) continue;
                const target = candidates[o.pick % candidates.length]!;
                expect((await call('shop', 'POST', `/api/v1/orders/${target.id}/cancel`, { reason: 'property' })).statusCode).toBe(200);
                target.state = 'done';
                model[target.product]!.reserved -= target.qty;
              } else if (o.kind === 'ship') {
                const candidates = open('reserved');
                if (candidates.length === 0) continue;
                const target = candidates[o.pick % candidates.length]!;
                expect((await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/pack`, { lines: [{ orderLineId: target.lineId }] })).statusCode).toBe(200);
                expect((await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/ship`, { carrier: 'SF', trackingNo: 'P1' })).statusCode).toBe(200);
                target.state = 'shipped';
                model[target.product]!.reserved -= target.qty;
                model[target.product]!.shipped += target.qty;
              } else {
                const candidates = open('shipped');
                if (candidates.length === 0) continue;
                const target = candidates[o.pick % candidates.length]!;
                expect((await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/events`, { type: 'delivered' })).statusCode).toBe(200);
                const received = await call('shop', 'POST', `/api/v1/orders/${target.id}/receipt`, { lines: [{ orderLineId: target.lineId, result: 'rejected', reason: 'quality' }] });
                expect(received.statusCode, received.body).toBe(200);
                const ret = (await call('shop', 'GET', '/api/v1/returns?status=requested')).json().items[0];
                expect((await call(products[target.product]!.seller, 'POST', `/api/v1/returns/${ret.id}/approve`)).statusCode).toBe(200);
                expect((await call('ops', 'POST', `/api/v1/returns/${ret.id}/receive`, { disposition: o.restock ? 'restock' : 'scrap' })).statusCode).toBe(200);
                target.state = 'done';
                if (o.restock) model[target.product]!.restocked += target.qty;
              }
            }

            for (const [i, p] of products.entries()) {
              const { onHand, reserved } = await stockAt(t.database.db, p.id, location);
              const m = model[i]!;
              expect({ onHand, reserved }).toEqual({ onHand: m.received - m.shipped + m.restocked, reserved: m.reserved });
            }
            const report = await verifyStock(t.database.db);
            expect(report).toMatchObject({ ok: true, mismatches: [], invalid: [] });
          } finally {
            await t.close();
          }
        }),
        { numRuns: kind === 'pg' ? 8 : 12 },
      );
    }, 300_000);
  });
}
