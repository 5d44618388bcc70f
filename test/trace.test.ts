import { eq, inArray, sql } from 'drizzle-orm';
import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { org } from '../src/modules/identity/index.ts';
import { newTraceCode, traceUnit } from '../src/modules/inventory/index.ts';
import { traceLotReport, type LotRecipientsDto, type RecipientDto, type TraceLookupDto } from '../src/modules/trace/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { queryRows } from '../src/platform/db.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, vinFor, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; status: number; detail: string; errors?: { path: string; code: string }[] };
type Order = { id: string; orderNo: string; lines: { id: string; status: string }[]; shipments: { id: string }[] };
type Receipt = { lines: { traceCodes: string[] }[] };

const LOT = 'TR-2026-01';
// A lot of one unit that the platform recalls, through the API.
const RECALLED_LOT = 'TR-2026-R';
const RECALL_REASON = '该批次 CAPA 抽检不合格，召回';
// A code as a warehouse typed it in before the platform issued codes; such units are still found.
const OLD_CODE = 'TR-CERT-0001';

// The twelve random symbols of a printed code (AP + 12 + check, in groups of five).
const randomPart = (code: string) => code.replaceAll('-', '').slice(2, 14);
const differingSymbols = (a: string, b: string) => [...randomPart(a)].filter((c, i) => c !== randomPart(b)[i]).length;
// A one-symbol typo that is not a look-alike of the symbol it replaces.
const typo = (code: string, at: number) => code.slice(0, at) + (code[at] === 'X' ? 'Y' : 'X') + code.slice(at + 1);

// The public trace-code lookup and lot recalls, over HTTP on each database. The units reach their
// states through the real fulfilment API: packed by scanning, shipped, delivered, signed for and
// installed; a lot is recalled through its endpoint.
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
    // The codes the receipt issued for the lot's five certified units, and for the recalled lot's one.
    let CODES: string[] = [];
    let RECALLED_CODE = '';

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
      const orgNames = await t.database.db
        .select({ id: org.id, name: org.name })
        .from(org)
        .where(inArray(org.id, [users.orgs.anxinSales!, users.orgs.yuetongSales!, users.orgs.shop!, users.orgs.adjuster!]));
      const nameOf = (id: string) => orgNames.find((o) => o.id === id)!.name;
      Object.assign(names, { anxin: nameOf(users.orgs.anxinSales!), yuetong: nameOf(users.orgs.yuetongSales!), shop: nameOf(users.orgs.shop!), picc: nameOf(users.orgs.adjuster!) });

      const hz = ok<{ id: string }>(
        await call('hzAdmin', 'POST', '/api/v1/warehouses', {
          code: 'HZ-TRACE',
          name: '华东中心仓（杭州）',
          kind: 'central',
          regionCode: '330100',
          coverage: [{ regionCode: '310000', transitDays: 1 }],
        }),
        201,
      );
      // Two products whose suppliers happen to label a lot with the same number. The certified
      // units are issued their codes by the receipt; the aftermarket ones get none.
      const certified = ok<Receipt>(
        await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 5, lotNo: LOT }] }),
        201,
      );
      CODES = certified.lines[0]!.traceCodes;
      expect(CODES).toHaveLength(5);
      const aftermarket = ok<Receipt>(
        await call('hzAdmin', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: f.products.aftermarket.id, qty: 3, lotNo: LOT }] }),
        201,
      );
      expect(aftermarket.lines[0]!.traceCodes).toEqual([]);

      // A shop buys two certified units for itself and fits them to its own customer's car. The
      // picker scans them as a hand-held scanner or a person might type them.
      const own = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 2 }] }), 201);
      lines.installed = own.lines[0]!.id;
      await fulfil(own, [CODES[0]!.toLowerCase(), CODES[1]!.replaceAll('-', ' ')], ownVin);

      // An insurer's claim: the approved (cheapest allowed) part is the aftermarket one of the lot.
      claimNo = `PICC-TR-${kind}`;
      const filed = ok<{ id: string }>(
        await call('adjuster', 'POST', '/api/v1/claims', {
          claimNo,
          policyNo: 'PDAA202633010000099999',
          accidentDate: '2026-03-14',
          accidentRegionCode: '310115',
          vin: f.sagitarVin,
          plate: '沪A12345',
          repairShopOrgId: users.orgs.shop,
        }),
        201,
      );
      const assessment = ok<{ id: string }>(
        await call('adjuster', 'POST', `/api/v1/claims/${filed.id}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }] }),
        201,
      );
      expect(ok<{ assessmentStatus: string }>(await call('adjuster', 'POST', `/api/v1/assessments/${assessment.id}/quote`), 201).assessmentStatus).toBe('approved');
      const claimOrder = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { assessmentId: assessment.id }), 201);
      lines.claim = claimOrder.lines[0]!.id;
      await fulfil(claimOrder, undefined);

      // One unit reserved and not shipped yet; one reserved and then cancelled.
      lines.reserved = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 1 }] }), 201).lines[0]!.id;
      const cancelled = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 1 }] }), 201);
      lines.cancelled = cancelled.lines[0]!.id;
      ok(await call('shop', 'POST', `/api/v1/orders/${cancelled.id}/cancel`, { reason: '客户改约' }));

      // A lot the platform recalls (召回): its one unit stays on the shelf, and its code says so.
      const recalled = ok<Receipt>(
        await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 1, lotNo: RECALLED_LOT }] }),
        201,
      );
      RECALLED_CODE = recalled.lines[0]!.traceCodes[0]!;
      ok(await call('platform', 'POST', `/api/v1/lots/${RECALLED_LOT}/recall`, { reason: RECALL_REASON }));
      // Stands in for a unit received before the platform issued codes, its code as typed then.
      await t.database.db.update(traceUnit).set({ code: OLD_CODE }).where(eq(traceUnit.code, CODES[3]!));
    });
    afterAll(async () => t?.close());

    it('issues each certified unit a random code with a check symbol, unrelated from unit to unit and receipt to receipt', async () => {
      const hz = (await call('hzAdmin', 'GET', '/api/v1/warehouses')).json<{ items: { id: string; code: string }[] }>().items.find((w) => w.code === 'HZ-TRACE')!;
      const second = ok<Receipt>(
        await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 5, lotNo: 'TR-2026-02' }] }),
        201,
      );
      const codes = [...CODES, ...second.lines[0]!.traceCodes];
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^AP[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      // No two share a pattern: any two differ in most of their twelve random symbols (a
      // counter, a date or a shared serial would keep most of them), and are not neighbours.
      for (let i = 0; i < codes.length; i++) {
        for (let j = i + 1; j < codes.length; j++) {
          expect(differingSymbols(codes[i]!, codes[j]!), `${codes[i]} ${codes[j]}`).toBeGreaterThanOrEqual(6);
        }
      }
      // They are what the units carry.
      const stored = await t.database.db.select({ code: traceUnit.code }).from(traceUnit).where(inArray(traceUnit.code, second.lines[0]!.traceCodes));
      expect(stored).toHaveLength(5);
      // A non-certified line gets codes only on request; a certified one cannot go without.
      const asked = ok<Receipt>(
        await call('hzAdmin', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, {
          supplierOrgId: f.suppliers.yuetong,
          lines: [{ productId: f.products.aftermarket.id, qty: 2, lotNo: 'TR-2026-03', issueTraceCodes: true }],
        }),
        201,
      );
      expect(asked.lines[0]!.traceCodes).toHaveLength(2);
      const refused = await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, {
        supplierOrgId: f.suppliers.anxin,
        lines: [{ productId: f.products.certified.id, qty: 1, lotNo: 'TR-2026-02', issueTraceCodes: false }],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<Problem>().errors).toEqual([expect.objectContaining({ path: 'lines.0.issueTraceCodes', code: 'trace_codes_required' })]);
      // Codes are the platform's to issue: a receipt naming its own is refused.
      const chosen = await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, {
        supplierOrgId: f.suppliers.anxin,
        lines: [{ productId: f.products.certified.id, qty: 1, lotNo: 'TR-2026-02', traceCodes: ['TR-CERT-0100'] }],
      });
      expect(chosen.statusCode).toBe(400);
    });

    it('tells anyone, without signing in, what an in-stock code is — in Chinese by default — with its lot, and nothing about tenants or the supplier’s SKU', async () => {
      const res = await lookup(CODES[2]!);
      const body = ok<TraceLookupDto>(res);
      const today = chinaDate(new Date());
      expect(body).toEqual({
        code: CODES[2],
        status: 'in_stock',
        statusText: '在库，尚未售出',
        product: { name: '前保险杠皮 认证', brand: '安信' },
        grade: 'certified',
        gradeText: '认证件',
        certification: { body: '美国汽车零部件认证协会', number: 'CAPA-2025-00123', validFrom: '2025-01-01', validTo: '2027-12-31', validToday: '2025-01-01' <= today && today <= '2027-12-31' },
        supplier: { name: names.anxin },
        lotNo: LOT,
        shippedOn: null,
        installed: false,
        installedOn: null,
        vinMasked: null,
        revoked: false,
        revokedReason: null,
        warning: null,
      });
      expect(res.headers.vary).toMatch(/accept-language/i);
      // The answer carries no order, shop, warehouse or claim: not even their ids; nor the
      // supplier's SKU. The lot is there: recall notices name lots.
      expect(res.body).not.toMatch(/orderLineId|receiptId|locationId|warehouse|claim|sku|T-AX-5G0807221B/i);
    });

    it('shows an installed code with the day it was installed (China time, no time of day) and the VIN masked but for its last four characters, in English on request', async () => {
      const res = await lookup(CODES[0]!, { 'accept-language': 'en-US,en;q=0.9' });
      const body = ok<TraceLookupDto>(res);
      expect(body).toMatchObject({ status: 'installed', statusText: 'Installed in a vehicle', gradeText: 'Certified', installed: true, vinMasked: `*************${ownVin.slice(-4)}`, revoked: false });
      expect(body.certification?.body).toBe('CAPA');
      const [unit] = await t.database.db.select({ installedAt: traceUnit.installedAt }).from(traceUnit).where(eq(traceUnit.code, CODES[0]!));
      expect(body.installedOn).toBe(chinaDate(unit!.installedAt!));
      // Shipped the same day, in these tests.
      expect(body.shippedOn).toBe(body.installedOn);
      expect(body).not.toHaveProperty('installedAt');
      // No time of day anywhere in the answer, and no more of the VIN than its last four.
      expect(res.body).not.toMatch(/T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}/);
      expect(res.body).not.toContain(ownVin.slice(-5));
    });

    it('finds a code however it is typed: lower case, without dashes, spaced, full-width, O for 0 and I or L for 1', async () => {
      const code = CODES[1]!;
      const lookAlikes = code.replaceAll('0', 'O').replaceAll('1', 'l');
      const fullWidth = [...code].map((c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
      for (const typed of [`  ${code.toLowerCase()} `, code.replaceAll('-', ''), code.replaceAll('-', ' '), lookAlikes, fullWidth]) {
        expect(ok<TraceLookupDto>(await lookup(typed)), typed).toMatchObject({ code, status: 'installed' });
      }
    });

    it('still finds a unit whose code was stored before codes were issued, typed as before', async () => {
      expect(ok<TraceLookupDto>(await lookup(` ${OLD_CODE.toLowerCase()}`))).toMatchObject({ code: OLD_CODE, status: 'in_stock' });
    });

    it('refuses a mistyped code by its check symbol, with a 422 and without a lookup', async () => {
      const address = '203.0.113.9';
      const code = CODES[2]!;
      // Every symbol mistyped in turn, and two neighbours swapped: each is 422.
      const mistyped = [...Array(code.length).keys()].filter((i) => code[i] !== '-').map((i) => typo(code, i));
      // The last two neighbouring symbols that differ (a code may end in two alike).
      const at = [...Array(code.length - 1).keys()].reverse().find((i) => code[i] !== '-' && code[i + 1] !== '-' && code[i] !== code[i + 1])!;
      mistyped.push(`${code.slice(0, at)}${code[at + 1]}${code[at]}${code.slice(at + 2)}`);
      for (const typed of mistyped) {
        const res = await lookup(typed, { 'accept-language': 'en' }, address);
        expect(res.statusCode, typed).toBe(422);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json<Problem>()).toMatchObject({ code: 'trace_code_mistyped', status: 422 });
      }
      expect(mistyped.length).toBeGreaterThan(15);
      // None of them was counted: the limit of 30 is untouched by ~16 refusals twice over.
      for (const typed of mistyped) await lookup(typed, {}, address);
      expect(await queryRows(t.database.db, sql`select count from rate_limit_window where key = ${`trace-lookup:ip:${address}`}`)).toEqual([]);
      expect(ok<TraceLookupDto>(await lookup(code, {}, address)).code).toBe(code);
      expect((await lookup(typo(code, 3), {}, address)).json<Problem>().detail).toMatch(/^追溯码中有字符输错了/);
      // A warehouse scanning a mistyped code is told which one, by its field.
      const hz = (await call('hzAdmin', 'GET', '/api/v1/warehouses')).json<{ items: { id: string; code: string }[] }>().items.find((w) => w.code === 'HZ-TRACE')!;
      const count = await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/counts`, { lines: [{ productId: f.products.certified.id, lotNo: LOT, counted: 1, traceCodes: [typo(code, 9)] }] });
      expect(count.statusCode).toBe(400);
      expect(count.json<Problem>().errors).toEqual([expect.objectContaining({ path: 'lines.0.traceCodes.0', code: 'trace_code_mistyped' })]);
    });

    it('answers a code of a recalled lot with 200, “recalled” and a plain warning, without the trade’s reason', async () => {
      const res = await lookup(RECALLED_CODE);
      const body = ok<TraceLookupDto>(res);
      expect(body).toMatchObject({ status: 'recalled', statusText: '该批次已召回', revoked: false, revokedReason: null, installed: false });
      expect(body.warning).toMatch(/^警告：该配件所属批次已被召回/);
      expect(res.body).not.toContain(RECALL_REASON);
      expect(ok<TraceLookupDto>(await lookup(RECALLED_CODE, { 'accept-language': 'en' })).warning).toMatch(/^Warning: this part’s batch has been recalled/);
      // The lot's neighbour in the same warehouse is untouched.
      expect(ok<TraceLookupDto>(await lookup(CODES[4]!))).toMatchObject({ status: 'in_stock', warning: null });
    });

    it('says plainly that an unknown code does not exist, in zh-CN and en', async () => {
      const zh = await lookup('TR-CERT-9999');
      expect(zh.statusCode).toBe(404);
      expect(zh.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(zh.json<Problem>()).toMatchObject({ code: 'trace_code_unknown', status: 404, detail: '没有这个追溯码，请核对后重试。' });
      const en = await lookup('TR-CERT-9999', { 'accept-language': 'en' });
      expect(en.json<Problem>()).toMatchObject({ code: 'trace_code_unknown', detail: 'There is no such trace code; please check it and try again.' });
      // A well-formed code that was never issued is unknown too.
      expect((await lookup(newTraceCode())).json<Problem>().code).toBe('trace_code_unknown');
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
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Another address is not held back, and the signed-in API is not limited at all.
      expect((await lookup(CODES[2]!, {}, '203.0.113.8')).statusCode).toBe(200);
      expect((await call('platform', 'GET', `/api/v1/lots/${LOT}/recipients`)).statusCode).toBe(200);
    });

    const row = (items: RecipientDto[], lineId: string) => items.find((i) => i.orderLineId === lineId);

    it('lists to the platform every line that received or holds units of the lot, every product of that number', async () => {
      const all = ok<LotRecipientsDto>(await call('platform', 'GET', `/api/v1/lots/${LOT}/recipients`));
      expect(all.lots.map((l) => [l.productId, l.supplierName]).sort()).toEqual(
        [
          [f.products.aftermarket.id, names.yuetong],
          [f.products.certified.id, names.anxin],
        ].sort(),
      );
      expect(all.items.map((i) => i.orderLineId).sort()).toEqual([lines.installed, lines.claim, lines.reserved].sort());
      expect(row(all.items, lines.installed)).toMatchObject({
        productId: f.products.certified.id,
        qtyShipped: 2,
        qtyReserved: 0,
        lineStatus: 'installed',
        shopName: names.shop,
        claimNo: null,
        claimVin: null,
        insurerName: null,
        installedVin: ownVin,
        traceCodes: CODES.slice(0, 2).sort(),
      });
      expect(row(all.items, lines.installed)!.shippedAt).not.toBeNull();
      expect(row(all.items, lines.installed)!.installedAt).not.toBeNull();
      // The claim's line: its number, full VIN and insurer (recall needs them).
      expect(row(all.items, lines.claim)).toMatchObject({
        productId: f.products.aftermarket.id,
        qtyShipped: 1,
        claimNo,
        claimVin: f.sagitarVin,
        insurerOrgId: users.orgs.adjuster,
        insurerName: names.picc,
        installedVin: f.sagitarVin,
        traceCodes: [],
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
      expect(table.stdout).toContain(CODES.slice(0, 2).sort().join(','));
      expect(table.stdout).toContain(ownVin);
      const json = JSON.parse((await traceLotReport(t.database.db, LOT, { json: true })).stdout) as LotRecipientsDto;
      expect(json.items).toHaveLength(3);
      expect(json).not.toHaveProperty('nextCursor');
    });
  });
}
