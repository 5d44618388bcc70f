import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { traceUnit } from '../src/modules/inventory/index.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Problem = { code: string; detail: string; errors?: { path: string; code: string; message: string }[] };

// Issue 9's walk, the way its users meet it on a fresh `npm start`: the whole demo world (seeded
// as `serve` seeds it), and only data the demo offers first — the first supplier product, the first
// vehicle model's sample VIN, the first shop, the first parts that fit. Nothing here is a fixture
// made to fit: every id comes from a list the user would see.
for (const kind of databaseKinds()) {
  describe(`the demo world, walked for safety on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;

    beforeAll(async () => {
      t = await startTestApp(kind);
      // The test template holds the demo organisations; this adds the catalog and stock exactly as
      // the first `npm start` does.
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await users.signIn({
        sales: 'sales@huajun.demo',
        piccAdmin: 'admin@picc.demo',
        adjuster: 'adjuster@picc.demo',
        checker: 'checker@picc.demo',
        platform: 'admin@anpei.demo',
      });
    }, 180_000);
    afterAll(() => t?.close());

    it('the start page lists the demo logins while the demo runs', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('admin@anpei.demo');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('a supplier cannot price its first product beyond reason, and is told which field', async () => {
      const products = (await call('sales', 'GET', '/api/v1/products?limit=5')).json<Page<{ id: string }>>();
      const first = products.items[0]!;
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const res = await call('sales', 'POST', `/api/v1/products/${first.id}/offers`, {
        priceFen: Number.MAX_SAFE_INTEGER,
        leadTimeDays: 1,
        validFrom: today,
        regionCodes: ['310000'],
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<Problem>().errors?.map((e) => e.path)).toContain('priceFen');
    });

    it('an adjuster who also holds the checker role quotes the first vehicle but cannot approve it; a colleague does', async () => {
      // The insurer's admin gives one colleague both roles — allowed, but never for the same claim.
      const weak = await call('piccAdmin', 'POST', '/api/v1/users', { email: 'dual@picc.demo', name: '双岗', password: 'anpei-demo', roles: ['adjuster', 'price_checker'] });
      expect(weak.statusCode).toBe(400);
      expect(weak.json<Problem>().errors?.[0]?.path).toBe('password');
      const created = await call('piccAdmin', 'POST', '/api/v1/users', { email: 'dual@picc.demo', name: '双岗', password: 'Tz7-qe!vR2-mop', roles: ['adjuster', 'price_checker'] });
      expect(created.statusCode, created.body).toBe(201);
      users.tokens.dual = await t.login('dual@picc.demo', 'Tz7-qe!vR2-mop');

      const model = (await call('dual', 'GET', '/api/v1/vehicle-models?limit=1')).json<Page<{ id: string; sampleVin: string }>>().items[0]!;
      const shop = (await call('platform', 'GET', '/api/v1/orgs?kind=repair_shop&limit=1')).json<Page<{ id: string; regionCode: string }>>().items[0]!;
      const filed = await call('dual', 'POST', '/api/v1/claims', {
        claimNo: `WALK9-${kind}`,
        policyNo: 'PDAA202631010000012345',
        accidentDate: '2026-11-20',
        accidentRegionCode: shop.regionCode,
        vin: model.sampleVin,
        plate: '沪A9W123',
        repairShopOrgId: shop.id,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json<{ id: string }>().id;

      const parts = (await call('dual', 'GET', `/api/v1/parts?vin=${model.sampleVin}&limit=3`)).json<Page<{ id: string }>>().items;
      expect(parts.length).toBe(3);
      const assessed = await call('dual', 'POST', `/api/v1/claims/${claimId}/assessments`, {
        lines: parts.map((p) => ({ partId: p.id, quantity: 2, operation: 'replace', labourHours: 1 })),
      });
      expect(assessed.statusCode, assessed.body).toBe(201);
      const assessmentId = assessed.json<{ id: string }>().id;
      const quoted = await call('dual', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
      expect(quoted.statusCode, quoted.body).toBe(201);
      const quote = quoted.json<{ lines: { id: string; approval: { status: string }; ranking: { chosen: unknown } | null }[] }>();
      // A decision on every line the checker may decide; a line no offer filled is sent back.
      const decisions = quote.lines.map((l) => (l.ranking?.chosen ? { quoteLineId: l.id, action: 'accept' } : { quoteLineId: l.id, action: 'send_back', reason: '无报价，追加定损' }));

      const own = await call('dual', 'POST', `/api/v1/assessments/${assessmentId}/approve`, { lines: decisions });
      expect(own.statusCode, own.body).toBe(403);
      expect(own.json<Problem>().code).toBe('separation_of_duties');

      const pending = quote.lines.filter((l) => l.approval.status === 'pending');
      if (pending.length > 0) {
        const byChecker = await call('checker', 'POST', `/api/v1/assessments/${assessmentId}/approve`, {
          lines: decisions.filter((d) => pending.some((l) => l.id === d.quoteLineId)),
        });
        expect(byChecker.statusCode, byChecker.body).toBe(200);
      }
    });

    it('anyone holding the first certified unit of the demo stock reads its label, and a mistyped label is caught', async () => {
      // The label on the first coded unit the demo warehouses hold.
      const [unit] = await t.database.db.select({ code: traceUnit.code }).from(traceUnit).orderBy(asc(traceUnit.code)).limit(1);
      expect(unit).toBeDefined();
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/trace/${unit!.code.toLowerCase()}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'in_stock', installed: false, installedOn: null });
      // One character changed: the check character refuses it before any lookup.
      const last = unit!.code.at(-1)!;
      const typo = unit!.code.slice(0, -1) + (last === 'Z' ? 'Y' : last === '9' ? '8' : 'Z');
      const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/trace/${typo}` });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json<Problem>().code).toBe('trace_code_mistyped');
    });
  });
}
