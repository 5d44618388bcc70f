import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';
import { readSheet } from './support/xlsx.ts';

// The orders list as a spreadsheet, one row per line: the shop that bought sees every line with
// its amounts in yuan, a supplier only its own lines, another shop nothing; in the caller's language.

for (const kind of databaseKinds()) {
  describe(`exporting order lines on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t);
    const { call } = users;
    let orderNo = '';

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({ hzAdmin: 'admin@hz-ops.demo', picker: 'warehouse@hz-ops.demo', anxin: 'sales@anxin.demo', buyer: 'buyer@sh-anda.demo', otherShop: 'buyer@hz-shunjie.demo' });
      const w = await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-X', name: '华东导出仓', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      expect(w.statusCode, w.body).toBe(201);
      for (const r of [
        { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 3, lotNo: 'EX1' }] },
        { supplierOrgId: f.suppliers.huajun, lines: [{ productId: f.products.oes.id, qty: 3, lotNo: 'EX2' }] },
      ]) {
        const res = await call('picker', 'POST', `/api/v1/warehouses/${w.json().id}/receipts`, r);
        expect(res.statusCode, res.body).toBe(201);
      }
      const placed = await call('buyer', 'POST', '/api/v1/orders', {
        lines: [
          { productId: f.products.certified.id, qty: 2 },
          { productId: f.products.oes.id, qty: 1 },
        ],
      });
      expect(placed.statusCode, placed.body).toBe(201);
      orderNo = placed.json().orderNo;
    });
    afterAll(() => t?.close());

    it('gives the buyer every line of its order, amounts in yuan that add up to the order', async () => {
      const res = await call('buyer', 'GET', `/api/v1/orders/export.xlsx?q=${orderNo}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''%E8%AE%A2%E5%8D%95%E6%98%8E%E7%BB%86-\d{8}\.xlsx$/);
      const sheet = await readSheet(res.rawPayload);
      expect(sheet.name).toBe('订单明细');
      const col = (name: string) => sheet.header.indexOf(name);
      expect(sheet.rows.map((r) => [r[col('订单号')], r[col('行号')], r[col('数量')], r[col('行状态')], r[col('类型')]])).toEqual([
        [orderNo, 1, 2, '已锁库', '自费采购'],
        [orderNo, 2, 1, '已锁库', '自费采购'],
      ]);
      const order = (await call('buyer', 'GET', `/api/v1/orders?q=${orderNo}`)).json().items[0];
      const total = sheet.rows.reduce((s, r) => s + Math.round(Number(r[col('金额（元，含税）')]) * 100), 0);
      expect(total).toBe(order.amountFen);
      expect(sheet.rows[0]![col('品质')]).toBe('认证件');
    });

    it('gives a supplier only its own line, another shop nothing, and speaks English on request', async () => {
      const supplier = await readSheet((await call('anxin', 'GET', `/api/v1/orders/export.xlsx?q=${orderNo}`, undefined, { 'accept-language': 'en' })).rawPayload);
      expect(supplier.name).toBe('Order lines');
      expect(supplier.header.slice(0, 3)).toEqual(['Order no.', 'Ordered at', 'Kind']);
      expect(supplier.rows).toHaveLength(1);
      expect(supplier.rows[0]![supplier.header.indexOf('Grade')]).toBe('Certified');
      expect(supplier.rows[0]![supplier.header.indexOf('Line status')]).toBe('Reserved');
      const other = await readSheet((await call('otherShop', 'GET', `/api/v1/orders/export.xlsx?q=${orderNo}`)).rawPayload);
      expect(other.rows).toEqual([]);
    });

    it('refuses a bad filter as problem+json naming it', async () => {
      const res = await call('buyer', 'GET', '/api/v1/orders/export.xlsx?status=lost', undefined, { 'accept-language': 'zh-CN' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'status', in: 'querystring' })]);
    });
  });
}
