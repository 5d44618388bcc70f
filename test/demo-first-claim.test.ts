import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type QuoteLine = { id: string; approval: { status: string }; ranking: { chosen: unknown } | null };

// Issue 10's first walk, on the demo world as `npm start` seeds it: the first demo vehicle (the
// first model's sample VIN), a front-end collision in Shanghai naming the five parts claims name
// most, quoted, approved by a colleague, and ordered by the shop's buyer. The seed's stock must
// carry it: every line is reserved at once, from a warehouse that delivers to Shanghai.
const COLLISION = ['前保险杠皮', '左前大灯总成', '右前大灯总成', '左前叶子板', '左后视镜总成'];

for (const kind of databaseKinds()) {
  describe(`the first claim of the demo world on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await users.signIn({ adjuster: 'adjuster@picc.demo', checker: 'checker@picc.demo', buyer: 'buyer@sh-anda.demo', platform: 'admin@anpei.demo' });
    }, 240_000);
    afterAll(() => t?.close());

    it('orders five commonly damaged parts of the first vehicle in Shanghai, every line reserved at once', async () => {
      const model = (await call('adjuster', 'GET', '/api/v1/vehicle-models?limit=1')).json<Page<{ id: string; sampleVin: string }>>().items[0]!;
      const shop = (await call('buyer', 'GET', '/api/v1/me')).json<{ org: { id: string; regionCode: string } }>().org;
      expect(shop.regionCode.slice(0, 2)).toBe('31');
      const parts = (await call('adjuster', 'GET', `/api/v1/parts?vin=${model.sampleVin}&limit=100`)).json<Page<{ id: string; nameZh: string }>>().items;
      const named = COLLISION.map((name) => parts.find((p) => p.nameZh === name));
      expect(named.every(Boolean), JSON.stringify(named)).toBe(true);

      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `WALK10-${kind}`,
        policyNo: 'PDAA202631010000054321',
        accidentDate: '2026-11-20',
        accidentRegionCode: shop.regionCode,
        vin: model.sampleVin,
        plate: '沪A10W01',
        repairShopOrgId: shop.id,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const assessed = await call('adjuster', 'POST', `/api/v1/claims/${filed.json<{ id: string }>().id}/assessments`, {
        lines: named.map((p) => ({ partId: p!.id, quantity: 1, operation: 'replace', labourHours: 1 })),
      });
      expect(assessed.statusCode, assessed.body).toBe(201);
      const assessmentId = assessed.json<{ id: string }>().id;
      const quoted = await call('adjuster', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
      expect(quoted.statusCode, quoted.body).toBe(201);
      const lines = quoted.json<{ lines: QuoteLine[] }>().lines;
      // Every part is offered in Shanghai, so every line has a chosen offer.
      expect(lines.filter((l) => !l.ranking?.chosen)).toEqual([]);
      const pending = lines.filter((l) => l.approval.status === 'pending');
      if (pending.length > 0) {
        const approved = await call('checker', 'POST', `/api/v1/assessments/${assessmentId}/approve`, { lines: pending.map((l) => ({ quoteLineId: l.id, action: 'accept' })) });
        expect(approved.statusCode, approved.body).toBe(200);
      }

      const order = await call('buyer', 'POST', '/api/v1/orders', { assessmentId });
      expect(order.statusCode, order.body).toBe(201);
      const placed = order.json<{ lines: { status: string; warehouseId: string; dropShip: boolean }[] }>();
      expect(placed.lines).toHaveLength(COLLISION.length);
      expect(placed.lines.map((l) => l.status)).toEqual(COLLISION.map(() => 'reserved'));
      // From the platform's own stock where it holds the part (the East-China central warehouse).
      const warehouses = (await call('platform', 'GET', '/api/v1/warehouses')).json<{ items: { id: string; code: string }[] }>().items;
      const codes = placed.lines.map((l) => warehouses.find((w) => w.id === l.warehouseId)?.code);
      expect(codes.filter((c) => c === 'HZ-CENTRAL').length).toBeGreaterThanOrEqual(4);
    });
  });
}
