import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../src/modules/claims/tables.ts';
import { MAX_EXPORT_ROWS } from '../src/platform/xlsx.ts';
import { newId } from '../src/platform/ids.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';
import { cast } from './support/cast.ts';
import { claimFiler } from './support/file-claim.ts';
import { readSheet } from './support/xlsx.ts';

// The claims list as a spreadsheet an adjuster opens in Excel or WPS: the rows the list shows for
// the same filters and no others (another insurer's claims never), the header and statuses in the
// caller's language, a bad filter refused as the list refuses it, and a clear refusal past the cap.

for (const kind of databaseKinds()) {
  describe(`exporting the claims list on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t);
    const { call } = users;
    const tag = `EX-${kind}-${Date.now().toString(36)}`;
    const file = claimFiler(users, () => f, tag, { vehicleValueFen: 12_345_678 });

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({ adjuster: 'adjuster@picc.demo', cpic: 'adjuster@cpic.demo', shop: 'buyer@hz-shunjie.demo' });
    });
    afterAll(() => t?.close());

    it('writes the filtered list, newest first, with names, yuan as numbers and China times, in Chinese by default', async () => {
      const march = await file({ accidentDate: '2025-03-01' });
      const april = await file({ accidentDate: '2025-04-15', plate: '浙A54321' });
      await file({ accidentDate: '2025-06-01' });
      await file({ accidentDate: '2025-04-01' }, 'cpic');

      const res = await call('adjuster', 'GET', `/api/v1/claims/export.xlsx?q=${tag}&accidentTo=2025-04-30`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="claims-\d{8}\.xlsx"; filename\*=UTF-8''%E6%8A%A5%E6%A1%88%E6%B8%85%E5%8D%95-\d{8}\.xlsx$/);
      expect(res.headers['cache-control']).toBe('no-store');

      const sheet = await readSheet(res.rawPayload);
      expect(sheet.name).toBe('报案清单');
      expect(sheet.header).toEqual(['报案号', '状态', '车牌号', '车架号（VIN）', '车型', '保单号', '保险公司', '修理厂', '事故日期', '事故地区', '车辆实际价值（元）', '报案时间', '更新时间']);
      // The other insurer's claim of the same tag and the June one are not there.
      expect(sheet.rows.map((r) => r[0])).toEqual([april.claimNo, march.claimNo]);
      const [row] = sheet.rows;
      expect(row!.slice(1, 4)).toEqual(['已报案', '浙A54321', f.sagitarVin]);
      expect(row![4]).toMatch(/速腾/);
      expect(row![6]).toMatch(/中国人民财产保险/);
      expect(row![7]).toBeTruthy();
      expect(row![8]).toBe('2025-04-15');
      expect(row![9]).toBe('浙江省 杭州市 西湖区');
      expect(row![10]).toBe(123456.78);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      expect(String(row![11])).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}$`));
    });

    it('speaks English on request', async () => {
      const res = await call('adjuster', 'GET', `/api/v1/claims/export.xlsx?q=${tag}&status=open`, undefined, { 'accept-language': 'en' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''Claims-\d{8}\.xlsx$/);
      const sheet = await readSheet(res.rawPayload);
      expect(sheet.name).toBe('Claims');
      expect(sheet.header.slice(0, 3)).toEqual(['Claim no.', 'Status', 'Plate']);
      expect(sheet.rows).toHaveLength(3);
      expect(new Set(sheet.rows.map((r) => r[1]))).toEqual(new Set(['Filed']));
    });

    it('gives an empty sheet with its header when nothing matches, and the shop its own claims only', async () => {
      const none = await readSheet((await call('adjuster', 'GET', '/api/v1/claims/export.xlsx?q=NO-SUCH-CLAIM')).rawPayload);
      expect(none.header[0]).toBe('报案号');
      expect(none.rows).toEqual([]);
      // The shop named on the claims sees them; the other insurer sees only its own.
      const shop = await readSheet((await call('shop', 'GET', `/api/v1/claims/export.xlsx?q=${tag}`)).rawPayload);
      expect(shop.rows).toHaveLength(4);
      const cpic = await readSheet((await call('cpic', 'GET', `/api/v1/claims/export.xlsx?q=${tag}`)).rawPayload);
      expect(cpic.rows.map((r) => r[6])).toEqual([expect.stringMatching(/太平洋/)]);
    });

    it('refuses a bad filter as the list does, as problem+json on its field, and no one signed out gets a file', async () => {
      const bad = await call('adjuster', 'GET', '/api/v1/claims/export.xlsx?accidentFrom=2025-05-01&accidentTo=2025-04-01', undefined, { 'accept-language': 'zh-CN' });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'accidentTo', in: 'querystring' })]);
      const unknown = await call('adjuster', 'GET', '/api/v1/claims/export.xlsx?limit=5');
      expect(unknown.statusCode).toBe(400);
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/claims/export.xlsx' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it(`asks to narrow the filters past ${MAX_EXPORT_ROWS} claims rather than cutting the file short`, async () => {
      const [model] = await t.database.db
        .select()
        .from(claim)
        .where(eq(claim.claimNo, `${tag}-1`));
      const many = `${tag}-MANY`;
      for (let start = 0; start <= MAX_EXPORT_ROWS; start += 1000) {
        const batch = Array.from({ length: Math.min(1000, MAX_EXPORT_ROWS + 1 - start) }, (_, i) => ({ ...model!, id: newId(), claimNo: `${many}-${start + i}` }));
        await t.database.db.insert(claim).values(batch);
      }
      const res = await call('adjuster', 'GET', `/api/v1/claims/export.xlsx?q=${many}`, undefined, { 'accept-language': 'zh-CN' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'export_too_large', detail: `符合条件的记录超过 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围后再导出。` });
    });
  });
}
