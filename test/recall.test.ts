import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse as Response } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLinesHoldingLot, reservedLots, stockLot, stockMove, verifyStock } from '../src/modules/inventory/index.ts';
import { traceRecallReport, type RecallDto, type TraceLookupDto } from '../src/modules/trace/index.ts';
import { startWebhookWorker, type WebhookWorker } from '../src/modules/webhooks/index.ts';
import { AppError } from '../src/platform/errors.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; status: number; detail: string; errors?: { path: string; in: string; code: string; message: string }[] };
type Order = { id: string; orderNo: string; lines: { id: string; status: string }[]; shipments: { id: string }[] };
type Receipt = { lines: { traceCodes: string[] }[] };
type NoticeLine = { orderLineId: string; claimNo: string | null; vin: string | null; resourced: boolean; traceCodes: string[]; shopOrgId: string; insurerOrgId: string | null };
type Notice = { roles: string[]; lotNo: string; reason: string; lines: NoticeLine[]; vehicles: string[]; stock: { warehouseCode: string | null; onHand: number; reserved: number }[] };

const LOT = 'RC-2026-01';
const OTHER_LOT = 'RC-2026-02';
const REASON = '卡扣批次注塑缺陷，装车后可能脱落';

// A webhook receiver on loopback that keeps what it is sent.
async function startReceiver(): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/recalls`, bodies };
}

// A recall that acts, end to end over HTTP: a lot of a part is spread over free stock in two
// warehouses, a reserved order line, a picked one and a unit installed on a claim's vehicle, all
// made through the API as in real life. Its supplier recalls it: the public lookup says recalled
// for every unit, its stock is no longer reserved or picked, the open lines are the ones handed
// over for re-sourcing, the supplier, the platform, the shop, the insurer and the warehouses are
// told by event (and the insurer's webhook receives it), the lot is audited, and the stock adds up.
for (const kind of databaseKinds()) {
  describe(`lot recall on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let worker: WebhookWorker;
    const users = cast(() => t);
    const { call } = users;
    const lines = { installed: '', reserved: '', picked: '', cancelled: '' };
    const warehouses = { hz: '', cd: '' };
    let claimNo = '';
    let lotId = '';
    // The lot's codes at each warehouse, and the other lot's.
    let HZ: string[] = [];
    let CD: string[] = [];
    let OTHER: string[] = [];
    // Which of the lot's codes went where.
    let installedCode = '';
    let pickedCodes: string[] = [];
    let recall: RecallDto;

    // Fewer than the thirty lookups a minute one address may make.
    const lookup = (code: string, lang = 'zh-CN'): Promise<Response> => t.app.inject({ method: 'GET', url: `/api/v1/trace/${code}`, headers: { 'accept-language': lang } });
    const recallAs = (who: string, body: object, headers: Record<string, string> = {}, lotNo = LOT) => call(who, 'POST', `/api/v1/lots/${lotNo}/recall`, body, headers);

    function ok<T>(res: Response, status = 200): T {
      expect(res.statusCode, res.body).toBe(status);
      return res.json<T>();
    }

    async function ship(o: Order, traceCodes: string[] | undefined): Promise<void> {
      const shipmentId = o.shipments[0]!.id;
      const lineIds = o.lines.map((l) => l.id);
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: lineIds.map((orderLineId) => ({ orderLineId, traceCodes })) }));
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/ship`, { carrier: '顺丰速运', trackingNo: `SF${lineIds[0]!.slice(-8)}` }));
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'delivered' }));
      ok(await call('shop', 'POST', `/api/v1/orders/${o.id}/receipt`, { lines: lineIds.map((orderLineId) => ({ orderLineId, result: 'accepted', traceCodes })) }));
    }

    const lotOf = async (orderLineId: string) =>
      (
        await t.database.db
          .select({ lotNo: stockLot.lotNo })
          .from(stockMove)
          .innerJoin(stockLot, eq(stockLot.id, stockMove.lotId))
          .where(and(eq(stockMove.orderLineId, orderLineId), eq(stockMove.phase, 'pending')))
      ).map((r) => r.lotNo);

    beforeAll(async () => {
      t = await startTestApp(kind, { ANPEI_WEBHOOK_ALLOW_PRIVATE: 'true' });
      f = await loadCatalogFixture(t.database.db);
      receiver = await startReceiver();
      worker = startWebhookWorker({ db: t.database.db, log: pino({ level: 'silent' }), pollMs: 60_000, timeoutMs: 2_000, allowPrivateAddresses: true });
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        cdPicker: 'warehouse@cd-ops.demo',
        yuetongAdmin: 'admin@yuetong.demo',
        yuetongSales: 'sales@yuetong.demo',
        anxinAdmin: 'admin@anxin.demo',
        shop: 'buyer@sh-anda.demo',
        adjuster: 'adjuster@picc.demo',
        piccAdmin: 'admin@picc.demo',
        platform: 'admin@anpei.demo',
        platformFinance: 'finance@anpei.demo',
      });
      // The insurer's claims system listens for recalls.
      ok(await call('piccAdmin', 'POST', '/api/v1/webhooks', { url: receiver.url, eventTypes: ['lot.recalled'] }), 201);

      // Two warehouses hold the lot: Hangzhou delivers to the shop in Shanghai, Chengdu does not.
      warehouses.hz = ok<{ id: string }>(
        await call('hzAdmin', 'POST', '/api/v1/warehouses', {
          code: 'HZ-RECALL',
          name: '华东中心仓（杭州）',
          kind: 'central',
          regionCode: '330100',
          coverage: [{ regionCode: '310000', transitDays: 1 }],
        }),
        201,
      ).id;
      warehouses.cd = ok<{ id: string }>(
        await call('cdAdmin', 'POST', '/api/v1/warehouses', {
          code: 'CD-RECALL',
          name: '西南中心仓（成都）',
          kind: 'central',
          regionCode: '510100',
          coverage: [{ regionCode: '510000', transitDays: 1 }],
        }),
        201,
      ).id;
      const receive = async (who: string, warehouseId: string, lotNo: string, qty: number, productId = f.products.aftermarket.id) =>
        ok<Receipt>(await call(who, 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId, qty, lotNo, issueTraceCodes: true }] }), 201)
          .lines[0]!.traceCodes;
      HZ = await receive('hzPicker', warehouses.hz, LOT, 6);
      CD = await receive('cdPicker', warehouses.cd, LOT, 2);
      // A newer lot of the same part, which orders take once the first is recalled; and another of
      // the supplier's products whose lot happens to carry the same number.
      OTHER = await receive('hzPicker', warehouses.hz, OTHER_LOT, 4);
      await receive('hzPicker', warehouses.hz, LOT, 1, f.products.oem.id);
      [lotId] = (
        await t.database.db
          .select({ id: stockLot.id })
          .from(stockLot)
          .where(and(eq(stockLot.lotNo, LOT), eq(stockLot.productId, f.products.aftermarket.id)))
      ).map((l) => l.id) as [string];

      // An insurer's claim whose approved part is this one: ordered, shipped, signed for and fitted
      // to the claim's vehicle.
      claimNo = `PICC-RC-${kind}`;
      const filed = ok<{ id: string }>(
        await call('adjuster', 'POST', '/api/v1/claims', {
          claimNo,
          policyNo: 'PDAA202633010000077777',
          accidentDate: '2026-03-14',
          accidentRegionCode: '310115',
          vin: f.sagitarVin,
          plate: '沪A54321',
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
      lines.installed = claimOrder.lines[0]!.id;
      installedCode = HZ[0]!;
      await ship(claimOrder, [installedCode]);
      ok(await call('shop', 'POST', `/api/v1/orders/${claimOrder.id}/install`, { lineIds: [lines.installed] }));

      // The shop's own purchases: one line reserved, one picked (its two units scanned), one
      // cancelled (its reservation voided).
      lines.reserved = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.aftermarket.id, qty: 1 }] }), 201).lines[0]!.id;
      const picked = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.aftermarket.id, qty: 2 }] }), 201);
      lines.picked = picked.lines[0]!.id;
      pickedCodes = [HZ[1]!, HZ[2]!];
      ok(await call('hzPicker', 'POST', `/api/v1/shipments/${picked.shipments[0]!.id}/pack`, { lines: [{ orderLineId: lines.picked, traceCodes: pickedCodes }] }));
      const cancelled = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.aftermarket.id, qty: 1 }] }), 201);
      lines.cancelled = cancelled.lines[0]!.id;
      ok(await call('shop', 'POST', `/api/v1/orders/${cancelled.id}/cancel`, { reason: '客户改约' }));
    });
    afterAll(async () => {
      await worker?.stop();
      receiver?.server.closeAllConnections();
      await new Promise((resolve) => receiver?.server.close(resolve));
      await t?.close();
    });

    it('finds the open lines holding the lot: the reserved and the picked one, not the installed or the cancelled one', async () => {
      // Oldest lot first: every order so far took the lot that is about to be recalled.
      for (const id of [lines.reserved, lines.picked, lines.cancelled]) expect(await lotOf(id)).toContain(LOT);
      expect(await openLinesHoldingLot(t.database.db, lotId)).toEqual([lines.reserved, lines.picked].sort());
    });

    it('refuses a recall to whoever may not make it, and changes nothing', async () => {
      // Not allowed to read recalls at all: a shop, an insurer.
      for (const who of ['shop', 'adjuster']) expect(ok<Problem>(await recallAs(who, { reason: REASON, productId: f.products.aftermarket.id }), 403)).toMatchObject({ code: 'forbidden' });
      // Another supplier does not see the lot at all.
      const foreign = await recallAs('anxinAdmin', { reason: REASON, productId: f.products.aftermarket.id }, { 'accept-language': 'en' });
      expect(ok<Problem>(foreign, 404)).toMatchObject({ code: 'not_found', detail: 'The lot does not exist or is not visible to you.' });
      expect(ok<Problem>(await recallAs('anxinAdmin', { reason: REASON }), 404).detail).toBe('批次不存在，或您无权查看。');
      // Seeing the lot is not enough: the supplier's sales, the platform's finance.
      for (const who of ['yuetongSales', 'platformFinance']) {
        const refused = ok<Problem>(await recallAs(who, { reason: REASON, productId: f.products.aftermarket.id }), 403);
        expect(refused).toMatchObject({ code: 'forbidden', detail: '您的角色没有“lots.recall”权限。' });
      }
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/lots/${LOT}/recall`, payload: { reason: REASON } })).statusCode).toBe(401);
      // No reason, an unknown field.
      const bad = ok<Problem>(await recallAs('yuetongAdmin', { reason: '  ', productId: f.products.aftermarket.id, force: true }, { 'accept-language': 'en' }), 400);
      expect(bad.errors!.map((e) => [e.path, e.code])).toEqual(
        expect.arrayContaining([
          ['reason', 'too_small_string'],
          ['force', 'unknown_field'],
        ]),
      );
      // Nothing changed: the lot is not recalled, its units are in stock.
      const [lot] = await t.database.db.select().from(stockLot).where(eq(stockLot.id, lotId));
      expect(lot).toMatchObject({ recalledAt: null, recallReason: null, recalledBy: null });
      expect(ok<TraceLookupDto>(await lookup(HZ[3]!)).status).toBe('in_stock');
    });

    it('asks which product’s lot is meant when the number is shared, in both languages', async () => {
      const zh = ok<Problem>(await recallAs('yuetongAdmin', { reason: REASON }), 400);
      expect(zh.errors).toEqual([{ path: 'productId', in: 'body', code: 'lot_number_shared', message: `批次号 ${LOT} 有 2 个商品在用，请用 productId 指明召回哪一个` }]);
      const en = ok<Problem>(await recallAs('yuetongAdmin', { reason: REASON }, { 'accept-language': 'en' }), 400);
      expect(en.errors![0]!.message).toBe(`lot number ${LOT} is used by 2 products; name the one to recall with productId`);
      expect((await t.database.db.select().from(stockLot).where(eq(stockLot.lotNo, LOT))).every((l) => l.recalledAt === null)).toBe(true);
    });

    it('recalls the lot for its supplier, once per Idempotency-Key, and says what it stopped and whom it reached', async () => {
      const body = { reason: REASON, productId: f.products.aftermarket.id };
      const first = await recallAs('yuetongAdmin', body, { 'idempotency-key': `recall-${kind}` });
      recall = ok<RecallDto>(first);
      expect(recall).toMatchObject({
        lotNo: LOT,
        lot: { lotId, productId: f.products.aftermarket.id, supplierOrgId: f.suppliers.yuetong },
        reason: REASON,
        recalledByOrgId: f.suppliers.yuetong,
        // Hangzhou: 6 received, 1 shipped; 3 still reserved by the open lines. Chengdu: 2 free.
        stock: [
          { warehouseId: warehouses.cd, warehouseCode: 'CD-RECALL', onHand: 2, reserved: 0 },
          { warehouseId: warehouses.hz, warehouseCode: 'HZ-RECALL', onHand: 5, reserved: 3 },
        ],
        openLineIds: [lines.reserved, lines.picked].sort(),
        recipients: { lines: 3, shops: 1, claims: 1, insurers: 1, vehicles: 1, traceCodes: 3, complete: true },
      });
      expect(new Set(recall.notifiedOrgIds)).toEqual(new Set([f.suppliers.yuetong, users.orgs.platform, users.orgs.shop, users.orgs.adjuster, users.orgs.hzAdmin, users.orgs.cdAdmin]));
      // The same request again is the same answer, not a second recall nor a 409.
      const again = await recallAs('yuetongAdmin', body, { 'idempotency-key': `recall-${kind}` });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(ok<RecallDto>(again)).toEqual(recall);
      // Only the part's lot was recalled, not the other product's lot of the same number.
      const lots = await t.database.db.select().from(stockLot).where(eq(stockLot.lotNo, LOT)).orderBy(asc(stockLot.productId));
      expect(lots.map((l) => [l.productId, l.recalledAt !== null]).sort()).toEqual(
        [
          [f.products.aftermarket.id, true],
          [f.products.oem.id, false],
        ].sort(),
      );
      expect(lots.find((l) => l.id === lotId)).toMatchObject({ recallReason: REASON, recalledBy: f.suppliers.yuetong });
    });

    it('sources the open lines again: none holds the lot any more; each is reserved from other stock or backordered', async () => {
      expect(await openLinesHoldingLot(t.database.db, lotId)).toEqual([]);
      for (const id of [lines.reserved, lines.picked]) {
        // What the line holds now (unresolved reservations only): never the recalled lot.
        const held = await reservedLots(t.database.db, [id]);
        expect(
          held.map((r) => r.lotNo),
          id,
        ).not.toContain(LOT);
        const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, id));
        expect(
          trail.map((a) => a.action),
          id,
        ).toContain('resource');
      }
      expect((await verifyStock(t.database.db)).ok).toBe(true);
    });

    it('refuses a second recall with 409, saying when the first was, in both languages', async () => {
      const when = new Date(new Date(recall.recalledAt).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      const zh = ok<Problem>(await recallAs('platform', { reason: '再次召回', productId: f.products.aftermarket.id }), 409);
      expect(zh).toMatchObject({ code: 'lot_already_recalled', title: '批次已召回', detail: `批次 ${LOT} 已于 ${when}（北京时间）召回，不能重复召回。` });
      const en = ok<Problem>(await recallAs('yuetongAdmin', { reason: 'again', productId: f.products.aftermarket.id }, { 'accept-language': 'en', 'idempotency-key': `recall-again-${kind}` }), 409);
      expect(en.detail).toBe(`Lot ${LOT} was already recalled on ${when} (China time); it cannot be recalled again.`);
      // The refusal changed nothing: still the first recall's reason.
      const [lot] = await t.database.db.select().from(stockLot).where(eq(stockLot.id, lotId));
      expect(lot!.recallReason).toBe(REASON);
    });

    it('answers "recalled" to the public for every unit of the lot, wherever it is, and nothing more', async () => {
      for (const code of [...HZ, ...CD]) {
        const body = ok<TraceLookupDto>(await lookup(code));
        expect(body, code).toMatchObject({ code, status: 'recalled', statusText: '该批次已召回' });
        expect(body.warning).toMatch(/^警告：该配件所属批次已被召回/);
      }
      const installed = ok<TraceLookupDto>(await lookup(installedCode, 'en'));
      expect(installed).toMatchObject({
        status: 'recalled',
        statusText: 'This batch has been recalled',
        installed: true,
        vinMasked: `*************${f.sagitarVin.slice(-4)}`,
        revoked: false,
        revokedReason: null,
      });
      expect(installed.warning).toMatch(/^Warning: this part’s batch has been recalled/);
      // The lot is named, for the owner to match with the recall notice; neither the reason nor who
      // recalled it is public.
      expect(installed.lotNo).toBe(LOT);
      const raw = (await lookup(installedCode)).body;
      for (const secret of [REASON, f.suppliers.yuetong, claimNo, f.sagitarVin]) expect(raw).not.toContain(secret);
      // The other lot of the same part is unaffected.
      expect(ok<TraceLookupDto>(await lookup(OTHER[0]!))).toMatchObject({ status: 'in_stock', warning: null });
    });

    let fresh: Order;
    it('no longer reserves the lot: a new order takes the other lot though the recalled one is older', async () => {
      fresh = ok<Order>(await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.aftermarket.id, qty: 1 }] }), 201);
      expect(await lotOf(fresh.lines[0]!.id)).toEqual([OTHER_LOT]);
    });

    it('refuses to pick a unit of the lot, saying why, and picks the other lot’s units', async () => {
      const shipmentId = fresh.shipments[0]!.id;
      const orderLineId = fresh.lines[0]!.id;
      const free = HZ[3]!;
      const zh = ok<Problem>(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId, traceCodes: [free] }] }), 400);
      expect(zh.errors).toEqual([{ path: 'lines.0.traceCodes.0', in: 'body', code: 'trace_code_recalled', message: `追溯码 ${free} 所属批次 ${LOT} 已召回，不能拣货` }]);
      const en = ok<Problem>(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId, traceCodes: [free] }] }, { 'accept-language': 'en' }), 400);
      expect(en.errors![0]!.message).toBe(`trace code ${free} is of lot ${LOT}, which is recalled, and cannot be picked`);
      const packed = ok<Order>(await call('hzPicker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId, traceCodes: [OTHER[0]] }] }));
      expect(packed.lines[0]!.status).toBe('picked');
    });

    it('tells the supplier, the platform, the shop, the insurer (with its claim’s vehicle) and each warehouse by event', async () => {
      const events = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'lot.recalled'));
      const to = new Map(events.map((e) => [e.orgId, e.payload as unknown as Notice]));
      expect(events).toHaveLength(6);
      const all = [lines.installed, lines.reserved, lines.picked].sort();
      for (const org of [f.suppliers.yuetong, users.orgs.platform!]) {
        expect(
          to
            .get(org)!
            .lines.map((l) => l.orderLineId)
            .sort(),
        ).toEqual(all);
        expect(to.get(org)!.stock.map((s) => s.warehouseCode)).toEqual(['CD-RECALL', 'HZ-RECALL']);
      }
      expect(to.get(f.suppliers.yuetong)).toMatchObject({ roles: ['supplier'], lotNo: LOT, reason: REASON, vehicles: [f.sagitarVin] });
      // The shop: its three lines, the fitted one with the claim's full VIN and its code, the open
      // ones marked for re-sourcing with the codes scanned for the picked one.
      const shop = to.get(users.orgs.shop!)!;
      expect(shop.roles).toEqual(['shop']);
      expect(shop.lines.map((l) => [l.orderLineId, l.resourced])).toEqual(
        [
          [lines.installed, false],
          [lines.reserved, true],
          [lines.picked, true],
        ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
      expect(shop.lines.find((l) => l.orderLineId === lines.installed)).toMatchObject({ claimNo, vin: f.sagitarVin, traceCodes: [installedCode] });
      expect(shop.lines.find((l) => l.orderLineId === lines.picked)!.traceCodes).toEqual([...pickedCodes].sort());
      // The insurer: its claim's line only, with the vehicle in full.
      const picc = to.get(users.orgs.adjuster!)!;
      expect(picc).toMatchObject({ roles: ['insurer'], vehicles: [f.sagitarVin] });
      expect(picc.lines.map((l) => [l.orderLineId, l.claimNo, l.vin])).toEqual([[lines.installed, claimNo, f.sagitarVin]]);
      // Each warehouse: its own stock, no order lines.
      expect(to.get(users.orgs.hzAdmin!)).toMatchObject({ roles: ['operator'], lines: [], stock: [{ warehouseCode: 'HZ-RECALL', onHand: 5, reserved: 3 }] });
      expect(to.get(users.orgs.cdAdmin!)).toMatchObject({ roles: ['operator'], lines: [], stock: [{ warehouseCode: 'CD-RECALL', onHand: 2, reserved: 0 }] });

      // The insurer's webhook receives it.
      for (let pass = 0; pass < 20; pass++) {
        const done = await worker.runOnce();
        if (done.fannedOut === 0 && done.attempted === 0) break;
      }
      const received = receiver.bodies.map((b) => JSON.parse(b) as { type: string; orgId: string; data: Notice });
      const recalled = received.filter((r) => r.type === 'lot.recalled');
      expect(recalled).toHaveLength(1);
      expect(recalled[0]).toMatchObject({ orgId: users.orgs.adjuster, data: { lotNo: LOT, reason: REASON, vehicles: [f.sagitarVin] } });
      expect(recalled[0]!.data.lines.map((l) => l.claimNo)).toEqual([claimNo]);
    });

    it('audits the recall on the lot, readable by the supplier', async () => {
      const rows = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'stock_lot'), eq(auditEvent.objectId, lotId)));
      expect(rows).toEqual([
        expect.objectContaining({ orgId: f.suppliers.yuetong, action: 'recall', fromState: 'active', toState: 'recalled', actorUserId: users.users.yuetongAdmin, actorOrgId: f.suppliers.yuetong }),
      ]);
      expect(rows[0]!.data).toMatchObject({ lotNo: LOT, reason: REASON, openLineIds: [lines.reserved, lines.picked].sort() });
      const listed = ok<{ items: { objectId: string; action: string }[] }>(await call('yuetongAdmin', 'GET', `/api/v1/audit?objectId=${lotId}`));
      expect(listed.items.map((i) => i.action)).toEqual(['recall']);
    });

    it('recalls from the command line as the platform, and refuses a second time there too', async () => {
      const report = await traceRecallReport(t.database.db, LOT, { reason: '原厂通知召回', product: f.products.oem.id });
      expect(report.stderr).toBe('');
      expect(report.stdout).toMatch(new RegExp(`^已召回 Recalled: 批次 Lot ${LOT}: 前保险杠皮 原厂`));
      expect(report.stdout).toContain('停用库存 Stock stopped: HZ-RECALL 1');
      const [oemLot] = await t.database.db
        .select()
        .from(stockLot)
        .where(and(eq(stockLot.lotNo, LOT), eq(stockLot.productId, f.products.oem.id)));
      expect(oemLot).toMatchObject({ recallReason: '原厂通知召回', recalledBy: users.orgs.platform });
      const audit = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, oemLot!.id));
      expect(audit).toEqual([expect.objectContaining({ action: 'recall', actorUserId: null, actorOrgId: users.orgs.platform })]);
      await expect(traceRecallReport(t.database.db, LOT, { reason: 'again', product: f.products.oem.id })).rejects.toSatisfy(
        (e: unknown) => e instanceof AppError && e.code === 'lot_already_recalled',
      );
      // Both lots of that number are recalled now; without --product the CLI still must say which.
      await expect(traceRecallReport(t.database.db, LOT, { reason: 'again' })).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.errors[0]?.code === 'lot_number_shared');
    });

    it('lets only one of two recalls racing for a lot through; the other is told it was first', async () => {
      const lotNo = 'RC-2026-03';
      ok(await call('hzPicker', 'POST', `/api/v1/warehouses/${warehouses.hz}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: f.products.aftermarket.id, qty: 1, lotNo }] }), 201);
      const raced = await Promise.all([recallAs('platform', { reason: '抽检不合格' }, {}, lotNo), recallAs('yuetongAdmin', { reason: '自查召回' }, {}, lotNo)]);
      expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(raced.find((r) => r.statusCode === 409)!.json<Problem>().code).toBe('lot_already_recalled');
      const [lot] = await t.database.db.select().from(stockLot).where(eq(stockLot.lotNo, lotNo));
      expect((await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, lot!.id))).map((a) => a.action)).toEqual(['recall']);
      const told = (await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'lot.recalled'))).filter((e) => (e.payload as { lotId?: string }).lotId === lot!.id);
      expect(told.map((e) => e.orgId).sort()).toEqual([f.suppliers.yuetong, users.orgs.platform, users.orgs.hzAdmin].sort());
    });

    it('keeps the stock consistent: every quant rebuilds from the moves', async () => {
      const report = await verifyStock(t.database.db);
      expect(report.mismatches).toEqual([]);
      expect(report.ok).toBe(true);
    });
  });
}
