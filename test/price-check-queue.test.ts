import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Waiting = { assessmentId: string; claimNo: string; plate: string; vehicle: string | null; pendingLines: number; lines: number; quotedAt: string };

// The price checker's queue (GET /api/v1/price-checks): quoted versions with lines that need a
// human, oldest first, only the checker's own insurer's, and gone once checked.
for (const kind of databaseKinds()) {
  describe(`the price checker's queue on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await users.signIn({ admin: 'admin@picc.demo', adjuster: 'adjuster@picc.demo', checker: 'checker@picc.demo', buyer: 'buyer@sh-anda.demo' });
    }, 240_000);
    afterAll(() => t?.close());

    async function quotedClaim(claimNo: string): Promise<string> {
      const model = (await call('adjuster', 'GET', '/api/v1/vehicle-models?limit=1')).json<Page<{ sampleVin: string }>>().items[0]!;
      const shop = (await call('buyer', 'GET', '/api/v1/me')).json<{ org: { id: string; regionCode: string } }>().org;
      const parts = (await call('adjuster', 'GET', `/api/v1/parts?vin=${model.sampleVin}&limit=100`)).json<Page<{ id: string; nameZh: string }>>().items;
      const named = ['前保险杠皮', '左前大灯总成'].map((n) => parts.find((p) => p.nameZh === n)!);
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo,
        policyNo: 'PDAA202631010000054321',
        accidentDate: '2026-11-20',
        accidentRegionCode: shop.regionCode,
        vin: model.sampleVin,
        plate: '沪A10Q01',
        repairShopOrgId: shop.id,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const assessed = await call('adjuster', 'POST', `/api/v1/claims/${filed.json<{ id: string }>().id}/assessments`, {
        lines: named.map((p) => ({ partId: p.id, quantity: 1, operation: 'replace', labourHours: 1 })),
      });
      expect(assessed.statusCode, assessed.body).toBe(201);
      const assessmentId = assessed.json<{ id: string }>().id;
      const quoted = await call('adjuster', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
      expect(quoted.statusCode, quoted.body).toBe(201);
      return assessmentId;
    }

    it('lists the versions waiting for a human, oldest first, until they are checked', async () => {
      // Every claim above ¥0 in parts needs a human, so every line waits.
      const policy = (await call('admin', 'GET', '/api/v1/insurer/policy')).json<{ policy: Record<string, unknown> & { approval: Record<string, unknown> } }>().policy;
      const put = await call('admin', 'PUT', '/api/v1/insurer/policy', { ...policy, approval: { ...policy.approval, claimPartsTotalAboveFen: 0 } });
      expect(put.statusCode, put.body).toBe(200);

      const first = await quotedClaim(`QUEUE-1-${kind}`);
      const second = await quotedClaim(`QUEUE-2-${kind}`);
      const queue = await call('checker', 'GET', '/api/v1/price-checks?limit=200');
      expect(queue.statusCode, queue.body).toBe(200);
      const items = queue.json<Page<Waiting>>().items;
      const mine = items.filter((i) => i.assessmentId === first || i.assessmentId === second);
      expect(mine.map((i) => i.assessmentId)).toEqual([first, second]);
      expect(mine[0]).toMatchObject({ claimNo: `QUEUE-1-${kind}`, plate: '沪A10Q01', pendingLines: 2, lines: 2 });
      expect(mine[0]!.vehicle).toBeTruthy();

      // Paging keeps the order.
      const page1 = (await call('checker', 'GET', '/api/v1/price-checks?limit=1')).json<Page<Waiting>>();
      expect(page1.items).toHaveLength(1);
      expect(page1.items[0]!.assessmentId).toBe(items[0]!.assessmentId);

      // The shop may not read the queue; the adjuster has no price-check permission.
      expect((await call('buyer', 'GET', '/api/v1/price-checks')).statusCode).toBe(403);
      expect((await call('adjuster', 'GET', '/api/v1/price-checks')).statusCode).toBe(403);

      const q = (await call('checker', 'GET', `/api/v1/assessments/${first}/quote`)).json<{ pendingLineIds: string[] }>();
      const approved = await call('checker', 'POST', `/api/v1/assessments/${first}/approve`, { lines: q.pendingLineIds.map((id) => ({ quoteLineId: id, action: 'accept' })) });
      expect(approved.statusCode, approved.body).toBe(200);
      const after = (await call('checker', 'GET', '/api/v1/price-checks?limit=200')).json<Page<Waiting>>().items.map((i) => i.assessmentId);
      expect(after).not.toContain(first);
      expect(after).toContain(second);
    });
  });
}
