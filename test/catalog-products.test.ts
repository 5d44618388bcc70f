import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namePinyin } from '../src/modules/catalog/pinyin.ts';
import { normaliseOe } from '../src/modules/catalog/oe-number.ts';
import { addDays, chinaDate } from '../src/modules/catalog/products/dates.ts';
import { certBody, part } from '../src/modules/catalog/tables.ts';
import { appUser } from '../src/modules/identity/index.ts';
import { newId } from '../src/platform/ids.ts';
import { outboxEvent } from '../src/platform/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// Suppliers' products and offers over HTTP: creation with its checks (certificate, parts, SKU and
// region-set uniqueness), the VAT split, listing and editing, price-change audit and events, expiry,
// and isolation: another supplier gets 404, an insurer 403, the platform's catalog team sees all.
// The parts and certification bodies are made here, independent of the demo catalog seed.

type Problem = { code: string; errors?: { path: string; code: string }[] };
type Product = {
  id: string;
  supplierOrgId: string;
  sku: string;
  name: string;
  grade: string;
  certBodyCode: string | null;
  certNo: string | null;
  certValidFrom: string | null;
  certValidTo: string | null;
  warrantyMonths: number;
  pictureUrls: string[];
  partIds: string[];
};
type Offer = {
  id: string;
  productId: string;
  supplierOrgId: string;
  priceFen: number;
  vatFen: number;
  netFen: number;
  minQty: number;
  regionCodes: string[];
  validFrom: string;
  validTo: string | null;
};
type ProductDetail = Product & { parts: { id: string; oeNo: string }[]; offers: Offer[] };
type Page<T> = { items: T[]; nextCursor: string | null };

// OE numbers no real maker uses, so the demo catalog cannot collide with them.
const PARTS = [
  { oeNo: 'ZT9 807 221 A', nameZh: '前保险杠皮', nameEn: 'Front bumper cover', category: 'body' as const },
  { oeNo: 'ZT9-941-005-B', nameZh: '左前大灯总成', nameEn: 'Left headlamp assembly', category: 'lighting' as const },
  { oeNo: 'ZT9.853.651.C', nameZh: '中网', nameEn: 'Radiator grille', category: 'body' as const },
];
const CERT_BODY = 'T-CATARC';

const certified = {
  grade: 'certified',
  certBodyCode: CERT_BODY,
  certNo: 'CAPA-2024-00017',
  certValidFrom: '2024-01-01',
  certValidTo: '2027-12-31',
};

function pathsAndCodes(problem: Problem): [string, string][] {
  return (problem.errors ?? []).map((e) => [e.path, e.code]);
}

for (const kind of databaseKinds()) {
  describe(`products and offers on ${kind}`, () => {
    let t: TestApp;
    let anxin: string;
    let anxinAdmin: string;
    let huajun: string;
    let catalog: string;
    let adjuster: string;
    let anxinOrgId: string;
    let huajunOrgId: string;
    let piccOrgId: string;
    let partIds: string[];
    // Anxin's certified bumper and its first offer, made by the early tests and used by later ones.
    let bumper: Product;
    let offer: Offer;

    const api = (token: string) => ({
      get: (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) }),
      post: (url: string, payload?: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, ...(payload ? { payload } : {}) }),
      patch: (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: bearer(token), payload }),
    });

    const orgOf = async (email: string): Promise<string> => {
      const [row] = await t.database.db.select({ orgId: appUser.orgId }).from(appUser).where(eq(appUser.email, email));
      return row!.orgId;
    };

    const productBody = (sku: string, extra: object = {}) => ({
      sku,
      brand: '安信',
      name: '前保险杠皮（认证件）',
      ...certified,
      partIds: [partIds[0]],
      warrantyMonths: 24,
      ...extra,
    });

    beforeAll(async () => {
      t = await startTestApp(kind);
      partIds = [];
      for (const p of PARTS) {
        const id = newId();
        partIds.push(id);
        await t.database.db.insert(part).values({ id, ...p, oeNorm: normaliseOe(p.oeNo), ...namePinyin(p.nameZh), oePriceFen: 150_000n });
      }
      await t.database.db.insert(certBody).values({ id: newId(), code: CERT_BODY, name: '中国汽车技术研究中心（测试）', nameEn: 'CATARC (test)' });
      anxin = await t.login('sales@anxin.demo');
      anxinAdmin = await t.login('admin@anxin.demo');
      huajun = await t.login('sales@huajun.demo');
      catalog = await t.login('catalog@anpei.demo');
      adjuster = await t.login('adjuster@picc.demo');
      anxinOrgId = await orgOf('sales@anxin.demo');
      huajunOrgId = await orgOf('sales@huajun.demo');
      piccOrgId = await orgOf('adjuster@picc.demo');
    });

    afterAll(async () => {
      await t?.close();
    });

    it('creates a certified product for the supplier’s own organisation', async () => {
      // Parts by id and by OE number written with other punctuation; the same part twice counts once.
      const res = await api(anxin).post(
        '/api/v1/products',
        productBody('AX-FB-001', {
          partIds: [partIds[0]],
          oeNos: ['zt9807221a', 'ZT9 941 005 B'],
          pictureUrls: ['https://img.anxin.example/fb-001.jpg'],
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      bumper = res.json<Product>();
      expect(bumper).toMatchObject({
        supplierOrgId: anxinOrgId,
        sku: 'AX-FB-001',
        grade: 'certified',
        certBodyCode: CERT_BODY,
        certNo: 'CAPA-2024-00017',
        certValidFrom: '2024-01-01',
        certValidTo: '2027-12-31',
        warrantyMonths: 24,
        pictureUrls: ['https://img.anxin.example/fb-001.jpg'],
      });
      expect(bumper.partIds).toEqual([partIds[0], partIds[1]].sort());
    });

    // [name, body changes, expected [path, code] of each field error]. The changes are functions
    // because the ids they need are known only once the database is up.
    type Known = { partIds: string[]; huajunOrgId: string };
    const invalidProducts: [string, (k: Known) => Record<string, unknown>, [string, string][]][] = [
      [
        'certified without its certificate',
        () => ({ certBodyCode: undefined, certNo: undefined, certValidFrom: undefined, certValidTo: undefined }),
        [
          ['certBodyCode', 'certificate_required'],
          ['certNo', 'certificate_required'],
          ['certValidFrom', 'certificate_required'],
          ['certValidTo', 'certificate_required'],
        ],
      ],
      ['certified without a number', () => ({ certNo: undefined }), [['certNo', 'certificate_required']]],
      ['certificate ending before it starts', () => ({ certValidTo: '2023-12-31' }), [['certValidTo', 'date_order']]],
      ['a malformed date', () => ({ certValidFrom: '2024/01/01' }), [['certValidFrom', 'invalid_format']]],
      ['an unknown certification body', () => ({ certBodyCode: 'NOPE' }), [['certBodyCode', 'unknown_reference']]],
      ['no parts at all', () => ({ partIds: [] }), [['partIds', 'too_small_array']]],
      ['an unknown part id', (k) => ({ partIds: [k.partIds[0], '0190b6a0-0000-7000-8000-000000000000'] }), [['partIds.1', 'unknown_reference']]],
      ['an unknown OE number', () => ({ oeNos: ['ZT0 000 000'] }), [['oeNos.0', 'unknown_reference']]],
      ['a picture that is not a web address', () => ({ pictureUrls: ['ftp://img.example/x.jpg'] }), [['pictureUrls.0', 'url_scheme']]],
      ['a grade that does not exist', () => ({ grade: 'premium' }), [['grade', 'invalid_value']]],
      ['another supplier’s organisation', (k) => ({ supplierOrgId: k.huajunOrgId }), [['supplierOrgId', 'org_unknown']]],
    ];
    it.each(invalidProducts)('refuses %s with 400', async (_name, changes, expected) => {
      const res = await api(anxin).post('/api/v1/products', { ...productBody('AX-BAD-001'), ...changes({ partIds, huajunOrgId }) });
      expect(res.statusCode, res.body).toBe(400);
      expect(pathsAndCodes(res.json<Problem>())).toEqual(expected);
    });

    it('refuses a second product with the same SKU for one supplier, but not for another', async () => {
      const again = await api(anxin).post('/api/v1/products', productBody('AX-FB-001'));
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>().code).toBe('conflict');
      const other = await api(huajun).post('/api/v1/products', productBody('AX-FB-001', { brand: '华骏', grade: 'oes' }));
      expect(other.statusCode, other.body).toBe(201);
      expect(other.json<Product>().supplierOrgId).toBe(huajunOrgId);
    });

    it('replays a product creation sent twice with one Idempotency-Key', async () => {
      const headers = { 'idempotency-key': `product-${kind}-1` };
      const body = productBody('AX-GR-001', { grade: 'aftermarket', partIds: [partIds[2]], certBodyCode: undefined, certNo: undefined, certValidFrom: undefined, certValidTo: undefined });
      const first = await api(anxin).post('/api/v1/products', body, headers);
      expect(first.statusCode, first.body).toBe(201);
      const second = await api(anxin).post('/api/v1/products', body, headers);
      expect(second.statusCode).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json<Product>().id).toBe(first.json<Product>().id);
      const other = await api(anxin).post('/api/v1/products', { ...body, sku: 'AX-GR-002' }, headers);
      expect(other.statusCode).toBe(409);
      expect(other.json<Problem>().code).toBe('idempotency_key_reused');
    });

    it('creates an offer with the VAT split in fen', async () => {
      const res = await api(anxin).post(`/api/v1/products/${bumper.id}/offers`, {
        priceFen: 11300,
        minQty: 1,
        leadTimeDays: 3,
        regionCodes: ['440100', '320000'],
        validFrom: '2025-01-01',
      });
      expect(res.statusCode, res.body).toBe(201);
      offer = res.json<Offer>();
      expect(offer).toMatchObject({
        productId: bumper.id,
        supplierOrgId: anxinOrgId,
        priceFen: 11300,
        vatFen: 1300,
        netFen: 10000,
        regionCodes: ['320000', '440100'],
        validFrom: '2025-01-01',
        validTo: null,
      });
    });

    // [priceFen, vatFen, netFen, region]: 13 % VAT inside the price, rounded half up to the fen.
    // Each price gets its own region so the offers do not collide on their region set.
    const vatCases: [number, number, number, string][] = [
      [100, 12, 88, '110000'],
      [1, 0, 1, '120000'],
      [123_456, 14_203, 109_253, '330100'],
    ];
    it.each(vatCases)('splits %i fen into VAT %i and net %i', async (priceFen, vatFen, netFen, region) => {
      const res = await api(anxin).post(`/api/v1/products/${bumper.id}/offers`, { priceFen, leadTimeDays: 0, regionCodes: [region], validFrom: '2025-01-01' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Offer>()).toMatchObject({ priceFen, vatFen, netFen });
    });

    it('refuses a second offer for the same region set (in any order) with 409', async () => {
      const res = await api(anxin).post(`/api/v1/products/${bumper.id}/offers`, {
        priceFen: 12000,
        leadTimeDays: 3,
        regionCodes: ['320000', '440100', '320000'],
        validFrom: '2025-02-01',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<Problem>().code).toBe('conflict');
      const nationwide = await api(anxin).post(`/api/v1/products/${bumper.id}/offers`, { priceFen: 12000, leadTimeDays: 5, validFrom: '2025-02-01' });
      expect(nationwide.statusCode, nationwide.body).toBe(201);
      expect(nationwide.json<Offer>().regionCodes).toEqual([]);
      const nationwideAgain = await api(anxin).post(`/api/v1/products/${bumper.id}/offers`, { priceFen: 12500, leadTimeDays: 5, regionCodes: [], validFrom: '2025-03-01' });
      expect(nationwideAgain.statusCode).toBe(409);
    });

    const invalidOffers: [string, Record<string, unknown>, [string, string][]][] = [
      ['an unknown region code', { regionCodes: ['999999'] }, [['regionCodes.0', 'region_unknown']]],
      ['a zero price', { priceFen: 0 }, [['priceFen', 'too_small_number']]],
      ['a fractional price', { priceFen: 113.5 }, [['priceFen', 'invalid_type']]],
      ['an end before the start', { validTo: '2024-12-31' }, [['validTo', 'date_order']]],
      ['no start date', { validFrom: undefined }, [['validFrom', 'required']]],
    ];
    it.each(invalidOffers)('refuses an offer with %s', async (_name, changes, expected) => {
      const res = await api(anxin).post(`/api/v1/products/${bumper.id}/offers`, {
        priceFen: 9900,
        leadTimeDays: 1,
        regionCodes: ['310000'],
        validFrom: '2025-01-01',
        ...changes,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(pathsAndCodes(res.json<Problem>())).toEqual(expected);
    });

    it('shows a product with its parts and offers', async () => {
      const res = await api(anxin).get(`/api/v1/products/${bumper.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const detail = res.json<ProductDetail>();
      expect(detail.parts.map((p) => p.oeNo).sort()).toEqual([PARTS[0]!.oeNo, PARTS[1]!.oeNo].sort());
      expect(detail.offers.map((o) => o.id)).toContain(offer.id);
      expect(detail.offers).toHaveLength(5);
    });

    it('lists the supplier’s own products with filters and pages', async () => {
      const all = await api(anxin).get('/api/v1/products?limit=200');
      expect(all.statusCode).toBe(200);
      const items = all.json<Page<Product>>().items;
      expect(items.map((p) => p.sku).sort()).toEqual(['AX-FB-001', 'AX-GR-001']);
      expect(items.every((p) => p.supplierOrgId === anxinOrgId)).toBe(true);

      // [query, expected SKUs]
      const filters: [string, string[]][] = [
        ['grade=certified', ['AX-FB-001']],
        ['grade=aftermarket', ['AX-GR-001']],
        ['q=gr-0', ['AX-GR-001']],
        ['q=保险杠', ['AX-FB-001', 'AX-GR-001']],
        [`partId=${partIds[1]}`, ['AX-FB-001']],
        [`partId=${partIds[2]}`, ['AX-GR-001']],
        [`supplierOrgId=${huajunOrgId}`, []],
      ];
      for (const [query, skus] of filters) {
        const res = await api(anxin).get(`/api/v1/products?${query}`);
        expect(res.statusCode, query).toBe(200);
        expect(
          res
            .json<Page<Product>>()
            .items.map((p) => p.sku)
            .sort(),
          query,
        ).toEqual(skus);
      }

      const first = (await api(anxin).get('/api/v1/products?limit=1')).json<Page<Product>>();
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = (await api(anxin).get(`/api/v1/products?limit=1&cursor=${first.nextCursor}`)).json<Page<Product>>();
      expect(second.items).toHaveLength(1);
      expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
      expect(second.nextCursor).toBeNull();
    });

    it('changes a product, checking the certificate against the new grade', async () => {
      const aftermarket = await api(anxin).get('/api/v1/products?grade=aftermarket');
      const plain = aftermarket.json<Page<Product>>().items[0]!;
      // Becoming certified needs a certificate the product does not have.
      const refused = await api(anxin).patch(`/api/v1/products/${plain.id}`, { grade: 'certified' });
      expect(refused.statusCode).toBe(400);
      expect(pathsAndCodes(refused.json<Problem>()).map(([path]) => path)).toEqual(['certBodyCode', 'certNo', 'certValidFrom', 'certValidTo']);
      const promoted = await api(anxin).patch(`/api/v1/products/${plain.id}`, { ...certified, warrantyMonths: 36, oeNos: ['ZT9-853-651-C', 'ZT9-807-221-A'] });
      expect(promoted.statusCode, promoted.body).toBe(200);
      expect(promoted.json<Product>()).toMatchObject({ grade: 'certified', certBodyCode: CERT_BODY, warrantyMonths: 36 });
      expect(promoted.json<Product>().partIds).toEqual([partIds[0], partIds[2]].sort());
      // A certified product cannot lose its certificate while it stays certified; demoted, it may.
      const stripped = await api(anxin).patch(`/api/v1/products/${plain.id}`, { certNo: null });
      expect(pathsAndCodes(stripped.json<Problem>())).toEqual([['certNo', 'certificate_required']]);
      const demoted = await api(anxin).patch(`/api/v1/products/${plain.id}`, { grade: 'aftermarket', certBodyCode: null, certNo: null, certValidFrom: null, certValidTo: null });
      expect(demoted.statusCode, demoted.body).toBe(200);
      expect(demoted.json<Product>()).toMatchObject({ grade: 'aftermarket', certBodyCode: null, certNo: null });

      const audit = await api(anxinAdmin).get(`/api/v1/audit?objectId=${plain.id}&order=asc`);
      const grades = audit.json<Page<{ action: string; fromState: string | null; toState: string | null }>>().items.map((e) => [e.action, e.fromState, e.toState]);
      expect(grades).toEqual([
        ['create', null, 'aftermarket'],
        ['update', 'aftermarket', 'certified'],
        ['update', 'certified', 'aftermarket'],
      ]);
    });

    it('changes an offer’s price with an audit row and an offer.changed event', async () => {
      const res = await api(anxin).patch(`/api/v1/offers/${offer.id}`, { priceFen: 22600 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Offer>()).toMatchObject({ priceFen: 22600, vatFen: 2600, netFen: 20000 });
      // A change that leaves the price alone is audited but sends no event.
      const lead = await api(anxin).patch(`/api/v1/offers/${offer.id}`, { leadTimeDays: 2, priceFen: 22600 });
      expect(lead.statusCode).toBe(200);

      const audit = await api(anxinAdmin).get(`/api/v1/audit?objectId=${offer.id}&order=asc`);
      const entries = audit.json<Page<{ action: string; data: Record<string, unknown> | null }>>().items;
      expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
      expect(entries[1]!.data).toMatchObject({ oldPriceFen: 11300, newPriceFen: 22600 });
      expect(entries[2]!.data).not.toHaveProperty('oldPriceFen');

      const events = await t.database.db
        .select()
        .from(outboxEvent)
        .where(and(eq(outboxEvent.type, 'offer.changed'), eq(outboxEvent.orgId, anxinOrgId)));
      const forOffer = events.filter((e) => (e.payload.offer as Offer).id === offer.id);
      expect(forOffer).toHaveLength(1);
      expect(forOffer[0]!.payload).toMatchObject({ oldPriceFen: 11300, newPriceFen: 22600, offer: { priceFen: 22600 } });
    });

    it('refuses an offer validity that ends before it starts', async () => {
      const res = await api(anxin).patch(`/api/v1/offers/${offer.id}`, { validTo: '2024-06-30' });
      expect(res.statusCode).toBe(400);
      expect(pathsAndCodes(res.json<Problem>())).toEqual([['validTo', 'date_order']]);
    });

    it('expires an offer now (its last valid day is yesterday), once, however often it is asked', async () => {
      const yesterday = addDays(chinaDate(new Date()), -1);
      const first = await api(anxin).post(`/api/v1/offers/${offer.id}/expire`);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json<Offer>().validTo).toBe(yesterday);
      const second = await api(anxin).post(`/api/v1/offers/${offer.id}/expire`);
      expect(second.statusCode).toBe(200);
      expect(second.json<Offer>().validTo).toBe(yesterday);
      const audit = await api(anxinAdmin).get(`/api/v1/audit?objectId=${offer.id}&order=asc`);
      const expiries = audit.json<Page<{ action: string }>>().items.filter((e) => e.action === 'expire');
      expect(expiries).toHaveLength(1);
    });

    it('lists the supplier’s own offers, by product', async () => {
      const res = await api(anxin).get(`/api/v1/offers?productId=${bumper.id}&limit=200`);
      expect(res.statusCode).toBe(200);
      const offers = res.json<Page<Offer>>().items;
      expect(offers).toHaveLength(5);
      expect(offers.every((o) => o.productId === bumper.id)).toBe(true);
    });

    it('hides one supplier’s products and offers from another: 404, and absent from lists', async () => {
      const cases: [string, () => ReturnType<ReturnType<typeof api>['get']>][] = [
        ['GET product', () => api(huajun).get(`/api/v1/products/${bumper.id}`)],
        ['PATCH product', () => api(huajun).patch(`/api/v1/products/${bumper.id}`, { name: '改名' })],
        ['POST offer', () => api(huajun).post(`/api/v1/products/${bumper.id}/offers`, { priceFen: 100, leadTimeDays: 1, regionCodes: ['650000'], validFrom: '2025-01-01' })],
        ['PATCH offer', () => api(huajun).patch(`/api/v1/offers/${offer.id}`, { priceFen: 1 })],
        ['expire offer', () => api(huajun).post(`/api/v1/offers/${offer.id}/expire`)],
      ];
      for (const [name, call] of cases) {
        const res = await call();
        expect(res.statusCode, name).toBe(404);
        expect(res.json<Problem>().code, name).toBe('not_found');
      }
      const products = (await api(huajun).get('/api/v1/products?limit=200')).json<Page<Product>>().items;
      expect(products.map((p) => p.supplierOrgId)).toEqual([huajunOrgId]);
      const offers = (await api(huajun).get(`/api/v1/offers?productId=${bumper.id}`)).json<Page<Offer>>().items;
      expect(offers).toEqual([]);
      // Nothing changed behind the 404s.
      const detail = (await api(anxin).get(`/api/v1/products/${bumper.id}`)).json<ProductDetail>();
      expect(detail.name).toBe('前保险杠皮（认证件）');
      expect(detail.offers.find((o) => o.id === offer.id)?.priceFen).toBe(22600);
    });

    it('refuses insurers with 403 on every management route', async () => {
      const calls: [string, () => ReturnType<ReturnType<typeof api>['get']>][] = [
        ['list products', () => api(adjuster).get('/api/v1/products')],
        ['create product', () => api(adjuster).post('/api/v1/products', productBody('PICC-1'))],
        ['GET product', () => api(adjuster).get(`/api/v1/products/${bumper.id}`)],
        ['PATCH product', () => api(adjuster).patch(`/api/v1/products/${bumper.id}`, { name: 'x' })],
        ['POST offer', () => api(adjuster).post(`/api/v1/products/${bumper.id}/offers`, { priceFen: 100, leadTimeDays: 1, validFrom: '2025-01-01' })],
        ['list offers', () => api(adjuster).get('/api/v1/offers')],
        ['PATCH offer', () => api(adjuster).patch(`/api/v1/offers/${offer.id}`, { priceFen: 1 })],
        ['expire offer', () => api(adjuster).post(`/api/v1/offers/${offer.id}/expire`)],
      ];
      for (const [name, call] of calls) {
        const res = await call();
        expect(res.statusCode, name).toBe(403);
        expect(res.json<Problem>().code, name).toBe('forbidden');
      }
    });

    it('lets the platform’s catalog team see every supplier’s products and create for a supplier', async () => {
      const all = (await api(catalog).get('/api/v1/products?limit=200')).json<Page<Product>>().items;
      expect(new Set(all.map((p) => p.supplierOrgId))).toEqual(new Set([anxinOrgId, huajunOrgId]));
      const offers = (await api(catalog).get(`/api/v1/offers?productId=${bumper.id}`)).json<Page<Offer>>().items;
      expect(offers).toHaveLength(5);

      const missing = await api(catalog).post('/api/v1/products', productBody('PL-001'));
      expect(pathsAndCodes(missing.json<Problem>())).toEqual([['supplierOrgId', 'required']]);
      const insurer = await api(catalog).post('/api/v1/products', productBody('PL-001', { supplierOrgId: piccOrgId }));
      expect(pathsAndCodes(insurer.json<Problem>())).toEqual([['supplierOrgId', 'org_unknown']]);

      const created = await api(catalog).post('/api/v1/products', productBody('PL-001', { supplierOrgId: anxinOrgId }));
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json<Product>().supplierOrgId).toBe(anxinOrgId);
      const seen = (await api(anxin).get('/api/v1/products?q=PL-001')).json<Page<Product>>().items;
      expect(seen.map((p) => p.id)).toEqual([created.json<Product>().id]);
      // The platform may also edit a supplier's offer; the event still goes to the supplier.
      const repriced = await api(catalog).patch(`/api/v1/offers/${offer.id}`, { priceFen: 20000 });
      expect(repriced.statusCode, repriced.body).toBe(200);
      const events = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'offer.changed'));
      const latest = events.filter((e) => (e.payload.offer as Offer).id === offer.id).map((e) => [e.orgId, e.payload.newPriceFen]);
      expect(latest).toEqual([
        [anxinOrgId, 22600],
        [anxinOrgId, 20000],
      ]);
    });
  });
}
