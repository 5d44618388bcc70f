import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { part, partFitment } from '../src/modules/catalog/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

for (const kind of databaseKinds()) {
  describe(`catalog search on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    let token: string;
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { ...bearer(token), ...headers } });
    const oes = (res: { json(): { items: { oeNo: string }[] } }) => res.json().items.map((p) => p.oeNo);

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      token = await t.login('adjuster@picc.demo');
    });
    afterAll(() => t?.close());

    it('decodes a VIN and finds its model; a shared rule gives a short list', async () => {
      const vw = await get(`/api/v1/vin/${f.sagitarVin.toLowerCase()}`);
      expect(vw.statusCode).toBe(200);
      expect(vw.json()).toMatchObject({ vin: f.sagitarVin, checkDigitValid: true, wmi: 'LFV', modelYear: 2024, country: 'CN' });
      expect(vw.json().vehicleModels.map((m: { code: string }) => m.code)).toEqual(['T-FAWVW-SAGITAR-2019']);
      const camry = await get(`/api/v1/vin/${f.camryVin}`);
      expect(
        camry
          .json()
          .vehicleModels.map((m: { code: string }) => m.code)
          .sort(),
      ).toEqual(['T-GACTOYOTA-CAMRY-2018', 'T-GACTOYOTA-CAMRY-HEV-2018']);
    });

    it('refuses a malformed VIN with 422 naming the position, in the caller’s language', async () => {
      const wrongDigit = f.sagitarVin.slice(0, 8) + (f.sagitarVin[8] === '1' ? '2' : '1') + f.sagitarVin.slice(9);
      const res = await get(`/api/v1/vin/${wrongDigit}`);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'invalid_vin', errors: [{ path: 'vin', in: 'params', code: 'vin_check_digit' }] });
      expect(res.json().errors[0].message).toContain('第 9 位');
      const withO = await get(`/api/v1/vin/LFV2A21KOR1234567`, { 'accept-language': 'en' });
      expect(withO.statusCode).toBe(422);
      expect(withO.json().errors[0]).toMatchObject({ code: 'vin_forbidden_letter' });
      expect(withO.json().errors[0].message).toBe('position 9 cannot be the letter O (I, O and Q are not allowed)');
      expect((await get('/api/v1/vin/LFV2A21K')).json().errors[0].code).toBe('vin_length');
    });

    it('finds a part by exact OE number in any punctuation, and by prefix', async () => {
      for (const q of ['5G0807221B', '5g0-807-221-b', '5G0 807 221 B']) {
        const res = await get(`/api/v1/parts?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items[0]).toMatchObject({ oeNo: '5G0 807 221 B', match: 'exact_oe' });
      }
      const prefix = await get(`/api/v1/parts?q=${encodeURIComponent('5G0 807')}`);
      expect(oes(prefix)).toEqual(['5G0 807 221', '5G0 807 221 B']);
      expect(prefix.json().items.every((p: { match: string }) => p.match === 'oe_prefix')).toBe(true);
    });

    it('finds parts by a Chinese name fragment, by pinyin and by initials', async () => {
      const name = await get(`/api/v1/parts?q=${encodeURIComponent('保险杠')}`);
      expect(oes(name).sort()).toEqual(['52119-06A40', '5G0 807 221', '5G0 807 221 B']);
      const exact = await get(`/api/v1/parts?q=${encodeURIComponent('散热器总成')}`);
      expect(exact.json().items).toMatchObject([{ oeNo: '16400-0V140', match: 'exact_name' }]);
      const initials = await get('/api/v1/parts?q=qbxg');
      expect(oes(initials).sort()).toEqual(['52119-06A40', '5G0 807 221', '5G0 807 221 B']);
      expect(initials.json().items[0].match).toBe('initials');
      const pinyin = await get('/api/v1/parts?q=zuoqianda');
      expect(oes(pinyin)).toEqual(['5G1 941 005 C']);
    });

    it('scopes a search to the parts that fit the VIN or the chosen model', async () => {
      const vw = await get(`/api/v1/parts?q=${encodeURIComponent('前保险杠')}&vin=${f.sagitarVin}`);
      expect(oes(vw).sort()).toEqual(['5G0 807 221', '5G0 807 221 B']);
      expect(vw.json().vehicleModels).toHaveLength(1);
      const toyota = await get(`/api/v1/parts?q=qbxg&vin=${f.camryVin}`);
      expect(oes(toyota)).toEqual(['52119-06A40']);
      const byModel = await get(`/api/v1/parts?vehicleModelId=${f.models.camry.id}`);
      expect(oes(byModel).sort()).toEqual(['16400-0V140', '52119-06A40']);
      const hybrid = await get(`/api/v1/parts?vin=${f.camryVin}&vehicleModelId=${f.models.camryHybrid.id}`);
      expect(oes(hybrid)).toEqual(['52119-06A40']);
      const category = await get(`/api/v1/parts?vin=${f.sagitarVin}&category=safety`);
      expect(oes(category)).toEqual(['5G0 880 201 H']);
      const badVin = await get(`/api/v1/parts?q=x&vin=LFV2A21KOR1234567`);
      expect(badVin.statusCode).toBe(422);
      expect(badVin.json().errors[0]).toMatchObject({ path: 'vin', in: 'querystring' });
    });

    it('keeps the fitment rows’ search copies in step with the part (database triggers)', async () => {
      const { db } = t.database;
      await db.update(part).set({ nameZh: '前杠皮', pinyin: 'qiangangpi', initials: 'qgp' }).where(eq(part.id, f.parts.vwHeadlamp.id));
      const renamed = await get(`/api/v1/parts?q=${encodeURIComponent('前杠皮')}&vin=${f.sagitarVin}`);
      expect(oes(renamed)).toEqual(['5G1 941 005 C']);
      expect(oes(await get(`/api/v1/parts?q=qgp&vin=${f.sagitarVin}`))).toEqual(['5G1 941 005 C']);
      await db.update(part).set({ nameZh: '左前大灯总成', pinyin: 'zuoqiandadengzongcheng', initials: 'zqddzc' }).where(eq(part.id, f.parts.vwHeadlamp.id));
      // A new fitment row takes the part's columns by itself.
      await db.insert(partFitment).values({ vehicleModelId: f.models.camry.id, partId: f.parts.vwAirbag.id });
      expect(oes(await get(`/api/v1/parts?q=${encodeURIComponent('安全气囊')}&vin=${f.camryVin}`))).toEqual(['5G0 880 201 H']);
      await db.delete(partFitment).where(and(eq(partFitment.vehicleModelId, f.models.camry.id), eq(partFitment.partId, f.parts.vwAirbag.id)));
    });

    it('pages through results with a keyset cursor', async () => {
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const res = await get(`/api/v1/parts?q=qbxg&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...oes(res));
        cursor = res.json().nextCursor;
        if (!cursor) break;
      }
      expect(seen.sort()).toEqual(['52119-06A40', '5G0 807 221', '5G0 807 221 B']);
      const scoped: string[] = [];
      cursor = '';
      for (let i = 0; i < 10; i++) {
        const res = await get(`/api/v1/parts?vin=${f.sagitarVin}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        scoped.push(...oes(res));
        cursor = res.json().nextCursor;
        if (!cursor) break;
      }
      expect(scoped).toEqual(['5G0 807 221', '5G0 807 221 B', '5G0 880 201 H', '5G1 941 005 C']);
      expect((await get('/api/v1/parts?q=x&cursor=garbage')).statusCode).toBe(400);
      expect((await get('/api/v1/parts?limit=1000')).statusCode).toBe(400);
    });

    it('shows a part with fitment, supersession and interchange', async () => {
      const res = await get(`/api/v1/parts/${f.parts.vwBumper.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        oeNorm: '5G0807221B',
        pinyin: 'qianbaoxiangangpi',
        initials: 'qbxgp',
        oePriceFen: 120000,
        fitment: [{ code: 'T-FAWVW-SAGITAR-2019' }],
        supersedes: [{ oeNo: '5G0 807 221' }],
        supersededBy: [],
        interchange: [{ oeNo: '5G0 807 221' }],
      });
      expect((await get(`/api/v1/parts/${f.parts.vwBumperOld.id}`)).json().supersededBy).toEqual([expect.objectContaining({ oeNo: '5G0 807 221 B' })]);
      expect((await get('/api/v1/parts/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    });

    it('lists every offer for a part by grade then price, with VAT and the saving against OE', async () => {
      const res = await get(`/api/v1/parts/${f.parts.vwBumper.id}/offers?on=2026-07-01`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as {
        product: { grade: string; certification: unknown };
        priceFen: number;
        vatFen: number;
        netFen: number;
        savingFen: number;
        savingPct: number;
        supplier: { name: string };
      }[];
      expect(items.map((o) => [o.product.grade, o.priceFen])).toEqual([
        ['oem', 118000],
        ['oes', 90400],
        ['certified', 79100],
        ['certified', 82000],
        ['aftermarket', 56500],
      ]);
      const certified = items[2]!;
      expect(certified).toMatchObject({ vatFen: 9100, netFen: 70000, savingFen: 40900, savingPct: 34 });
      expect(certified.product.certification).toMatchObject({ body: 'T-CAPA', number: 'CAPA-2025-00123', valid: true });
      expect(certified.supplier.name).toBe('常州安信认证配件有限公司');
    });

    it('filters offers by the delivery region and the day', async () => {
      const hangzhou = await get(`/api/v1/parts/${f.parts.vwBumper.id}/offers?regionCode=330106&on=2026-07-01`);
      expect(hangzhou.json().items.map((o: { priceFen: number }) => o.priceFen)).toEqual([118000, 90400, 79100, 56500]);
      const chengdu = await get(`/api/v1/parts/${f.parts.vwBumper.id}/offers?regionCode=510107&on=2026-07-01`);
      expect(chengdu.json().items.map((o: { priceFen: number }) => o.priceFen)).toEqual([118000, 90400, 82000, 56500]);
      const guangzhouInJune = await get(`/api/v1/parts/${f.parts.vwBumper.id}/offers?regionCode=440106&on=2026-06-15`);
      expect(guangzhouInJune.json().items.map((o: { priceFen: number }) => o.priceFen)).toEqual([118000, 80000, 90400, 56500]);
      const none = await get(`/api/v1/parts/${f.parts.toyotaRadiator.id}/offers`);
      expect(none.json()).toEqual({ part: expect.objectContaining({ oeNo: '16400-0V140' }), items: [] });
      expect((await get('/api/v1/parts/00000000-0000-7000-8000-000000000000/offers')).statusCode).toBe(404);
      const unknown = await get(`/api/v1/parts/${f.parts.vwBumper.id}/offers?regionCode=999999`);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({ path: 'regionCode', code: 'region_unknown' });
    });

    it('lists vehicle models with their sample VINs, and needs a sign-in', async () => {
      const res = await get(`/api/v1/vehicle-models?q=${encodeURIComponent('凯美瑞')}`);
      expect(
        res
          .json()
          .items.map((m: { code: string }) => m.code)
          .sort(),
      ).toEqual(['T-GACTOYOTA-CAMRY-2018', 'T-GACTOYOTA-CAMRY-HEV-2018']);
      const byBrand = await get('/api/v1/vehicle-models?brand=Volkswagen');
      expect(byBrand.json().items.map((m: { sampleVin: string }) => m.sampleVin)).toContain(f.sagitarVin);
      expect((await t.app.inject({ url: '/api/v1/parts?q=qbxg' })).statusCode).toBe(401);
    });
  });
}

for (const kind of databaseKinds()) {
  describe(`certification bodies on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(() => t?.close());

    it('are kept by the catalog team and read by everyone', async () => {
      const catalog = await t.login('catalog@anpei.demo');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cert-bodies',
        headers: bearer(catalog),
        payload: { code: 'tcb-1', name: '测试认证中心', nameEn: 'Test Certification Centre' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().code).toBe('TCB-1');
      const again = await t.app.inject({ method: 'POST', url: '/api/v1/cert-bodies', headers: bearer(catalog), payload: { code: 'TCB-1', name: 'x', nameEn: 'x' } });
      expect(again.statusCode).toBe(409);
      const supplier = await t.login('sales@anxin.demo');
      const denied = await t.app.inject({ method: 'POST', url: '/api/v1/cert-bodies', headers: bearer(supplier), payload: { code: 'FAKE', name: 'x', nameEn: 'x' } });
      expect(denied.statusCode).toBe(403);
      const list = await t.app.inject({ url: '/api/v1/cert-bodies', headers: bearer(supplier) });
      expect(list.json().items.map((c: { code: string }) => c.code)).toContain('TCB-1');
    });
  });
}
