import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';
import { cast } from './support/cast.ts';
import { claimFiler } from './support/file-claim.ts';

// What the adjuster's console needs of the claims API beyond filing: the list's date filters and
// the names behind a claim's references, the repair shops an adjuster may assign, and the claim's
// own history (操作记录) for whoever may read the claim — and nobody else.

type Page<T> = { items: T[]; nextCursor: string | null };
type ClaimItem = { id: string; claimNo: string; accidentDate: string; vehicle: { series: string } | null; insurerName: string; repairShopName: string; accidentRegionName: string };
type Entry = {
  objectType: string;
  objectId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: { type: string; name: string | null; orgName: string | null };
  version: number | null;
};

for (const kind of databaseKinds()) {
  describe(`the adjuster's workbench API on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    let shopId: string;
    const users = cast(() => t);
    const { call } = users;
    const tag = `WB-${kind}-${Date.now().toString(36)}`;
    const file = claimFiler(users, () => f, tag);
    const list = async (query: string, who = 'adjuster') => {
      const res = await call(who, 'GET', `/api/v1/claims?q=${tag}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<Page<ClaimItem>>()
        .items.map((c) => c.claimNo)
        .sort();
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        adjuster: 'adjuster@picc.demo',
        cpic: 'adjuster@cpic.demo',
        shop: 'buyer@hz-shunjie.demo',
        otherShop: 'buyer@sh-anda.demo',
        checker: 'checker@picc.demo',
        platform: 'admin@anpei.demo',
      });
      shopId = users.orgs.shop!;
    });
    afterAll(() => t?.close());

    describe('claims list', () => {
      it('filters by accident date range, both ends included', async () => {
        const march = await file({ accidentDate: '2025-03-01' });
        const april = await file({ accidentDate: '2025-04-15' });
        const may = await file({ accidentDate: '2025-05-31' });
        expect(await list('accidentFrom=2025-03-01&accidentTo=2025-04-15')).toEqual([march.claimNo, april.claimNo].sort());
        expect(await list('accidentFrom=2025-04-16')).toEqual([may.claimNo]);
        expect(await list('accidentTo=2025-03-01')).toEqual([march.claimNo]);
      });

      it('filters by the China day the claim was filed', async () => {
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        const all = await list('');
        expect(all.length).toBeGreaterThan(0);
        expect(await list(`filedFrom=${today}&filedTo=${today}`)).toEqual(all);
        expect(await list('filedTo=2020-01-01')).toEqual([]);
        expect(await list('filedFrom=2999-01-01')).toEqual([]);
      });

      it('refuses a range that ends before it starts, on the field that ends it', async () => {
        const res = await call('adjuster', 'GET', '/api/v1/claims?accidentFrom=2025-05-01&accidentTo=2025-04-01', undefined, { 'accept-language': 'zh-CN' });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors).toMatchObject([{ path: 'accidentTo', code: 'date_order', message: '结束日期不能早于开始日期' }]);
        expect((await call('adjuster', 'GET', '/api/v1/claims?filedFrom=2025-05-01&filedTo=2025-04-01')).json().errors).toMatchObject([{ path: 'filedTo' }]);
        expect((await call('adjuster', 'GET', '/api/v1/claims?accidentFrom=2025-13-01')).statusCode).toBe(400);
      });

      it('names the vehicle model, the insurer, the shop and the region in the list and the claim', async () => {
        const c = await file();
        const [item] = (await call('adjuster', 'GET', `/api/v1/claims?q=${c.claimNo}`)).json<Page<ClaimItem>>().items;
        expect(item).toMatchObject({
          id: c.id,
          vehicle: { series: '速腾' },
          insurerName: '中国人民财产保险股份有限公司（演示）',
          repairShopName: '杭州西湖顺捷汽车服务有限公司',
          accidentRegionName: '浙江省 杭州市 西湖区',
        });
        const detail = (await call('adjuster', 'GET', `/api/v1/claims/${c.id}`)).json();
        expect(detail).toMatchObject({ vehicle: { series: '速腾', model: '速腾 1.4T 2019-2025' }, repairShopName: '杭州西湖顺捷汽车服务有限公司', assessments: [] });
      });
    });

    describe('repair shops', () => {
      it('lists every active repair shop to an adjuster, by name or region', async () => {
        const all = (await call('adjuster', 'GET', '/api/v1/repair-shops?limit=200')).json<Page<{ id: string; name: string; regionCode: string; regionName: string }>>();
        expect(all.items.length).toBeGreaterThanOrEqual(5);
        expect(all.items.map((s) => s.id)).toContain(shopId);
        expect(all.items.find((s) => s.id === shopId)).toMatchObject({ name: '杭州西湖顺捷汽车服务有限公司', regionCode: '330106', regionName: '浙江省 杭州市 西湖区' });
        const named = (await call('adjuster', 'GET', `/api/v1/repair-shops?q=${encodeURIComponent('顺捷')}`)).json<Page<{ id: string }>>();
        expect(named.items.map((s) => s.id)).toEqual([shopId]);
        // A province's code finds the shops of every city and county in it.
        const zhejiang = (await call('adjuster', 'GET', '/api/v1/repair-shops?regionCode=330000')).json<Page<{ regionCode: string }>>();
        expect(zhejiang.items.length).toBeGreaterThan(0);
        expect(zhejiang.items.every((s) => s.regionCode.startsWith('33'))).toBe(true);
        const paged = (await call('adjuster', 'GET', '/api/v1/repair-shops?limit=2')).json<Page<{ id: string }>>();
        expect(paged.items).toHaveLength(2);
        const next = (await call('adjuster', 'GET', `/api/v1/repair-shops?limit=2&cursor=${paged.nextCursor}`)).json<Page<{ id: string }>>();
        expect(next.items.map((s) => s.id)).not.toContain(paged.items[0]!.id);
      });

      it('is only for those who file claims', async () => {
        for (const who of ['shop', 'checker', 'platform']) {
          expect((await call(who, 'GET', '/api/v1/repair-shops')).statusCode, who).toBe(403);
        }
      });
    });

    describe('timeline', () => {
      let claimId: string;

      it('tells the claim’s history oldest first: filed, assessed, with who and which version', async () => {
        claimId = (await file()).id;
        const a = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [{ description: '前保险杠皮', quantity: 1, operation: 'replace', labourHours: 1 }] });
        expect(a.statusCode, a.body).toBe(201);
        const assessmentId = a.json<{ id: string }>().id;
        const res = await call('adjuster', 'GET', `/api/v1/claims/${claimId}/timeline`);
        expect(res.statusCode, res.body).toBe(200);
        const { items, nextCursor } = res.json<Page<Entry>>();
        expect(nextCursor).toBeNull();
        expect(items.map((e) => `${e.objectType}:${e.action}:${e.fromState ?? ''}>${e.toState ?? ''}`)).toEqual(['claim:create:>open', 'claim:assess:open>assessing', 'assessment:create:>draft']);
        expect(items[2]).toMatchObject({ objectId: assessmentId, version: 1, actor: { type: 'user', name: expect.any(String), orgName: '中国人民财产保险股份有限公司（演示）' } });
        expect(items[0]!.actor.name).toBeTruthy();
      });

      it('follows the claim into its quote', async () => {
        const quoted = await file();
        const a = await call('adjuster', 'POST', `/api/v1/claims/${quoted.id}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }] });
        expect(a.statusCode, a.body).toBe(201);
        const q = await call('adjuster', 'POST', `/api/v1/assessments/${a.json<{ id: string }>().id}/quote`);
        expect(q.statusCode, q.body).toBe(201);
        const quoteId = q.json<{ id: string }>().id;
        const { items } = (await call('adjuster', 'GET', `/api/v1/claims/${quoted.id}/timeline`)).json<Page<Entry>>();
        const said = items.map((e) => `${e.objectType}:${e.action}`);
        expect(said.slice(0, 3)).toEqual(['claim:create', 'claim:assess', 'assessment:create']);
        expect(said).toContain('assessment:quote');
        expect(said).toContain('claim:quote');
        expect(items.find((e) => e.objectType === 'quote')).toMatchObject({ objectId: quoteId, action: 'create', version: 1 });
      });

      it('pages with a cursor', async () => {
        const first = (await call('adjuster', 'GET', `/api/v1/claims/${claimId}/timeline?limit=2`)).json<Page<Entry>>();
        expect(first.items).toHaveLength(2);
        const rest = (await call('adjuster', 'GET', `/api/v1/claims/${claimId}/timeline?limit=2&cursor=${first.nextCursor}`)).json<Page<Entry>>();
        expect(rest.items.map((e) => e.action)).toEqual(['create']);
        expect(rest.nextCursor).toBeNull();
      });

      it('is shown to the claim’s shop and the platform, though they may not read the audit trail', async () => {
        expect((await call('shop', 'GET', '/api/v1/audit')).statusCode).toBe(403);
        for (const who of ['shop', 'platform', 'checker']) {
          const res = await call(who, 'GET', `/api/v1/claims/${claimId}/timeline`);
          expect(res.statusCode, who).toBe(200);
          expect(res.json<Page<Entry>>().items).toHaveLength(3);
        }
      });

      it('is a 404 for another insurer and another shop, like the claim itself', async () => {
        for (const who of ['cpic', 'otherShop']) {
          const res = await call(who, 'GET', `/api/v1/claims/${claimId}/timeline`);
          expect(res.statusCode, who).toBe(404);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect((await call(who, 'GET', `/api/v1/claims/${claimId}`)).statusCode, who).toBe(404);
        }
        expect((await call('adjuster', 'GET', '/api/v1/claims/00000000-0000-7000-8000-000000000000/timeline')).statusCode).toBe(404);
      });
    });
  });
}
