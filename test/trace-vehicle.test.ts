import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_JSON } from '../src/modules/quoting/insurer-rules/index.ts';
import { TRACE_VEHICLE_LOOKUPS_PER_WINDOW, type TraceVehicleDto } from '../src/modules/trace/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; status: number; title: string; detail: string; errors?: { path: string; in: string; code: string }[] };
type Order = { id: string; lines: { id: string; status: string }[]; shipments: { id: string }[] };

const LOT = 'TV-2026-01';
const PLATE = '沪A88888';
// Another claim on the same car under an earlier plate: with this plate only that claim is seen.
const OLD_PLATE = '沪B11111';

// The car owner's vehicle lookup (POST /api/v1/trace/vehicle), on each database: a claim for the
// fixture's Sagitar is quoted with a certified bumper (the insurer's policy asks for one), ordered,
// packed by scanning its trace code, shipped, delivered, signed for and installed; then the owner,
// with no account, asks with the VIN and the plate.
for (const kind of databaseKinds()) {
  describe(`the owner's vehicle lookup on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t);
    const { call } = users;
    let code = '';
    const names = { anxin: '', shop: '', picc: '' };

    const lookup = (payload: unknown, headers: Record<string, string> = {}, remoteAddress?: string): Promise<Response> =>
      t.app.inject({ method: 'POST', url: '/api/v1/trace/vehicle', payload: payload as object, headers, remoteAddress });

    function ok<T>(res: Response, status = 200): T {
      expect(res.statusCode, res.body).toBe(status);
      return res.json<T>();
    }

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        shop: 'buyer@sh-anda.demo',
        adjuster: 'adjuster@picc.demo',
        checker: 'checker@picc.demo',
        platform: 'admin@anpei.demo',
      });
      for (const who of ['shop', 'adjuster'] as const) {
        const me = (await call(who, 'GET', '/api/v1/me')).json<{ org: { name: string } }>();
        names[who === 'shop' ? 'shop' : 'picc'] = me.org.name;
      }
      const anxin = await t.login('sales@anxin.demo');
      names.anxin = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${anxin}` } })).json<{ org: { name: string } }>().org.name;

      const hz = ok<{ id: string }>(
        await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-TV', name: '华东中心仓（杭州）', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] }),
        201,
      );
      const receipt = ok<{ lines: { traceCodes: string[] }[] }>(
        await call('hzPicker', 'POST', `/api/v1/warehouses/${hz.id}/receipts`, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 2, lotNo: LOT }] }),
        201,
      );
      // Body parts only as certified (认证件): the quote chooses the certified bumper.
      ok(
        await call(
          'checker',
          'PUT',
          '/api/v1/insurer/policy',
          { ...DEFAULT_POLICY_JSON, byCategory: { ...DEFAULT_POLICY_JSON.byCategory, body: ['certified'] } },
          { 'idempotency-key': `tv-policy-${kind}` },
        ),
      );

      const filed = ok<{ id: string }>(
        await call('adjuster', 'POST', '/api/v1/claims', {
          claimNo: `PICC-TV-${kind}`,
          policyNo: 'PDAA202631010000088888',
          accidentDate: '2026-03-14',
          accidentRegionCode: '310115',
          vin: f.sagitarVin,
          plate: PLATE,
          repairShopOrgId: users.orgs.shop,
        }),
        201,
      );
      const assessment = ok<{ id: string }>(
        await call('adjuster', 'POST', `/api/v1/claims/${filed.id}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }] }),
        201,
      );
      ok(await call('adjuster', 'POST', `/api/v1/assessments/${assessment.id}/quote`), 201);
      const order = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { assessmentId: assessment.id }), 201);
      const lineIds = order.lines.map((l) => l.id);
      const shipmentId = order.shipments[0]!.id;
      code = receipt.lines[0]!.traceCodes[0]!;
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: lineIds.map((orderLineId) => ({ orderLineId, traceCodes: [code] })) }));
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/ship`, { carrier: '顺丰速运', trackingNo: 'SF2026031400' }));
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'delivered' }));
      ok(await call('shop', 'POST', `/api/v1/orders/${order.id}/receipt`, { lines: lineIds.map((orderLineId) => ({ orderLineId, result: 'accepted', traceCodes: [code] })) }));
      ok(await call('shop', 'POST', `/api/v1/orders/${order.id}/install`, { lineIds }));

      ok(
        await call('adjuster', 'POST', '/api/v1/claims', {
          claimNo: `PICC-TV-OLD-${kind}`,
          policyNo: 'PDAA202631010000088889',
          accidentDate: '2025-06-01',
          accidentRegionCode: '310115',
          vin: f.sagitarVin,
          plate: OLD_PLATE,
          repairShopOrgId: users.orgs.shop,
        }),
        201,
      );
    });
    afterAll(async () => t?.close());

    it('lists every part delivered or fitted under the claims naming the VIN and the plate together, however they are typed, in Chinese', async () => {
      const typedVin = ` ${f.sagitarVin.slice(0, 8).toLowerCase()} ${f.sagitarVin.slice(8)} `;
      const res = await lookup({ vin: typedVin, plate: '沪a·88888' }, {}, '203.0.113.30');
      const body = ok<TraceVehicleDto>(res);
      const today = chinaDate(new Date());
      expect(body).toMatchObject({ vinMasked: `*************${f.sagitarVin.slice(-4)}`, plate: PLATE, vehicleModel: '大众 速腾 1.4T 2019-2025', complete: true });
      expect(body.claims).toHaveLength(1);
      expect(body.claims[0]).toEqual({
        accidentDate: '2026-03-14',
        insurer: { name: names.picc },
        repairShop: { name: names.shop },
        parts: [
          {
            product: { name: '前保险杠皮 认证', brand: '安信' },
            grade: 'certified',
            gradeText: '认证件',
            certification: { body: '美国汽车零部件认证协会', number: 'CAPA-2025-00123', validFrom: '2025-01-01', validTo: '2027-12-31', validToday: '2025-01-01' <= today && today <= '2027-12-31' },
            supplier: { name: names.anxin },
            qty: 1,
            status: 'installed',
            statusText: '已安装到车辆',
            shippedOn: today,
            deliveredOn: today,
            installedOn: today,
            traceCodes: [code],
            recalled: false,
            warning: null,
          },
        ],
      });
      expect(res.headers['cache-control']).toBe('no-store');
      // Neither the whole VIN, nor prices, order numbers or the claim's number.
      expect(res.body).not.toContain(f.sagitarVin.slice(-5));
      expect(res.body).not.toMatch(/fen|orderNo|claimNo|PICC-TV|lotNo|TV-2026/i);
    });

    it('sees under the earlier plate only the claim filed under it, and nothing of the other', async () => {
      const body = ok<TraceVehicleDto>(await lookup({ vin: f.sagitarVin, plate: OLD_PLATE }, {}, '203.0.113.30'));
      expect(body.claims).toEqual([expect.objectContaining({ accidentDate: '2025-06-01', parts: [] })]);
    });

    it('answers a wrong plate and an unknown VIN with the same 404, so that neither tells whether the VIN is known', async () => {
      const wrongPlate = await lookup({ vin: f.sagitarVin, plate: '沪A88889' }, {}, '203.0.113.31');
      const unknownVin = await lookup({ vin: f.camryVin, plate: PLATE }, {}, '203.0.113.31');
      for (const res of [wrongPlate, unknownVin]) {
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const strip = (p: Problem) => ({ code: p.code, status: p.status, title: p.title, detail: p.detail, errors: p.errors });
      expect(strip(wrongPlate.json<Problem>())).toEqual(strip(unknownVin.json<Problem>()));
      expect(wrongPlate.json<Problem>()).toMatchObject({ code: 'trace_vehicle_unknown', detail: expect.stringMatching(/^没有找到车架号与车牌号同时相符的理赔维修记录/) });
      expect((await lookup({ vin: f.camryVin, plate: PLATE }, { 'accept-language': 'en' }, '203.0.113.31')).json<Problem>().detail).toMatch(
        /^No claim repair record matches this VIN and plate together/,
      );
    });

    it('refuses a malformed VIN (422, on its field) or plate (400) without counting it', async () => {
      const address = '203.0.113.32';
      for (let i = 0; i < TRACE_VEHICLE_LOOKUPS_PER_WINDOW + 2; i++) {
        const vin = await lookup({ vin: f.sagitarVin.slice(0, 16), plate: PLATE }, {}, address);
        expect(vin.statusCode).toBe(422);
        expect(vin.json<Problem>()).toMatchObject({ code: 'invalid_vin', errors: [expect.objectContaining({ path: 'vin', in: 'body', code: 'vin_length' })] });
        const plate = await lookup({ vin: f.sagitarVin, plate: 'AB12' }, {}, address);
        expect(plate.statusCode).toBe(400);
        expect(plate.json<Problem>().errors).toEqual([expect.objectContaining({ path: 'plate', in: 'body', code: 'plate_format' })]);
      }
      expect((await lookup({ vin: f.sagitarVin, plate: PLATE }, {}, address)).statusCode).toBe(200);
    });

    it(`lets one client address ask ${TRACE_VEHICLE_LOOKUPS_PER_WINDOW} times a minute, matches and misses alike, then answers 429 with Retry-After`, async () => {
      const address = '203.0.113.33';
      for (let i = 0; i < TRACE_VEHICLE_LOOKUPS_PER_WINDOW; i++) {
        const res = await lookup({ vin: f.sagitarVin, plate: i % 2 ? PLATE : `沪A7777${i}` }, {}, address);
        expect(res.statusCode, `request ${i + 1}`).toBe(i % 2 ? 200 : 404);
      }
      const limited = await lookup({ vin: f.sagitarVin, plate: PLATE }, { 'accept-language': 'en' }, address);
      expect(limited.statusCode).toBe(429);
      expect(limited.json<Problem>()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The code lookup keeps its own allowance; another address is not held back.
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/trace/${code}`, remoteAddress: address })).statusCode).toBe(200);
      expect((await lookup({ vin: f.sagitarVin, plate: PLATE }, {}, '203.0.113.34')).statusCode).toBe(200);
    });

    it('warns plainly, in the owner’s language, when a fitted part’s lot is recalled', async () => {
      ok(await call('platform', 'POST', `/api/v1/lots/${LOT}/recall`, { reason: '抽检不合格' }));
      const en = ok<TraceVehicleDto>(await lookup({ vin: f.sagitarVin, plate: PLATE }, { 'accept-language': 'en' }, '203.0.113.35'));
      expect(en.claims[0]!.parts[0]).toMatchObject({ recalled: true, statusText: 'Installed in the vehicle', gradeText: 'Certified', certification: { body: 'CAPA' } });
      expect(en.claims[0]!.parts[0]!.warning).toMatch(/^Warning: this part’s batch has been recalled/);
      expect(en.vehicleModel).toBe('Volkswagen 速腾 1.4T 2019-2025');
    });
  });
}
