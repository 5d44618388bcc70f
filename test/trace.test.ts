import { eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { org } from '../src/modules/identity/index.ts';
import { traceUnit } from '../src/modules/inventory/index.ts';
import { traceLotReport, type LotRecipientsDto, type RecipientDto, type TraceLookupDto } from '../src/modules/trace/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, vinFor, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; status: number; detail: string; errors?: { path: string; code: string }[] };
type Order = { id: string; orderNo: string; lines: { id: string; status: string }[]; shipments: { id: string }[] };

const LOT = 'TR-2026-01';
const CODES = ['TR-CERT-0001', 'TR-CERT-0002', 'TR-CERT-0003', 'TR-CERT-0004', 'TR-CERT-0005'];
const REVOKED_REASON = '该批次 CAPA 抽检不合格，认证已撤销';

// The public trace-code lookup and lot recalls, over HTTP on each database. The units reach their
// states through the real fulfilment API: packed by scanning, shipped, delivered, signed for and
// installed. Only the revocation of a batch, which has no endpoint yet, is written directly.
for (const kind of databaseKinds()) {
  describe(`traceability on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t);
    const { call } = users;
    // The VIN a shop gave for a part it bought for itself (not a claim's).
    const ownVin = vinFor('LFV', '2A21K', 'R', 'B', '654321');
    const lines = { installed: '', claim: '', reserved: '', cancelled: '' };
    const names = { anxin: '', yuetong: '', shop: '', picc: '' };
    let claimNo = '';

    const lookup = (code: string, headers: Record<string, string> = {}, remoteAddress?: string): Promise<Response> =>
      t.app.inject({ method: 'GET', url: `/api/v1/trace/${encodeURIComponent(code)}`, headers, remoteAddress });

    function ok<T>(res: Response, status = 200): T {
      expect(res.statusCode, res.body).toBe(status);
      return res.json<T>();
    }

    // Packs (scanning the given codes), ships, delivers, signs for and installs an order's lines,
    // each by whoever does it in real life.
    async function fulfil(o: Order, traceCodes: string[] | undefined, vin?: string): Promise<void> {
      const shipmentId = o.shipments[0]!.id;
      const lineIds = o.lines.map((l) => l.id);
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: lineIds.map((orderLineId) => ({ orderLineId, traceCodes })) }));
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/ship`, { carrier: '顺丰速运', trackingNo: `SF${lineIds[0]!.slice(-8)}` }));
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'delivered' }));
      ok(await call('shop', 'POST', `/api/v1/orders/${o.id}/receipt`, { lines: lineIds.map((orderLineId) => ({ orderLineId, result: 'accepted', traceCodes })) }));
      ok(await call('shop', 'POST', `/api/v1/orders/${o.id}/install`, { lineIds, vin }));
    }

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        anxinSales: 'sales@anxin.demo',
        yuetongSales: 'sales@yuetong.demo',
        huajunSales: 'sales@huajun.demo',
        shop: 'buyer@sh-anda.demo',
        adjuster: 'adjuster@picc.demo',
        platform: 'admin@anpei.demo',
      });
      const orgNames = await t.database.db.select({ id: org.id, name: org.name }).from(org).where(inArray(org.id, [users.orgs.anxinSales!, users.orgs.yuetongSales!, users.orgs.shop!, users.orgs.adjuster!]));
      const nameOf = (id: string) => orgNames.find((o) => o.id === id)!.name;
      Object.assign(names, { anxin: nameOf(users.orgs.anxinSales!), yuetong: nameOf(users.orgs.yuetongSales!), shop: nameOf(users.orgs.shop!), picc: nameOf(users.orgs.adjuster!) });

      const hz = ok<{ id: string }>(await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-TRACE', name: '华东中心仓（杭州）', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] }), 201);
      // Two products whose suppliers happen to label a lot with the same number.
      ok(await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 5, lotNo: LOT, traceCodes: CODES }] }), 201);
      ok(await call('hzAdmin', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: f.products.aftermarket.id, qty: 3, lotNo: LOT }] }), 201);

      // A shop buys two certified units for itself and fits them to its own customer's car.
      const own = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 2 }] }), 201);
      lines.installed = own.lines[0]!.id;
      await fulfil(own, CODES.slice(0, 2), ownVin);

      // An insurer's claim: the approved (cheapest allowed) part is the aftermarket one of the lot.
      claimNo = `PICC-TR-${kind}`;
      const filed = ok<{ id: string }>(await call('adjuster', 'POST', '/api/v1/claims', { claimNo, policyNo: 'PDAA202633010000099999', accidentDate: '2026-03-14', accidentRegionCode: '310115', vin: f.sagitarVin, plate: '沪A12345', repairShopOrgId: users.orgs.shop }), 201);
      const assessment = ok<{ id: string }>(await call('adjuster', 'POST', `/api/v1/claims/${filed.id}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }] }), 201);
      expect(ok<{ assessmentStatus: string }>(await call('adjuster', 'POST', `/api/v1/assessments/${assessment.id}/quote`), 201).assessmentStatus).toBe('approved');
      const claimOrder = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { assessmentId: assessment.id }), 201);
      lines.claim = claimOrder.lines[0]!.id;
      await fulfil(claimOrder, undefined);

      // One unit reserved and not shipped yet; one reserved and then cancelled.
      lines.reserved = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 1 }] }), 201).lines[0]!.id;
      const cancelled = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 1 }] }), 201);
      lines.cancelled = cancelled.lines[0]!.id;
      ok(await call('shop', 'POST', `/api/v1/orders/${cancelled.id}/cancel`, { reason: '客户改约' }));

      // Stands in for the platform decertifying a batch (no endpoint for it yet): one unit's code
      // is revoked with the reason the car owner will read.
      await t.database.db.update(traceUnit).set({ status: 'revoked', revokedReason: REVOKED_REASON, updatedAt: new Date() }).where(eq(traceUnit.code, CODES[4]!));
    });
    afterAll(async () => t?.close());

    it('tells anyone, without signing in, what an in-stock code is — in Chinese by default — and nothing about tenants', async () => {
      const res = await lookup(CODES[2]!);
      const body = ok<TraceLookupDto>(res);
      const today = chinaDate(new Date());
      expect(body).toEqual({
        code: CODES[2],
        status: 'in_stock',
        statusText: '在库，尚未售出',
        product: { name: '前保险杠皮 认证', brand: '安信', sku: 'T-AX-5G0807221B' },
        grade: 'certified',
        gradeText: '认证件',
        certification: { body: '美国汽车零部件认证协会', number: 'CAPA-2025-00123', validFrom: '2025-01-01', validTo: '2027-12-31', validToday: '2025-01-01' <= today && today <= '2027-12-31' },
        supplier: { name: names.anxin },
        lotNo: LOT,
        installed: false,
        installedAt: null,
        vinMasked: null,
        revoked: false,
        revokedReason: null,
        warning: null,
      });
      expect(res.headers['vary']).toMatch(/accept-language/i);
      // The answer carries no order, shop, warehouse or claim: not even their ids.
      expect(res.body).not.toMatch(/orderLineId|receiptId|locationId|warehouse|claim/i);
    });

    it('shows an installed code with its date and the VIN masked but for its last six characters, in English on request', async () => {
      const body = ok<TraceLookupDto>(await lookup(CODES[0]!, { 'accept-language': 'en-US,en;q=0.9' }));
      expect(body).toMatchObject({ status: 'installed', statusText: 'Installed in a vehicle', gradeText: 'Certified', installed: true, vinMasked: `***********${ownVin.slice(-6)}`, revoked: false });
      expect(body.certification?.body).toBe('CAPA');
      expect(Date.parse(body.installedAt!)).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(JSON.stringify(body)).not.toContain(ownVin);
    });

    it('finds a code typed in lower case with spaces around it', async () => {
      expect(ok<TraceLookupDto>(await lookup(`  ${CODES[1]!.toLowerCase()} `))).toMatchObject({ code: CODES[1], status: 'installed' });
    });

    it('answers a revoked code with 200, its reason and a plain warning', async () => {
      const body = ok<TraceLookupDto>(await lookup(CODES[4]!));
      expect(body).toMatchObject({ status: 'revoked', statusText: '认证已撤销', revoked: true, revokedReason: REVOKED_REASON, installed: false });
      expect(body.warning).toMatch(/^警告：该配件所属批次的认证已被撤销/);
      expect(ok<TraceLookupDto>(await lookup(CODES[4]!, { 'accept-language': 'en' })).warning).toMatch(/^Warning: the certification of this part’s batch has been withdrawn/);
    });

    it('says plainly that an unknown code does not exist, in zh-CN and en', async () => {
      const zh = await lookup('TR-CERT-9999');
      expect(zh.statusCode).toBe(404);
      expect(zh.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(zh.json<Problem>()).toMatchObject({ code: 'trace_code_unknown', status: 404, detail: '没有这个追溯码，请核对后重试。' });
      const en = await lookup('TR-CERT-9999', { 'accept-language': 'en' });
      expect(en.json<Problem>()).toMatchObject({ code: 'trace_code_unknown', detail: 'There is no such trace code; please check it and try again.' });
      // Something that cannot be a code at all is just as unknown.
      expect((await lookup('!?')).json<Problem>().code).toBe('trace_code_unknown');
    });

    it('lets one client address look up 30 codes a minute, then answers 429 problem+json with Retry-After', async () => {
      const address = '203.0.113.7';
      for (let i = 0; i < 30; i++) {
        const res = await lookup(i % 2 ? CODES[2]! : 'TR-CERT-9999', {}, address);
        expect(res.statusCode, `request ${i + 1}`).not.toBe(429);
      }
      const limited = await lookup(CODES[2]!, { 'accept-language': 'en' }, address);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.json<Problem>()).toMatchObject({ code: 'rate_limited', status: 429, detail: 'Please retry later.' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not held back, and the signed-in API is not limited at all.
      expect((await lookup(CODES[2]!, {}, '203.0.113.8')).statusCode).toBe(200);
      expect((await call('platform', 'GET', `/api/v1/lots/${LOT}/recipients`)).headers['x-ratelimit-limit']).toBeUndefined();
    });

    const row = (items: RecipientDto[], lineId: string) => items.find((i) => i.orderLineId === lineId);

    it('lists to the platform every line that received or holds units of the lot, every product of that number', async () => {
      const all = ok<LotRecipientsDto>(await call('platform', 'GET', `/api/v1/lots/${LOT}/recipients`));
      expect(all.lots.map((l) => [l.productId, l.supplierName]).sort()).toEqual([[f.products.aftermarket.id, names.yuetong], [f.products.certified.id, names.anxin]].sort());
      expect(all.items.map((i) => i.orderLineId).sort()).toEqual([lines.installed, lines.claim, lines.reserved].sort());
      expect(row(all.items, lines.installed)).toMatchObject({
        productId: f.products.certified.id, qtyShipped: 2, qtyReserved: 0, lineStatus: 'installed', shopName: names.shop,
        claimNo: null, claimVin: null, insurerName: null, installedVin: ownVin, traceCodes: CODES.slice(0, 2),
      });
      expect(row(all.items, lines.installed)!.shippedAt).not.toBeNull();
      expect(row(all.items, lines.installed)!.installedAt).not.toBeNull();
      // The claim's line: its number, full VIN and insurer (recall needs them).
      expect(row(all.items, lines.claim)).toMatchObject({
        productId: f.products.aftermarket.id, qtyShipped: 1, claimNo, claimVin: f.sagitarVin, insurerOrgId: users.orgs.adjuster, insurerName: names.picc, installedVin: f.sagitarVin, traceCodes: [],
      });
      // Reserved but not shipped: listed, so a recall can stop it; the cancelled one is not.
      expect(row(all.items, lines.reserved)).toMatchObject({ qtyShipped: 0, qtyReserved: 1, lineStatus: 'reserved', shippedAt: null, traceCodes: [] });

      // productId narrows to one product's lot; pages follow the cursor to the end.
      const first = ok<LotRecipientsDto>(await call('platform', 'GET', `/api/v1/lots/${LOT}/recipients?productId=${f.products.certified.id}&limit=1`));
      expect(first.lots).toHaveLength(1);
      expect(first.items.map((i) => i.orderLineId)).toEqual([lines.installed]);
      const second = ok<LotRecipientsDto>(await call('platform', 'GET', `/api/v1/lots/${LOT}/recipients?productId=${f.products.certified.id}&limit=1&cursor=${first.nextCursor}`));
      expect(second.items.map((i) => i.orderLineId)).toEqual([lines.reserved]);
      expect(second.nextCursor).toBeNull();
    });

    it('lists to a supplier its own lot only, with full VINs; to other suppliers the lot does not exist', async () => {
      const anxin = ok<LotRecipientsDto>(await call('anxinSales', 'GET', `/api/v1/lots/${LOT}/recipients`));
      expect(anxin.lots.map((l) => l.productId)).toEqual([f.products.certified.id]);
      expect(anxin.items.map((i) => i.orderLineId).sort()).toEqual([lines.installed, lines.reserved].sort());
      expect(row(anxin.items, lines.installed)!.installedVin).toBe(ownVin);
      const yuetong = ok<LotRecipientsDto>(await call('yuetongSales', 'GET', `/api/v1/lots/${LOT}/recipients`));
      expect(yuetong.items.map((i) => [i.orderLineId, i.claimVin])).toEqual([[lines.claim, f.sagitarVin]]);

      const huajun = await call('huajunSales', 'GET', `/api/v1/lots/${LOT}/recipients`, undefined, { 'accept-language': 'en' });
      expect(huajun.statusCode).toBe(404);
      expect(huajun.json<Problem>()).toMatchObject({ code: 'not_found', detail: 'The lot does not exist or is not visible to you.' });
      expect((await call('yuetongSales', 'GET', `/api/v1/lots/${LOT}/recipients?productId=${f.products.certified.id}`)).statusCode).toBe(404);
      expect((await call('platform', 'GET', '/api/v1/lots/NO-SUCH-LOT/recipients')).statusCode).toBe(404);
    });

    it('refuses recall to a repair shop (403) and to anyone not signed in (401)', async () => {
      expect((await call('shop', 'GET', `/api/v1/lots/${LOT}/recipients`)).json<Problem>()).toMatchObject({ code: 'forbidden', status: 403 });
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/lots/${LOT}/recipients` })).statusCode).toBe(401);
    });

    it('prints the recall as a table with Chinese and English headers, or as JSON', async () => {
      const table = await traceLotReport(t.database.db, LOT, { product: f.products.certified.id });
      expect(table.stderr).toBe('');
      const [header] = table.stdout.split('\n').filter((l) => l.startsWith('订单号'));
      expect(header).toMatch(/^订单号 Order no\.\s+行 Line\s+已发 Shipped\s+占用 Reserved\s+状态 Status\s+维修厂 Shop/);
      expect(table.stdout).toContain(`${CODES[0]},${CODES[1]}`);
      expect(table.stdout).toContain(ownVin);
      const json = JSON.parse((await traceLotReport(t.database.db, LOT, { json: true })).stdout) as LotRecipientsDto;
      expect(json.items).toHaveLength(3);
      expect(json).not.toHaveProperty('nextCursor');
    });
  });
}
