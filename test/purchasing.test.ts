import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offer, product } from '../src/modules/catalog/tables.ts';
import {
  demandRows,
  onDemandsFilled,
  onDemandsUnsourced,
  stockDemand,
  stockIncoming,
  stockMove,
  traceUnit,
  verifyIncoming,
  verifyStock,
  type FilledDemand,
  type UnsourcedDemand,
} from '../src/modules/inventory/index.ts';
import { stockReceipt } from '../src/modules/inventory/tables.ts';
import { expectedIncoming, purchaseOrder, purchaseOrderHistory, raisePurchaseOrder } from '../src/modules/purchasing/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { newId } from '../src/platform/ids.ts';
import { vatOfGross } from '../src/platform/money.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';
import { stockAt } from './support/stock.ts';

type Problem = { code: string; detail: string; errors: { path: string; code: string; message: string; params?: Record<string, unknown> }[] };
type PoLine = {
  id: string;
  lineNo: number;
  productId: string;
  offerId: string | null;
  qty: number;
  unitFen: number;
  vatFen: number;
  qtyReceived: number;
  status: string;
  promisedDate: string | null;
  refuseReason: string | null;
};
type Po = {
  id: string;
  poNo: string;
  status: string;
  origin: string;
  supplierOrgId: string;
  warehouseId: string;
  warehouseCode: string;
  consignment: boolean;
  carrier: string | null;
  trackingNo: string | null;
  shippedAt: string | null;
  qtyOrdered: number;
  qtyReceived: number;
  totalFen: number;
  lines: PoLine[];
  history: { event: string; fromStatus: string | null; toStatus: string; data: Record<string, unknown> | null }[];
  receipts: { receiptId: string; final: boolean; lines: { lineNo: number; qty: number; lotNo: string; traceCodes: number }[] }[];
};
type Received = {
  purchaseOrder: Po;
  receipt: {
    id: string;
    purchaseOrderId: string;
    ownerOrgId: string;
    lines: { lotNo: string; qty: number; traceCodes: string[] }[];
    backordersReserved: { orderLineId: string; qty: number }[];
  } | null;
};
type Position = {
  warehouseId: string;
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  incoming: number;
  incomingPurchase: number;
  incomingTransfer: number;
  nextExpectedDate: string | null;
};

// Purchase orders to suppliers over HTTP on each database: an operator writes one, sends it, the
// supplier confirms a line and refuses another (whose backorder is handed back, never left
// waiting), ships, and the warehouse receives short and then the rest with trace codes, reserving
// the backorder waiting for the goods; incoming is shown and cleared on the way, and stock verify
// stays clean. Then the other endings (refused, cancelled, closed short with an over-delivery), who
// may see and do what, idempotency, and the refusals in both languages.
//
// Orders, which places backorders and listens for what becomes of them, registers its listeners
// in its own branch of issue 10; here the backorders are written as inventory writes them
// (demandRows) and the listeners record what inventory tells them.
for (const kind of databaseKinds()) {
  describe(`purchase orders on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call, orgs } = users;
    const wh = { hz: '', hzLoc: '', cd: '', cdLoc: '' };
    // A second product of 安信 (not certified, offered nationwide) and one with no offer at all.
    const anxinPlain = { id: newId(), sku: 'T-AX-CLIP', name: '保险杠卡扣' };
    const anxinNoOffer = { id: newId(), sku: 'T-AX-NOOFFER', name: '雾灯框' };
    const filled: FilledDemand[] = [];
    const unsourced: UnsourcedDemand[] = [];
    const today = chinaDate(new Date());

    const post = (who: string, url: string, body?: unknown, key?: string) => call(who, 'POST', url, body, key ? { 'idempotency-key': key } : {});
    const position = async (who: string, warehouseId: string, productId: string): Promise<Position | undefined> => {
      const res = await call(who, 'GET', `/api/v1/stock/positions?warehouseId=${warehouseId}&productId=${productId}&inStockOnly=false`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Position[] }>().items[0];
    };
    const incomingRows = (poId: string) => t.database.db.select().from(stockIncoming).where(eq(stockIncoming.documentId, poId)).orderBy(stockIncoming.documentLineId);
    const demand = async (id: string) => (await t.database.db.select().from(stockDemand).where(eq(stockDemand.id, id)))[0]!;
    const backorder = async (productId: string, qty: number, poId: string) => {
      const [row] = demandRows([{ orderLineId: newId(), warehouseId: wh.hz, productId, qty, source: 'purchase', sourceDocumentId: poId, etaDate: addDays(today, 5) }], new Date());
      await t.database.db.insert(stockDemand).values(row!);
      return row!;
    };
    const assertVerified = async () => {
      const stock = await verifyStock(t.database.db);
      expect(stock.mismatches).toEqual([]);
      expect(stock.ok).toBe(true);
      const incoming = await verifyIncoming(t.database.db, await expectedIncoming(t.database.db));
      expect(incoming.mismatches).toEqual([]);
      expect(incoming.ok).toBe(true);
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      onDemandsFilled(async (_tx, _ctx, rows) => void filled.push(...rows));
      onDemandsUnsourced(async (_tx, _ctx, rows) => void unsourced.push(...rows));
      await t.database.db.insert(product).values([
        { id: anxinPlain.id, supplierOrgId: f.suppliers.anxin, sku: anxinPlain.sku, brand: '安信', name: anxinPlain.name, grade: 'aftermarket', warrantyMonths: 6 },
        { id: anxinNoOffer.id, supplierOrgId: f.suppliers.anxin, sku: anxinNoOffer.sku, brand: '安信', name: anxinNoOffer.name, grade: 'aftermarket', warrantyMonths: 6 },
      ]);
      await t.database.db.insert(offer).values({
        id: newId(),
        productId: anxinPlain.id,
        supplierOrgId: f.suppliers.anxin,
        priceFen: 3_000n,
        vatFen: vatOfGross(3_000n),
        minQty: 10,
        leadTimeDays: 2,
        regionCodes: [],
        regionKey: '*',
        validFrom: '2026-01-01',
        validTo: null,
      });
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        hzDispatcher: 'dispatcher@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        anxin: 'sales@anxin.demo',
        anxinFinance: 'finance@anxin.demo',
        yuetong: 'sales@yuetong.demo',
        huajun: 'sales@huajun.demo',
        shop: 'buyer@sh-anda.demo',
        platform: 'admin@anpei.demo',
      });
      const make = async (who: string, body: object) => {
        const res = await call(who, 'POST', '/api/v1/warehouses', body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ id: string; stockLocationId: string }>();
      };
      const hz = await make('hzAdmin', { code: 'HZ-CENTRAL', name: '华东中心仓（杭州）', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      const cd = await make('cdAdmin', { code: 'CD-FRONT', name: '西南前置仓（成都）', kind: 'front', regionCode: '510100', coverage: [{ regionCode: '510000', transitDays: 1 }] });
      Object.assign(wh, { hz: hz.id, hzLoc: hz.stockLocationId, cd: cd.id, cdLoc: cd.stockLocationId });
    });
    afterAll(async () => t?.close());

    let po: Po;
    let backorderOfRefused: ReturnType<typeof demandRows>[number];
    let backorderOfConfirmed: ReturnType<typeof demandRows>[number];

    it('an operator writes a draft at the supplier’s offer price (or its own), which the supplier does not see; the same key replays it', async () => {
      const body = {
        supplierOrgId: f.suppliers.anxin,
        warehouseId: wh.hz,
        expectedDate: addDays(today, 7),
        note: '补认证件',
        lines: [
          { productId: f.products.certified.id, qty: 6 },
          { productId: anxinPlain.id, qty: 20, unitFen: 2_800 },
        ],
      };
      const res = await post('hzAdmin', '/api/v1/purchase-orders', body, `po-${kind}`);
      expect(res.statusCode, res.body).toBe(201);
      po = res.json<Po>();
      expect(po).toMatchObject({
        status: 'draft',
        origin: 'manual',
        supplierOrgId: f.suppliers.anxin,
        warehouseId: wh.hz,
        warehouseCode: 'HZ-CENTRAL',
        consignment: false,
        qtyOrdered: 26,
        qtyReceived: 0,
        totalFen: 6 * 79_100 + 20 * 2_800,
      });
      expect(po.poNo).toMatch(/^PO\d{8}[0-9A-F]{12}$/);
      // The certified part at 安信's offer for Zhejiang; the clip at the price agreed, which is not the offer's.
      expect(po.lines.map((l) => [l.lineNo, l.productId, l.qty, l.unitFen, l.vatFen, l.offerId, l.status])).toEqual([
        [1, f.products.certified.id, 6, 79_100, Number(vatOfGross(79_100n)), f.offers.certified.id, 'open'],
        [2, anxinPlain.id, 20, 2_800, Number(vatOfGross(2_800n)), null, 'open'],
      ]);
      expect(po.history.map((h) => [h.event, h.fromStatus, h.toStatus])).toEqual([['create', null, 'draft']]);

      const replay = await post('hzAdmin', '/api/v1/purchase-orders', body, `po-${kind}`);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json<Po>().id).toBe(po.id);
      expect((await post('hzAdmin', '/api/v1/purchase-orders', { ...body, note: 'other' }, `po-${kind}`)).json<Problem>().code).toBe('idempotency_key_reused');
      expect(await t.database.db.select({ id: purchaseOrder.id }).from(purchaseOrder)).toHaveLength(1);

      // A draft is the buyer's own: the supplier neither lists nor reads it, nothing is incoming,
      // nobody outside the buyer is told.
      expect((await call('anxin', 'GET', '/api/v1/purchase-orders')).json<{ items: Po[] }>().items).toEqual([]);
      expect((await call('anxin', 'GET', `/api/v1/purchase-orders/${po.id}`)).statusCode).toBe(404);
      expect(await incomingRows(po.id)).toEqual([]);
      expect(await t.database.db.select().from(outboxEvent).where(sql`${outboxEvent.type} like 'purchase_order.%'`)).toEqual([]);
      expect((await position('hzAdmin', wh.hz, f.products.certified.id))?.incoming ?? 0).toBe(0);
    });

    it('sending makes it the supplier’s to answer and its lines incoming at the warehouse', async () => {
      // Sending is the buyer's: a supplier may not (whether it may see the order or not).
      expect((await post('anxin', `/api/v1/purchase-orders/${po.id}/send`)).statusCode).toBe(403);
      const res = await post('hzAdmin', `/api/v1/purchase-orders/${po.id}/send`, undefined, `send-${kind}`);
      expect(res.statusCode, res.body).toBe(200);
      po = res.json<Po>();
      expect(po.status).toBe('sent');
      expect((await post('hzAdmin', `/api/v1/purchase-orders/${po.id}/send`, undefined, `send-${kind}`)).headers['idempotent-replayed']).toBe('true');
      expect((await post('hzAdmin', `/api/v1/purchase-orders/${po.id}/send`)).json<Problem>()).toMatchObject({ code: 'invalid_state' });

      expect((await incomingRows(po.id)).map((r) => [r.productId, r.qty, r.expectedDate, r.warehouseId]).sort()).toEqual(
        [
          [f.products.certified.id, 6, addDays(today, 7), wh.hz],
          [anxinPlain.id, 20, addDays(today, 7), wh.hz],
        ].sort(),
      );
      expect(await position('hzAdmin', wh.hz, f.products.certified.id)).toMatchObject({
        onHand: 0,
        reserved: 0,
        available: 0,
        incoming: 6,
        incomingPurchase: 6,
        incomingTransfer: 0,
        nextExpectedDate: addDays(today, 7),
      });
      // The supplier sees its product's position too; another operator's scope has none of it.
      expect(await position('anxin', wh.hz, anxinPlain.id)).toMatchObject({ incoming: 20 });
      expect(await position('cdAdmin', wh.hz, anxinPlain.id)).toBeUndefined();

      const events = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'purchase_order.sent'));
      expect(events.map((e) => e.orgId).sort()).toEqual([f.suppliers.anxin, orgs.hzAdmin].sort());
      expect(events[0]!.payload).toMatchObject({ purchaseOrderId: po.id, poNo: po.poNo, from: 'draft', status: 'sent' });
      const trail = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, po.id), eq(auditEvent.action, 'send')));
      expect(trail.map((a) => [a.orgId, a.fromState, a.toState]).sort()).toEqual(
        [
          [f.suppliers.anxin, 'draft', 'sent'],
          [orgs.hzAdmin, 'draft', 'sent'],
        ].sort(),
      );

      const listed = (await call('anxin', 'GET', '/api/v1/purchase-orders')).json<{ items: Po[] }>().items;
      expect(listed.map((p) => [p.id, p.status])).toEqual([[po.id, 'sent']]);
      await assertVerified();
    });

    it('the supplier confirms one line with a promised date and refuses the other; the refused line’s backorder is handed back', async () => {
      backorderOfConfirmed = await backorder(f.products.certified.id, 2, po.id);
      backorderOfRefused = await backorder(anxinPlain.id, 5, po.id);
      const [cert, clip] = po.lines;
      const body = {
        lines: [
          { lineId: cert!.id, promisedDate: addDays(today, 3) },
          { lineId: clip!.id, refuseReason: '该卡扣已停产' },
        ],
      };
      // Nobody answers for the supplier, not even the buyer.
      expect((await post('hzAdmin', `/api/v1/purchase-orders/${po.id}/confirm`, body)).statusCode).toBe(403);
      expect((await post('anxinFinance', `/api/v1/purchase-orders/${po.id}/confirm`, body)).statusCode).toBe(403);
      const res = await post('anxin', `/api/v1/purchase-orders/${po.id}/confirm`, body, `confirm-${kind}`);
      expect(res.statusCode, res.body).toBe(200);
      po = res.json<Po>();
      expect(po.status).toBe('confirmed');
      expect(po.lines.map((l) => [l.status, l.promisedDate, l.refuseReason])).toEqual([
        ['confirmed', addDays(today, 3), null],
        ['refused', null, '该卡扣已停产'],
      ]);
      expect(po.qtyOrdered).toBe(6);

      // Incoming: the confirmed line due on the promised day; the refused one gone.
      expect((await incomingRows(po.id)).map((r) => [r.productId, r.qty, r.expectedDate])).toEqual([[f.products.certified.id, 6, addDays(today, 3)]]);
      expect(await position('hzAdmin', wh.hz, anxinPlain.id)).toBeUndefined();
      // The backorder the refused line carried is surfaced (orders re-sources it or tells the
      // platform), the other still waits for the confirmed goods.
      expect((await demand(backorderOfRefused.id)).status).toBe('unsourced');
      expect((await demand(backorderOfConfirmed.id)).status).toBe('open');
      expect(unsourced).toEqual([expect.objectContaining({ demandId: backorderOfRefused.id, orderLineId: backorderOfRefused.orderLineId, productId: anxinPlain.id, qty: 5 })]);
      expect(unsourced[0]!.why).toContain('该卡扣已停产');

      const events = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'purchase_order.confirmed'));
      expect(events.map((e) => e.orgId).sort()).toEqual([f.suppliers.anxin, orgs.hzAdmin].sort());
      expect(po.history.at(-1)).toMatchObject({ event: 'confirm', fromStatus: 'sent', toStatus: 'confirmed', data: { refused: [{ lineNo: 2, reason: '该卡扣已停产' }] } });
      // Answered once: a second answer finds the order confirmed.
      expect((await post('anxin', `/api/v1/purchase-orders/${po.id}/confirm`, body)).json<Problem>()).toMatchObject({ code: 'invalid_state' });
      await assertVerified();
    });

    it('the supplier ships with carrier and tracking; the warehouse and the supplier are told', async () => {
      expect((await post('hzAdmin', `/api/v1/purchase-orders/${po.id}/ship`, { carrier: '顺丰速运', trackingNo: 'SF1' })).statusCode).toBe(403);
      const res = await post('anxin', `/api/v1/purchase-orders/${po.id}/ship`, { carrier: '顺丰速运', trackingNo: 'SF20261201' }, `ship-${kind}`);
      expect(res.statusCode, res.body).toBe(200);
      po = res.json<Po>();
      expect(po).toMatchObject({ status: 'confirmed', carrier: '顺丰速运', trackingNo: 'SF20261201' });
      expect(po.shippedAt).not.toBeNull();
      expect((await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'purchase_order.shipped'))).map((e) => e.orgId).sort()).toEqual([f.suppliers.anxin, orgs.hzAdmin].sort());
    });

    it('the warehouse receives short: trace codes for the certified units, the waiting backorder reserved first, the rest still incoming', async () => {
      const [cert, clip] = po.lines;
      // Only the warehouse's operator receives; a refused line cannot be received.
      expect((await post('cdAdmin', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: cert!.id, qty: 4, lotNo: 'AX-PO-1' }] })).statusCode).toBe(404);
      expect((await post('anxin', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: cert!.id, qty: 4, lotNo: 'AX-PO-1' }] })).statusCode).toBe(403);
      const refused = await post('hzPicker', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: clip!.id, qty: 1, lotNo: 'X' }] });
      expect(refused.json<Problem>().errors).toEqual([
        expect.objectContaining({ path: 'lines.0.lineId', code: 'po_line_not_confirmed', message: 'the line is “refused”; only lines the supplier confirmed can be received' }),
      ]);

      const res = await post('hzPicker', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: cert!.id, qty: 4, lotNo: 'AX-PO-1' }] }, `receive-1-${kind}`);
      expect(res.statusCode, res.body).toBe(201);
      const { purchaseOrder: after, receipt } = res.json<Received>();
      po = after;
      expect(po.status).toBe('partially_received');
      expect(po.lines[0]).toMatchObject({ qtyReceived: 4 });
      expect(receipt).toMatchObject({ purchaseOrderId: po.id, ownerOrgId: orgs.hzAdmin, lines: [{ lotNo: 'AX-PO-1', qty: 4 }] });
      expect(receipt!.lines[0]!.traceCodes).toHaveLength(4);
      // The backorder waiting at the warehouse took its two first; two are free.
      expect(receipt!.backordersReserved).toEqual([{ orderLineId: backorderOfConfirmed.orderLineId, productId: f.products.certified.id, qty: 2 }]);
      expect((await demand(backorderOfConfirmed.id)).status).toBe('filled');
      expect(filled.map((d) => [d.demandId, d.qty])).toEqual([[backorderOfConfirmed.id, 2]]);
      const reservation = await t.database.db.select().from(stockMove).where(eq(stockMove.orderLineId, backorderOfConfirmed.orderLineId));
      expect(reservation.map((m) => [m.phase, m.kind, m.qty, m.fromLocationId])).toEqual([['pending', 'order', 2, wh.hzLoc]]);
      expect(await stockAt(t.database.db, f.products.certified.id, wh.hzLoc)).toEqual({ onHand: 4, reserved: 2, available: 2 });
      expect(await position('hzAdmin', wh.hz, f.products.certified.id)).toMatchObject({ onHand: 4, reserved: 2, available: 2, incoming: 2 });
      expect((await incomingRows(po.id)).map((r) => r.qty)).toEqual([2]);

      const units = await t.database.db.select().from(traceUnit).where(inArray(traceUnit.code, receipt!.lines[0]!.traceCodes));
      expect(units.every((u) => u.status === 'in_stock' && u.locationId === wh.hzLoc && u.receiptId === receipt!.id)).toBe(true);
      const [stored] = await t.database.db.select().from(stockReceipt).where(eq(stockReceipt.id, receipt!.id));
      expect(stored).toMatchObject({ purchaseOrderId: po.id, supplierOrgId: f.suppliers.anxin, consignment: false });
      expect(po.history.at(-1)).toMatchObject({
        event: 'receive_part',
        toStatus: 'partially_received',
        data: { receiptId: receipt!.id, short: 0, over: 0, lines: [{ lineNo: 1, ordered: 6, receivedNow: 4, received: 4, short: 0, over: 0 }] },
      });
      expect((await post('hzAdmin', `/api/v1/purchase-orders/${po.id}/cancel`, { reason: 'too late' })).json<Problem>()).toMatchObject({ code: 'invalid_state' });
      await assertVerified();
    });

    it('the rest arrives: received in full, nothing incoming, receipts and history on the order', async () => {
      const res = await post('hzPicker', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: po.lines[0]!.id, qty: 2, lotNo: 'AX-PO-2' }] }, `receive-2-${kind}`);
      expect(res.statusCode, res.body).toBe(201);
      const { purchaseOrder: after, receipt } = res.json<Received>();
      po = after;
      expect(po).toMatchObject({ status: 'received', qtyOrdered: 6, qtyReceived: 6 });
      expect(receipt!.lines[0]!.traceCodes).toHaveLength(2);
      expect(receipt!.backordersReserved).toEqual([]);
      expect(await incomingRows(po.id)).toEqual([]);
      expect(await position('hzAdmin', wh.hz, f.products.certified.id)).toMatchObject({ onHand: 6, reserved: 2, available: 4, incoming: 0, nextExpectedDate: null });
      expect(po.receipts.map((r) => [r.final, r.lines.map((l) => [l.lineNo, l.qty, l.lotNo, l.traceCodes])])).toEqual([
        [false, [[1, 4, 'AX-PO-1', 4]]],
        [false, [[1, 2, 'AX-PO-2', 2]]],
      ]);
      expect(po.history.map((h) => h.event)).toEqual(['create', 'send', 'confirm', 'ship', 'receive_part', 'receive_all']);
      expect((await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'purchase_order.received'))).map((e) => e.orgId).sort()).toEqual([f.suppliers.anxin, orgs.hzAdmin].sort());
      // The supplier reads the same order; nothing more can happen to it.
      expect((await call('anxin', 'GET', `/api/v1/purchase-orders/${po.id}`)).json<Po>().receipts).toHaveLength(2);
      expect((await post('hzPicker', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: po.lines[0]!.id, qty: 1, lotNo: 'X' }] })).json<Problem>()).toMatchObject({
        code: 'invalid_state',
      });
      expect((await post('anxin', `/api/v1/purchase-orders/${po.id}/ship`, { carrier: 'x', trackingNo: 'y' })).json<Problem>()).toMatchObject({ code: 'invalid_state' });
      await assertVerified();
    });

    it('a supplier refusing a whole order, and a buyer cancelling one, leave nothing incoming and hand back their backorders', async () => {
      const make = async (qty: number) => {
        const created = await post('hzAdmin', '/api/v1/purchase-orders', {
          supplierOrgId: f.suppliers.yuetong,
          warehouseId: wh.hz,
          expectedDate: addDays(today, 4),
          lines: [{ productId: f.products.oem.id, qty }],
        });
        expect(created.statusCode, created.body).toBe(201);
        const sent = await post('hzAdmin', `/api/v1/purchase-orders/${created.json<Po>().id}/send`);
        expect(sent.statusCode, sent.body).toBe(200);
        return sent.json<Po>();
      };
      const refusedPo = await make(3);
      const waiting = await backorder(f.products.oem.id, 1, refusedPo.id);
      expect((await post('anxin', `/api/v1/purchase-orders/${refusedPo.id}/refuse`, { reason: 'x' })).statusCode).toBe(404);
      const refused = await post('yuetong', `/api/v1/purchase-orders/${refusedPo.id}/refuse`, { reason: '产能不足' });
      expect(refused.statusCode, refused.body).toBe(200);
      expect(refused.json<Po>()).toMatchObject({ status: 'refused', qtyOrdered: 0, lines: [{ status: 'refused', refuseReason: '产能不足' }] });
      expect(await incomingRows(refusedPo.id)).toEqual([]);
      expect((await demand(waiting.id)).status).toBe('unsourced');
      expect(unsourced.at(-1)).toMatchObject({ demandId: waiting.id, why: expect.stringContaining('产能不足') });
      expect((await post('yuetong', `/api/v1/purchase-orders/${refusedPo.id}/refuse`, { reason: 'again' })).json<Problem>()).toMatchObject({ code: 'invalid_state' });

      const cancelledPo = await make(2);
      const confirmed = await post('yuetong', `/api/v1/purchase-orders/${cancelledPo.id}/confirm`, { lines: [{ lineId: cancelledPo.lines[0]!.id, promisedDate: today }] });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const waiting2 = await backorder(f.products.oem.id, 2, cancelledPo.id);
      expect((await post('yuetong', `/api/v1/purchase-orders/${cancelledPo.id}/cancel`, { reason: 'x' })).statusCode).toBe(403);
      const cancelled = await post('hzAdmin', `/api/v1/purchase-orders/${cancelledPo.id}/cancel`, { reason: '改从成都仓调拨' });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json<Po>()).toMatchObject({ status: 'cancelled', lines: [{ status: 'cancelled' }] });
      expect(await incomingRows(cancelledPo.id)).toEqual([]);
      expect((await demand(waiting2.id)).status).toBe('unsourced');
      expect((await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'purchase_order.cancelled'))).map((e) => e.orgId).sort()).toEqual([f.suppliers.yuetong, orgs.hzAdmin].sort());

      // A draft cancelled is news to nobody but its buyer.
      const draft = (
        await post('hzAdmin', '/api/v1/purchase-orders', { supplierOrgId: f.suppliers.yuetong, warehouseId: wh.hz, expectedDate: today, lines: [{ productId: f.products.oem.id, qty: 1 }] })
      ).json<Po>();
      expect((await post('hzAdmin', `/api/v1/purchase-orders/${draft.id}/cancel`, { reason: '不需要了' })).json<Po>().status).toBe('cancelled');
      expect(
        (
          await t.database.db
            .select()
            .from(auditEvent)
            .where(and(eq(auditEvent.objectId, draft.id), eq(auditEvent.action, 'cancel')))
        ).map((a) => a.orgId),
      ).toEqual([orgs.hzAdmin]);
      await assertVerified();
    });

    it('an order closed short with final records the over- and the under-delivery, and nothing stays incoming', async () => {
      const created = await post('hzAdmin', '/api/v1/purchase-orders', {
        supplierOrgId: f.suppliers.yuetong,
        warehouseId: wh.hz,
        consignment: true,
        expectedDate: addDays(today, 2),
        lines: [
          { productId: f.products.oem.id, qty: 5 },
          { productId: f.products.aftermarket.id, qty: 4 },
        ],
      });
      const id = created.json<Po>().id;
      await post('hzAdmin', `/api/v1/purchase-orders/${id}/send`);
      const lines = created.json<Po>().lines;
      await post('yuetong', `/api/v1/purchase-orders/${id}/confirm`, { lines: lines.map((l) => ({ lineId: l.id, promisedDate: addDays(today, 1) })) });
      // Receipt lines name no line twice? They may: one line arriving in two lots.
      const res = await post('hzPicker', `/api/v1/purchase-orders/${id}/receipts`, {
        final: true,
        lines: [
          { lineId: lines[0]!.id, qty: 4, lotNo: 'YT-A' },
          { lineId: lines[0]!.id, qty: 3, lotNo: 'YT-B' },
          { lineId: lines[1]!.id, qty: 1, lotNo: 'YT-C' },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const { purchaseOrder: closed, receipt } = res.json<Received>();
      expect(closed).toMatchObject({ status: 'received', consignment: true, qtyReceived: 8 });
      expect(closed.lines.map((l) => l.qtyReceived)).toEqual([7, 1]);
      // Consignment: the goods stay the supplier's.
      expect(receipt!.ownerOrgId).toBe(f.suppliers.yuetong);
      expect(closed.history.at(-1)).toMatchObject({
        event: 'receive_all',
        data: {
          final: true,
          over: 2,
          short: 3,
          lines: [
            { lineNo: 1, ordered: 5, received: 7, over: 2, short: 0 },
            { lineNo: 2, ordered: 4, received: 1, over: 0, short: 3 },
          ],
        },
      });
      const trail = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, id), eq(auditEvent.action, 'receive_all')));
      expect(trail.map((a) => a.data)).toEqual([expect.objectContaining({ over: 2, short: 3 }), expect.objectContaining({ over: 2, short: 3 })]);
      expect(await incomingRows(id)).toEqual([]);
      await assertVerified();
    });

    it('refuses what is wrong, naming each field, in both languages, and changes nothing', async () => {
      const rows = async () => ({
        orders: (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(purchaseOrder))[0]!.n,
        history: (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(purchaseOrderHistory))[0]!.n,
        incoming: (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(stockIncoming))[0]!.n,
      });
      const before = await rows();
      const bad = {
        supplierOrgId: f.suppliers.anxin,
        warehouseId: wh.hz,
        expectedDate: addDays(today, -1),
        lines: [
          { productId: f.products.certified.id, qty: 1 },
          { productId: f.products.oem.id, qty: 1 },
          { productId: f.products.certified.id, qty: 2 },
          { productId: anxinNoOffer.id, qty: 1 },
          { productId: anxinPlain.id, qty: 3 },
        ],
      };
      const en = await call('hzAdmin', 'POST', '/api/v1/purchase-orders', bad, { 'accept-language': 'en' });
      expect(en.statusCode).toBe(400);
      expect(en.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual([
        ['expectedDate', 'date_in_past', 'cannot be earlier than today'],
        ['lines.1.productId', 'product_of_other_supplier', `the product does not belong to supplier ${f.suppliers.anxin}`],
        ['lines.2.productId', 'duplicate_product', 'the same product may appear on one line only'],
        ['lines.3.unitFen', 'no_offer_for_region', 'the product has no valid offer for this region'],
        ['lines.4.qty', 'below_offer_min_qty', 'is below the offer’s minimum order of 10'],
      ]);
      const zh = await call('hzAdmin', 'POST', '/api/v1/purchase-orders', bad, { 'accept-language': 'zh-CN' });
      expect(zh.json<Problem>().detail).toBe('请求中有 5 处错误，请修改后重试。');
      expect(zh.json<Problem>().errors.map((e) => e.message)).toEqual([
        '日期不能早于今天',
        `该商品不属于供应商 ${f.suppliers.anxin}`,
        '同一商品只能有一行',
        '该商品在本地区没有有效报价',
        '少于该报价的起订量 10',
      ]);
      // Not a supplier; a supplier's own warehouse; not the caller's warehouse.
      const wrongSupplier = await call(
        'hzAdmin',
        'POST',
        '/api/v1/purchase-orders',
        { ...bad, supplierOrgId: orgs.shop, expectedDate: today, lines: [{ productId: f.products.certified.id, qty: 1 }] },
        { 'accept-language': 'zh-CN' },
      );
      expect(wrongSupplier.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual([
        ['supplierOrgId', 'not_a_supplier', '该机构不是在用的供应商'],
        ['lines.0.productId', 'product_of_other_supplier', `该商品不属于供应商 ${orgs.shop}`],
      ]);
      expect((await call('cdAdmin', 'POST', '/api/v1/purchase-orders', { ...bad, expectedDate: today, lines: [{ productId: f.products.certified.id, qty: 1 }] })).statusCode).toBe(403);
      expect((await call('shop', 'POST', '/api/v1/purchase-orders', { ...bad, expectedDate: today, lines: [{ productId: f.products.certified.id, qty: 1 }] })).statusCode).toBe(403);

      // The supplier's answer must cover every line, each once, with a date or a reason.
      const draft = (
        await post('hzAdmin', '/api/v1/purchase-orders', {
          supplierOrgId: f.suppliers.anxin,
          warehouseId: wh.hz,
          expectedDate: today,
          lines: [
            { productId: f.products.certified.id, qty: 1 },
            { productId: anxinPlain.id, qty: 10 },
          ],
        })
      ).json<Po>();
      await post('hzAdmin', `/api/v1/purchase-orders/${draft.id}/send`);
      const mid = await rows();
      const [a, b] = draft.lines;
      const answers = [
        [
          { lines: [{ lineId: a!.id, promisedDate: today }] },
          [['lines', 'po_line_unanswered', 'line 2 is neither confirmed nor refused; answer every line', '第 2 行既未确认也未拒绝，每一行都要答复']],
        ],
        [
          {
            lines: [
              { lineId: a!.id, promisedDate: today, refuseReason: 'x' },
              { lineId: b!.id, refuseReason: 'y' },
            ],
          },
          [['lines.0.promisedDate', 'promised_date_or_reason', 'give a promised date to confirm or a reason to refuse, one of the two', '确认请填承诺日期，拒绝请填原因，二者只填其一']],
        ],
        [
          {
            lines: [
              { lineId: a!.id, promisedDate: addDays(today, -1) },
              { lineId: b!.id, refuseReason: 'y' },
              { lineId: b!.id, refuseReason: 'z' },
              { lineId: po.lines[0]!.id, refuseReason: 'z' },
            ],
          },
          [
            ['lines.0.promisedDate', 'date_in_past', 'cannot be earlier than today', '日期不能早于今天'],
            ['lines.2.lineId', 'po_line_repeated', 'the same purchase order line is named more than once', '同一采购单行出现了不止一次'],
            ['lines.3.lineId', 'po_line_unknown', 'is not a line of this purchase order', '不是本采购单的行'],
          ],
        ],
      ] as const;
      for (const [body, expected] of answers) {
        for (const [lang, i] of [
          ['en', 2],
          ['zh-CN', 3],
        ] as const) {
          const res = await call('anxin', 'POST', `/api/v1/purchase-orders/${draft.id}/confirm`, body, { 'accept-language': lang });
          expect(res.statusCode, res.body).toBe(400);
          expect(res.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual(expected.map((x) => [x[0], x[1], x[i]]));
        }
      }
      // Receiving an order not yet confirmed, or nothing without closing it.
      expect(
        (await call('hzPicker', 'POST', `/api/v1/purchase-orders/${draft.id}/receipts`, { lines: [{ lineId: a!.id, qty: 1, lotNo: 'L' }] }, { 'accept-language': 'zh-CN' })).json<Problem>(),
      ).toMatchObject({ code: 'invalid_state', detail: '采购单当前状态为“sent”，不能执行该操作。' });
      const none = await call('hzPicker', 'POST', `/api/v1/purchase-orders/${draft.id}/receipts`, {}, { 'accept-language': 'zh-CN' });
      expect(none.json<Problem>().errors).toEqual([expect.objectContaining({ path: 'lines', code: 'receipt_lines_required', message: '至少收货一行；只有结单（final）时可以不填' })]);
      expect((await call('anxin', 'GET', `/api/v1/purchase-orders/${newId()}`, undefined, { 'accept-language': 'zh-CN' })).json<Problem>()).toMatchObject({
        code: 'not_found',
        detail: '采购单不存在，或您无权查看。',
      });
      // Nothing the refusals saw was written: the draft and its sending are all there is.
      expect(await rows()).toEqual(mid);
      expect(mid).toEqual({ orders: before.orders + 1, history: before.history + 2, incoming: before.incoming + 2 });
      await assertVerified();
    });

    it('scopes lists and reads: the platform all, an operator its warehouses’, a supplier its own and never drafts; filters and pages', async () => {
      const ids = (res: { json<T>(): T }) => res.json<{ items: Po[] }>().items.map((p) => p.id);
      const all = ids(await call('platform', 'GET', '/api/v1/purchase-orders?limit=200'));
      const hz = ids(await call('hzAdmin', 'GET', '/api/v1/purchase-orders?limit=200'));
      expect(hz).toEqual(all);
      expect(all.length).toBeGreaterThanOrEqual(6);
      expect(ids(await call('cdAdmin', 'GET', '/api/v1/purchase-orders'))).toEqual([]);
      expect((await call('cdAdmin', 'GET', `/api/v1/purchase-orders/${po.id}`)).statusCode).toBe(404);
      expect((await call('yuetong', 'GET', `/api/v1/purchase-orders/${po.id}`)).statusCode).toBe(404);
      expect((await call('shop', 'GET', '/api/v1/purchase-orders')).statusCode).toBe(403);
      const yuetong = (await call('yuetong', 'GET', '/api/v1/purchase-orders')).json<{ items: Po[] }>().items;
      expect(yuetong.every((p) => p.supplierOrgId === f.suppliers.yuetong && p.status !== 'draft')).toBe(true);
      // The cancelled draft is the buyer's only.
      expect(yuetong.map((p) => p.status).sort()).toEqual(['cancelled', 'received', 'refused']);

      expect(ids(await call('hzAdmin', 'GET', `/api/v1/purchase-orders?status=received&supplierOrgId=${f.suppliers.anxin}`))).toEqual([po.id]);
      expect(ids(await call('hzAdmin', 'GET', `/api/v1/purchase-orders?warehouseId=${wh.cd}`))).toEqual([]);
      expect(ids(await call('hzAdmin', 'GET', '/api/v1/purchase-orders?origin=replenishment'))).toEqual([]);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Po[]; nextCursor: string | null } = (await call('hzAdmin', 'GET', `/api/v1/purchase-orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        paged.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect((await call('hzAdmin', 'GET', '/api/v1/purchase-orders?cursor=nope')).json<Problem>().errors[0]).toMatchObject({ path: 'cursor', code: 'invalid_cursor' });
    });

    it('shows goods on their way by transfer as incoming at the destination, until received', async () => {
      const sent = await call('hzPicker', 'POST', '/api/v1/transfers', { fromWarehouseId: wh.hz, toWarehouseId: wh.cd, lines: [{ productId: f.products.certified.id, qty: 3 }] });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(await position('cdAdmin', wh.cd, f.products.certified.id)).toMatchObject({ onHand: 0, incoming: 3, incomingTransfer: 3, incomingPurchase: 0 });
      // (The one certified part still incoming at Hangzhou is the order sent in the refusals' test.)
      expect(await position('hzAdmin', wh.hz, f.products.certified.id)).toMatchObject({ onHand: 3, reserved: 2, incoming: 1, incomingTransfer: 0 });
      expect((await call('cdAdmin', 'POST', `/api/v1/transfers/${sent.json<{ id: string }>().id}/receive`)).statusCode).toBe(200);
      expect(await position('cdAdmin', wh.cd, f.products.certified.id)).toMatchObject({ onHand: 3, incoming: 0 });
      // The positions list pages by warehouse and product too.
      const page = (await call('platform', 'GET', '/api/v1/stock/positions?limit=1')).json<{ items: Position[]; nextCursor: string }>();
      const next = (await call('platform', 'GET', `/api/v1/stock/positions?limit=1&cursor=${page.nextCursor}`)).json<{ items: Position[] }>();
      expect(`${next.items[0]!.warehouseId}|${next.items[0]!.productId}` > `${page.items[0]!.warehouseId}|${page.items[0]!.productId}`).toBe(true);
      await assertVerified();
    });

    it('a purchase order raised for an order’s backorders is sent at once: incoming, the supplier and the operator told', async () => {
      // As orders raises it when a line is backordered, in the placing request's transaction and
      // context (here a shop's buyer).
      const ctx = {
        actor: { type: 'user' as const, userId: users.users.shop ?? null, apiKeyId: null, orgId: orgs.shop!, orgKind: 'repair_shop' as const, orgRegionCode: '310115', roles: ['buyer' as const] },
        requestId: `raise-${kind}`,
        locale: 'en' as const,
        now: new Date(),
      };
      const raised = await t.database.db.transaction((tx) =>
        raisePurchaseOrder(tx, ctx, {
          supplierOrgId: f.suppliers.huajun,
          warehouseId: wh.hz,
          operatorOrgId: orgs.hzAdmin!,
          origin: 'backorder',
          consignment: false,
          send: true,
          expectedDate: addDays(today, 4),
          note: null,
          lines: [{ productId: f.products.oes.id, offerId: f.offers.oes.id, qty: 2, unitFen: 90_400n }],
        }),
      );
      const seen = (await call('huajun', 'GET', `/api/v1/purchase-orders/${raised.id}`)).json<Po>();
      expect(seen).toMatchObject({ status: 'sent', origin: 'backorder', lines: [{ id: raised.lineIds[0], qty: 2, status: 'open' }] });
      expect(seen.history.map((h) => [h.event, h.fromStatus, h.toStatus])).toEqual([['send', null, 'sent']]);
      expect((await incomingRows(raised.id)).map((r) => [r.productId, r.qty, r.expectedDate])).toEqual([[f.products.oes.id, 2, addDays(today, 4)]]);
      const events = await t.database.db
        .select()
        .from(outboxEvent)
        .where(and(eq(outboxEvent.type, 'purchase_order.sent'), sql`${outboxEvent.payload}->>'purchaseOrderId' = ${raised.id}`));
      expect(events.map((e) => e.orgId).sort()).toEqual([f.suppliers.huajun, orgs.hzAdmin].sort());
      // The supplier answers it as any other.
      const confirmed = await post('huajun', `/api/v1/purchase-orders/${raised.id}/confirm`, { lines: [{ lineId: raised.lineIds[0], promisedDate: addDays(today, 2) }] });
      expect(confirmed.json<Po>().status).toBe('confirmed');
      await assertVerified();
    });

    it('stock verify finds incoming that does not match its purchase order', async () => {
      const open = (
        await post('hzAdmin', '/api/v1/purchase-orders', { supplierOrgId: f.suppliers.yuetong, warehouseId: wh.hz, expectedDate: today, lines: [{ productId: f.products.oem.id, qty: 4 }] })
      ).json<Po>();
      await post('hzAdmin', `/api/v1/purchase-orders/${open.id}/send`);
      await assertVerified();
      await t.database.db.update(stockIncoming).set({ qty: 3 }).where(eq(stockIncoming.documentId, open.id));
      const report = await verifyIncoming(t.database.db, await expectedIncoming(t.database.db));
      expect(report.ok).toBe(false);
      expect(report.mismatches).toEqual([expect.objectContaining({ documentLineId: open.lines[0]!.id, stored: expect.objectContaining({ qty: 3 }), expected: expect.objectContaining({ qty: 4 }) })]);
    });
  });
}
