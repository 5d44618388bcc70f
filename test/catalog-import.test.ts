import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certBody, offer, part, partFitment, product, productPart, vehicleModel } from '../src/modules/catalog/tables.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// CSV import end to end through POST /api/v1/catalog/imports: the five kinds in dependency order,
// all-or-nothing rejection with the full report, idempotent re-import, each supplier's own SKU
// namespace, permissions, and a 20,000-row file. Everything imported here is prefixed IMPT so it
// cannot collide with the seeded demo catalog.

const MODELS = [
  'code,brand,brand_en,series,model,year_from,year_to,engine,body,wmi,vds_pattern,sample_vin',
  'IMPT-SAGITAR-2019,大众,Volkswagen,速腾,2019款 1.4T 舒适型,2019,2022,EA211 1.4T,三厢,LFV,9Z9**,LFV9Z9AB0K0000001',
  'IMPT-SAGITAR-2023,大众,Volkswagen,速腾,2023款 1.5T,2023,2025,EA211 1.5T,三厢,lfv,9Z8**,',
].join('\n');

// Header in another order and case, a quoted cell with a comma, and an OE number with punctuation.
const PARTS = [
  'Name_ZH,oe_no,category,oe_price_fen,name_en',
  '前保险杠皮,IMPT-807-221,body,168000,"Bumper cover, front"',
  '左前大灯,IMPT 941 005,lighting,452000,Headlamp left',
  '散热器,IMPT.121.253,cooling,98000,Radiator',
].join('\r\n');

const FITMENT = ['vehicle_model_code,oe_no', 'IMPT-SAGITAR-2019,IMPT807221', 'IMPT-SAGITAR-2019,impt-941-005', 'IMPT-SAGITAR-2023,IMPT807221'].join('\n');

const PRODUCTS = [
  'sku,brand,name,grade,oe_nos,cert_body,cert_no,cert_valid_from,cert_valid_to,warranty_months,picture_urls',
  'IMPT-SKU-1,华骏,前保险杠皮（认证件）,certified,IMPT-807-221,CAPA,CAPA-2024-0001,2024/1/1,2026-12-31,24,https://img.example.cn/1.jpg|https://img.example.cn/2.jpg',
  'IMPT-SKU-2,华骏,左前大灯 适用件,aftermarket,IMPT941005|IMPT-941-005,,,,,12,',
].join('\n');

const OFFERS = [
  'sku,price_fen,min_qty,lead_time_days,region_codes,valid_from,valid_to',
  'IMPT-SKU-1,113000,1,2,,2025-01-01,',
  'IMPT-SKU-1,109000,2,3,440000|110000,2025-01-01,2025-12-31',
  'IMPT-SKU-2,210000,,5,320000,2025-01-01,',
].join('\n');

type Counts = Record<'models' | 'parts' | 'fitment' | 'products' | 'productParts' | 'offers', number>;

for (const kind of databaseKinds()) {
  describe(`catalog CSV import on ${kind}`, () => {
    let t: TestApp;
    let catalog: string;
    let huajun: string;
    let yuetong: string;
    let adjuster: string;
    let huajunOrgId: string;
    let yuetongOrgId: string;

    const importCsv = (token: string, importKind: string, csv: string | Buffer, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/catalog/imports?kind=${importKind}${query}`,
        headers: { ...bearer(token), 'content-type': 'text/csv; charset=utf-8' },
        payload: csv,
      });

    const counts = async (): Promise<Counts> => {
      const { db } = t.database;
      const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
      return {
        models: await n(db.select({ n: count() }).from(vehicleModel)),
        parts: await n(db.select({ n: count() }).from(part)),
        fitment: await n(db.select({ n: count() }).from(partFitment)),
        products: await n(db.select({ n: count() }).from(product)),
        productParts: await n(db.select({ n: count() }).from(productPart)),
        offers: await n(db.select({ n: count() }).from(offer)),
      };
    };

    const orgIdOf = async (token: string) => (await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).json<{ org: { id: string } }>().org.id;

    beforeAll(async () => {
      t = await startTestApp(kind);
      catalog = await t.login('catalog@anpei.demo');
      huajun = await t.login('sales@huajun.demo');
      yuetong = await t.login('sales@yuetong.demo');
      adjuster = await t.login('adjuster@picc.demo');
      huajunOrgId = await orgIdOf(huajun);
      yuetongOrgId = await orgIdOf(yuetong);
      // The certification body the products cite; the demo seed may already have it.
      await t.database.db.insert(certBody).values({ id: '01900000-0000-7000-8000-00000000ca9a', code: 'CAPA', name: 'CAPA', nameEn: 'CAPA' }).onConflictDoNothing();
    });
    afterAll(() => t?.close());

    it('imports models, parts, fitment, products and offers in order', async () => {
      const before = await counts();
      const steps: [string, string, string, number][] = [
        ['vehicle_models', `\uFEFF${MODELS}`, catalog, 2],
        ['parts', PARTS, catalog, 3],
        ['fitment', FITMENT, catalog, 3],
        ['products', PRODUCTS, huajun, 2],
        ['offers', OFFERS, huajun, 3],
      ];
      for (const [importKind, csv, token, rows] of steps) {
        const res = await importCsv(token, importKind, csv);
        expect(res.statusCode, `${importKind}: ${res.body}`).toBe(200);
        expect(res.json()).toEqual({ kind: importKind, rows, inserted: rows, updated: 0, unchanged: 0 });
      }
      expect(await counts()).toEqual({
        models: before.models + 2,
        parts: before.parts + 3,
        fitment: before.fitment + 3,
        products: before.products + 2,
        productParts: before.productParts + 2,
        offers: before.offers + 3,
      });

      const { db } = t.database;
      const [bumper] = await db.select().from(part).where(eq(part.oeNorm, 'IMPT807221'));
      expect(bumper).toMatchObject({ oeNo: 'IMPT-807-221', nameEn: 'Bumper cover, front', pinyin: 'qianbaoxiangangpi', initials: 'qbxgp', oePriceFen: 168000n });
      const [model] = await db.select().from(vehicleModel).where(eq(vehicleModel.code, 'IMPT-SAGITAR-2023'));
      expect(model).toMatchObject({ wmi: 'LFV', vdsPattern: '9Z8**', sampleVin: null });
      const [certified] = await db
        .select()
        .from(product)
        .where(and(eq(product.supplierOrgId, huajunOrgId), eq(product.sku, 'IMPT-SKU-1')));
      expect(certified).toMatchObject({
        grade: 'certified',
        certNo: 'CAPA-2024-0001',
        certValidFrom: '2024-01-01',
        warrantyMonths: 24,
        pictureUrls: ['https://img.example.cn/1.jpg', 'https://img.example.cn/2.jpg'],
      });
      const offers = await db.select().from(offer).where(eq(offer.productId, certified!.id));
      expect(offers.map((o) => [o.regionKey, o.priceFen, o.vatFen, o.minQty]).sort()).toEqual([
        ['*', 113000n, 13000n, 1],
        ['110000|440000', 109000n, 12540n, 2],
      ]);
      const audits = await db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'catalog_import'), eq(auditEvent.orgId, huajunOrgId)));
      expect(audits.map((a) => a.data)).toContainEqual(expect.objectContaining({ kind: 'offers', rows: 3, inserted: 3, updated: 0, unchanged: 0 }));
    });

    it('re-importing the same files changes nothing; one changed price updates one row', async () => {
      const steps: [string, string, string, number][] = [
        ['vehicle_models', MODELS, catalog, 2],
        ['parts', PARTS, catalog, 3],
        ['fitment', FITMENT, catalog, 3],
        ['products', PRODUCTS, huajun, 2],
        ['offers', OFFERS, huajun, 3],
      ];
      const before = await counts();
      const [stamp] = await t.database.db.select({ id: part.id, updatedAt: part.updatedAt }).from(part).where(eq(part.oeNorm, 'IMPT807221'));
      for (const [importKind, csv, token, rows] of steps) {
        const res = await importCsv(token, importKind, csv);
        expect(res.json(), importKind).toEqual({ kind: importKind, rows, inserted: 0, updated: 0, unchanged: rows });
      }
      expect(await counts()).toEqual(before);
      const [same] = await t.database.db.select({ id: part.id, updatedAt: part.updatedAt }).from(part).where(eq(part.oeNorm, 'IMPT807221'));
      expect(same).toEqual(stamp);

      const changed = await importCsv(catalog, 'parts', PARTS.replace('452000', '455000'));
      expect(changed.json()).toEqual({ kind: 'parts', rows: 3, inserted: 0, updated: 1, unchanged: 2 });
      const offerChanged = await importCsv(huajun, 'offers', OFFERS.replace('210000', '199000'));
      expect(offerChanged.json()).toEqual({ kind: 'offers', rows: 3, inserted: 0, updated: 1, unchanged: 2 });
      const [lamp] = await t.database.db.select().from(part).where(eq(part.oeNorm, 'IMPT941005'));
      expect(lamp!.oePriceFen).toBe(455000n);
      // The same part under another id would break every link to it: ids stay.
      const [bumper] = await t.database.db.select({ id: part.id }).from(part).where(eq(part.oeNorm, 'IMPT807221'));
      expect(bumper!.id).toBe(stamp!.id);

      // A product whose only change is its list of parts is updated, and its links follow the file.
      const relinked = await importCsv(huajun, 'products', PRODUCTS.replace('IMPT941005|IMPT-941-005', 'IMPT941005|IMPT121253'));
      expect(relinked.json()).toEqual({ kind: 'products', rows: 2, inserted: 0, updated: 1, unchanged: 1 });
      expect((await counts()).productParts).toBe(before.productParts + 1);
      const restored = await importCsv(huajun, 'products', PRODUCTS);
      expect(restored.json()).toEqual({ kind: 'products', rows: 2, inserted: 0, updated: 1, unchanged: 1 });
      expect(await counts()).toEqual(before);
    });

    it('rejects a file with bad rows as a whole, listing every row, column and reason', async () => {
      const before = await counts();
      const bad = [
        'oe_no,name_zh,name_en,category,oe_price_fen',
        'IMPT-NEW-1,后保险杠,Rear bumper,body,120000', // row 2 is fine, and is not imported either
        'IMPT-NEW-2,,Door,doors,12.50', // row 3: three errors
        ',,,,', // row 4: blank, skipped
        'impt new 1,后保险杠,Rear bumper,body,120000', // row 5: the same OE number as row 2
        '--,前门,Front door,body,0', // row 6
        'IMPT-NEW-3,前门,Front door,body,100,extra', // row 7: one cell too many
      ].join('\n');
      const res = await importCsv(catalog, 'parts', bad, '');
      expect(res.statusCode).toBe(422);
      const problem = res.json();
      expect(problem.code).toBe('import_rejected');
      expect(problem.detail).toContain('5');
      expect(problem.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['rows.3.name_zh', 'required'],
        ['rows.3.category', 'invalid_value'],
        ['rows.3.oe_price_fen', 'invalid_format'],
        ['rows.5.oe_no', 'duplicate_in_file'],
        ['rows.6.oe_no', 'invalid_format'],
        ['rows.6.oe_price_fen', 'too_small_number'],
        ['rows.7', 'too_big_array'],
      ]);
      expect(problem.errors[3].message).toBe('与第 2 行重复');
      expect(await counts()).toEqual(before);

      const fitment = await importCsv(catalog, 'fitment', 'vehicle_model_code,oe_no\nIMPT-NOPE,IMPT807221\nIMPT-SAGITAR-2019,IMPT-000-000\n');
      expect(fitment.statusCode).toBe(422);
      expect(fitment.json().errors.map((e: { path: string; message: string }) => [e.path, e.message])).toEqual([
        ['rows.2.vehicle_model_code', '引用的车型不存在：IMPT-NOPE'],
        ['rows.3.oe_no', '引用的配件不存在：IMPT-000-000'],
      ]);

      const products = await importCsv(
        huajun,
        'products',
        'sku,brand,name,grade,oe_nos,cert_body,cert_valid_from,cert_valid_to\nIMPT-SKU-9,华骏,大灯,certified,IMPT807221,NOPE,2025-01-01,2024-01-01\n',
      );
      expect(products.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['rows.2.cert_body', 'unknown_reference'],
        ['rows.2.cert_no', 'certificate_required'],
        ['rows.2.cert_valid_to', 'date_order'],
      ]);

      const header = await importCsv(catalog, 'parts', 'oe_no,name,category\nX,Y,body\n');
      expect(header.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['rows.1.name', 'unknown_field'],
        ['rows.1.name_zh', 'required'],
        ['rows.1.name_en', 'required'],
        ['rows.1.oe_price_fen', 'required'],
      ]);

      // "大灯" in GBK, as Excel on Chinese Windows saves "CSV": not UTF-8, said so plainly.
      const gbk = Buffer.concat([Buffer.from('oe_no,name_zh,name_en,category,oe_price_fen\nIMPT-GBK,'), Buffer.from([0xb4, 0xf3, 0xb5, 0xc6]), Buffer.from(',x,body,1\n')]);
      const encoding = await importCsv(catalog, 'parts', gbk);
      expect(encoding.json().errors).toEqual([expect.objectContaining({ path: 'rows.2.name_zh', code: 'invalid_format', message: '格式不正确（应为 UTF-8）' })]);
      expect(await counts()).toEqual(before);
    });

    it('keeps each supplier to its own products', async () => {
      // Yuetong uses the same SKU as Huajun: its own product, not Huajun's.
      const mine = await importCsv(yuetong, 'products', PRODUCTS.replace('华骏', '粤通'));
      expect(mine.json()).toMatchObject({ inserted: 2, updated: 0 });
      const { db } = t.database;
      const huajunSku = await db
        .select()
        .from(product)
        .where(and(eq(product.supplierOrgId, huajunOrgId), like(product.sku, 'IMPT-%')));
      expect(huajunSku.map((p) => p.brand)).toEqual(['华骏', '华骏']);

      // Offers name SKUs of the importing supplier only.
      const foreignOffer = await importCsv(yuetong, 'offers', 'sku,price_fen,lead_time_days,valid_from\nIMPT-SKU-3,1000,1,2025-01-01\n');
      expect(foreignOffer.json().errors[0]).toMatchObject({ path: 'rows.2.sku', code: 'unknown_reference' });

      const asOther = await importCsv(huajun, 'products', PRODUCTS, `&supplierOrgId=${yuetongOrgId}`);
      expect(asOther.statusCode).toBe(404);
      expect(asOther.json().code).toBe('not_found');
      const asSelf = await importCsv(huajun, 'products', PRODUCTS, `&supplierOrgId=${huajunOrgId}`);
      expect(asSelf.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

      // The platform imports for a supplier it names, and must name one.
      const unnamed = await importCsv(catalog, 'offers', OFFERS);
      expect(unnamed.statusCode).toBe(400);
      expect(unnamed.json().errors[0]).toMatchObject({ path: 'supplierOrgId', in: 'querystring', code: 'required' });
      const named = await importCsv(catalog, 'offers', OFFERS, `&supplierOrgId=${huajunOrgId}`);
      expect(named.json()).toMatchObject({ rows: 3, updated: 1, unchanged: 2 });
      const notSupplier = await importCsv(catalog, 'offers', OFFERS, `&supplierOrgId=${await orgIdOf(adjuster)}`);
      expect(notSupplier.statusCode).toBe(404);
    });

    it('refuses callers without the permission, and bodies that are not CSV', async () => {
      for (const importKind of ['parts', 'products']) {
        const res = await importCsv(adjuster, importKind, PARTS);
        expect(res.statusCode, importKind).toBe(403);
      }
      expect((await importCsv(huajun, 'parts', PARTS)).statusCode).toBe(403);
      const json = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/imports?kind=parts', headers: bearer(catalog), payload: { rows: [] } });
      expect(json.statusCode).toBe(415);
      expect(json.json().detail).toBe('请以 text/csv 发送请求体。');
      const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/imports?kind=parts', headers: { 'content-type': 'text/csv' }, payload: PARTS });
      expect(anonymous.statusCode).toBe(401);
      const unknownKind = await importCsv(catalog, 'brands', PARTS);
      expect(unknownKind.statusCode).toBe(400);
    });

    it('documents the route as a text/csv upload', async () => {
      const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
      const operation = spec.paths['/api/v1/catalog/imports'].post;
      expect(Object.keys(operation.requestBody?.content ?? {})).toEqual(['text/csv']);
      expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(['kind', 'supplierOrgId']);
    });

    it('imports a 20,000-row parts file', async () => {
      const names = ['前保险杠皮', '后保险杠皮', '左前大灯', '右前翼子板', '发动机盖', '散热器', '前挡风玻璃'];
      const categories = ['body', 'body', 'lighting', 'body', 'body', 'cooling', 'glass'];
      const lines = ['oe_no,name_zh,name_en,category,oe_price_fen'];
      for (let i = 0; i < 20_000; i++) {
        const k = i % names.length;
        lines.push(`IMPT-${String(i).padStart(6, '0')}-X,${names[k]} ${i},Part ${i},${categories[k]},${10_000 + i}`);
      }
      const csv = lines.join('\n');
      const started = Date.now();
      const res = await importCsv(catalog, 'parts', csv);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json()).toEqual({ kind: 'parts', rows: 20_000, inserted: 20_000, updated: 0, unchanged: 0 });
      const [last] = await t.database.db.select().from(part).where(eq(part.oeNorm, 'IMPT019999X'));
      expect(last).toMatchObject({ nameZh: '前保险杠皮 19999', initials: 'qbxgp19999', oePriceFen: 29_999n });
      // Printed, not asserted: timings belong to benchmarks (DESIGN.md, habit 8).
      console.info(`${kind}: 20,000 parts imported in ${Date.now() - started} ms`);
    }, 60_000);
  });
}
