import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDueInquiries, loadInquiryBids, openInquiries, type OpenedInquiry } from '../src/modules/quoting/inquiries/index.ts';
import { inquiry, inquirySupplier, quote, quoteLine } from '../src/modules/quoting/tables.ts';
import type { Ctx } from '../src/platform/context.ts';
import { newId } from '../src/platform/ids.ts';
import { vatOfGross } from '../src/platform/money.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// Beijing: the fixture's yuetong and huajun offer Volkswagen parts nationwide, anxin only in
// Zhejiang, Shanghai and Sichuan, so it serves neither the make nor the region here and is invited
// only when the inquiry is escalated to every active supplier.
const DELIVERY_REGION = '110105';

for (const kind of databaseKinds()) {
  describe(`inquiries and sealed bids on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    let adjusterUserId: string;
    let opened: OpenedInquiry[];
    // The inquiries of the four quote lines: bids and deadline, withdrawal, early close, worker close.
    let main: string;
    let withdrawn: string;
    let closedEarly: string;
    let byWorker: string;

    const users = cast(() => t);
    const { call, orgs } = users;
    const validTo = '2099-12-31';
    const bidBody = (productId: string, grade: string, priceFen: number, more: Record<string, unknown> = {}) => ({ productId, grade, priceFen, leadTimeDays: 2, validTo, ...more });
    const events = (type: string, orgId: string) =>
      t.database.db
        .select()
        .from(outboxEvent)
        .where(and(eq(outboxEvent.type, type), eq(outboxEvent.orgId, orgId)));
    const audits = (objectId: string) => t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, objectId));

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      const logins = {
        adjuster: 'adjuster@picc.demo',
        checker: 'checker@picc.demo',
        cpic: 'adjuster@cpic.demo',
        huajun: 'sales@huajun.demo',
        yuetong: 'sales@yuetong.demo',
        anxin: 'sales@anxin.demo',
        shop: 'buyer@sh-anda.demo',
      };
      await users.signIn(logins);
      adjusterUserId = users.users.adjuster!;

      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `PICC-INQ-${kind}`,
        policyNo: 'PDAA202511010000012345',
        accidentDate: '2026-03-14',
        accidentRegionCode: DELIVERY_REGION,
        vin: f.sagitarVin,
        plate: '京A12345',
        repairShopOrgId: orgs.shop,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json<{ id: string }>().id;

      // The quote command is another module's; its rows are written here as it would write them.
      const quoteId = newId();
      await t.database.db.insert(quote).values({
        id: quoteId,
        assessmentId: newId(),
        claimId,
        insurerOrgId: orgs.adjuster!,
        repairShopOrgId: orgs.shop!,
        deliveryRegionCode: DELIVERY_REGION,
      });
      const lines = [
        { partId: f.parts.vwBumper.id, description: '前保险杠皮 5G0 807 221 B', quantity: 1 },
        { partId: null, description: '左前翼子板支架（无 OE 号）', quantity: 2 },
        { partId: f.parts.vwBumper.id, description: '前保险杠皮（二）', quantity: 1 },
        { partId: null, description: '前格栅饰条', quantity: 1 },
      ].map((l) => ({ ...l, quoteLineId: newId() }));
      await t.database.db
        .insert(quoteLine)
        .values(lines.map((l) => ({ id: l.quoteLineId, quoteId, assessmentLineId: newId(), partId: l.partId, quantity: l.quantity, candidates: [], needsInquiry: true })));

      const ctx: Ctx = {
        actor: { type: 'user', userId: adjusterUserId, apiKeyId: null, orgId: orgs.adjuster!, orgKind: 'insurer', orgRegionCode: '110102', roles: ['adjuster'] },
        requestId: 'inquiries-test',
        locale: 'en',
        now: new Date(),
      };
      opened = await t.database.db.transaction((tx) => openInquiries(tx, ctx, { claimId, insurerOrgId: orgs.adjuster!, deliveryRegionCode: DELIVERY_REGION, lines }));
      [main, withdrawn, closedEarly, byWorker] = opened.map((o) => o.inquiryId) as [string, string, string, string];
    });
    afterAll(() => t?.close());

    describe('opening', () => {
      it('opens one inquiry per line, due in 24 hours, sent to the suppliers of the model in the region', async () => {
        expect(opened).toHaveLength(4);
        for (const o of opened) {
          expect(o).toMatchObject({ ring: 'model_and_region', supplierCount: 2, created: true });
          expect(Math.abs(o.deadlineAt.getTime() - Date.now() - 24 * 3600_000)).toBeLessThan(60_000);
        }
        const invited = await t.database.db.select().from(inquirySupplier).where(eq(inquirySupplier.inquiryId, main));
        expect(invited.map((i) => i.supplierOrgId).sort()).toEqual([orgs.huajun, orgs.yuetong].sort());
      });

      it('tells each invited supplier, without naming the others', async () => {
        const toHuajun = (await events('inquiry.opened', orgs.huajun!)).filter((e) => (e.payload as { inquiry: { id: string } }).inquiry.id === main);
        expect(toHuajun).toHaveLength(1);
        const payload = JSON.stringify(toHuajun[0]!.payload);
        expect(payload).not.toContain(orgs.yuetong);
        expect(payload).not.toContain('粤通');
        expect(toHuajun[0]!.payload).toMatchObject({ inquiry: { id: main, claimId: null, quantity: 1, part: { oeNo: '5G0 807 221 B' }, vehicle: { brand: '大众' } } });
        expect(await events('inquiry.opened', orgs.anxin!)).toHaveLength(0);
      });

      it('audits the opening with the suppliers invited', async () => {
        const [row] = await audits(main);
        expect(row).toMatchObject({ orgId: orgs.adjuster, action: 'open', toState: 'open', actorUserId: adjusterUserId });
        expect((row!.data as { invitedSupplierOrgIds: string[] }).invitedSupplierOrgIds.sort()).toEqual([orgs.huajun, orgs.yuetong].sort());
      });

      it('does not open a second inquiry for a line that has an open one', async () => {
        const [first] = await t.database.db.select().from(inquiry).where(eq(inquiry.id, main));
        const again = await t.database.db.transaction((tx) =>
          openInquiries(
            tx,
            { actor: null, requestId: 'again', now: new Date() },
            {
              claimId: first!.claimId,
              insurerOrgId: first!.insurerOrgId,
              deliveryRegionCode: DELIVERY_REGION,
              lines: [{ quoteLineId: first!.quoteLineId, partId: first!.partId, description: first!.description, quantity: 1 }],
            },
          ),
        );
        expect(again).toMatchObject([{ inquiryId: main, created: false }]);
      });
    });

    describe('who sees what', () => {
      it('lists an inquiry to the invited suppliers and the insurer only', async () => {
        const huajun = await call('huajun', 'GET', '/api/v1/inquiries?limit=10');
        expect(huajun.statusCode).toBe(200);
        expect(
          huajun
            .json()
            .items.map((i: { id: string }) => i.id)
            .sort(),
        ).toEqual(opened.map((o) => o.inquiryId).sort());
        expect(huajun.json().items[0]).toMatchObject({ claimId: null, quoteLineId: null, status: 'open' });

        const insurer = await call('adjuster', 'GET', '/api/v1/inquiries?status=open');
        expect(insurer.json().items).toHaveLength(4);
        expect(insurer.json().items[0].claimId).not.toBeNull();

        expect((await call('anxin', 'GET', '/api/v1/inquiries')).json().items).toEqual([]);
        expect((await call('cpic', 'GET', '/api/v1/inquiries')).json().items).toEqual([]);
        expect((await call('shop', 'GET', '/api/v1/inquiries')).statusCode).toBe(403);
      });

      it('pages with a cursor', async () => {
        const first = (await call('adjuster', 'GET', '/api/v1/inquiries?limit=3')).json();
        expect(first.items).toHaveLength(3);
        const second = (await call('adjuster', 'GET', `/api/v1/inquiries?limit=3&cursor=${first.nextCursor}`)).json();
        expect(second).toMatchObject({ items: [{}], nextCursor: null });
      });

      it('answers 404 to an uninvited supplier and to another insurer', async () => {
        expect((await call('anxin', 'GET', `/api/v1/inquiries/${main}`)).statusCode).toBe(404);
        expect((await call('cpic', 'GET', `/api/v1/inquiries/${main}`)).statusCode).toBe(404);
        expect((await call('cpic', 'POST', `/api/v1/inquiries/${main}/escalate`, {})).statusCode).toBe(404);
        expect((await call('cpic', 'POST', `/api/v1/inquiries/${main}/withdraw`, { reason: 'x' })).statusCode).toBe(404);
        expect((await call('anxin', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.certified.id, 'certified', 70_000))).statusCode).toBe(404);
      });

      it('refuses bidding to insurers and managing to suppliers', async () => {
        expect((await call('adjuster', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 1))).statusCode).toBe(403);
        expect((await call('huajun', 'POST', `/api/v1/inquiries/${main}/close`)).statusCode).toBe(403);
      });
    });

    describe('bids', () => {
      it('takes a bid on the supplier’s own product, splitting the VAT', async () => {
        const res = await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 95_000), { 'idempotency-key': `bid-${kind}-1` });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ replaced: false, bid: { supplierOrgId: orgs.huajun, productId: f.products.oes.id, grade: 'oes', priceFen: 95_000, vatFen: Number(vatOfGross(95_000n)) } });
        const replay = await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 95_000), { 'idempotency-key': `bid-${kind}-1` });
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.json().bid.id).toBe(res.json().bid.id);
      });

      it('refuses another supplier’s product, a wrong grade, a product for another part and a lapsed validity', async () => {
        expect((await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oem.id, 'oem', 90_000))).statusCode).toBe(404);
        const grade = await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oem', 90_000));
        expect(grade.statusCode).toBe(400);
        expect(grade.json().errors).toMatchObject([{ path: 'grade' }]);
        const lapsed = await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 90_000, { validTo: '2020-01-01' }));
        expect(lapsed.statusCode).toBe(400);
        expect((await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 0))).statusCode).toBe(400);
      });

      it('accepts any own product on a free-text inquiry', async () => {
        const res = await call('yuetong', 'POST', `/api/v1/inquiries/${withdrawn}/bids`, bidBody(f.products.aftermarket.id, 'aftermarket', 12_000));
        expect(res.statusCode, res.body).toBe(200);
      });

      it('replaces a bid on the same product and audits the old and new price', async () => {
        await call('yuetong', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oem.id, 'oem', 110_000));
        await call('yuetong', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.aftermarket.id, 'aftermarket', 60_000));
        const res = await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 93_000, { leadTimeDays: 1 }));
        expect(res.json()).toMatchObject({ replaced: true, bid: { priceFen: 93_000, leadTimeDays: 1 } });
        const [replaced] = (await audits(res.json().bid.id)).filter((a) => a.action === 'replace');
        expect(replaced).toMatchObject({ orgId: orgs.huajun, data: { old: { priceFen: '95000' }, new: { priceFen: '93000' } } });
      });

      it('shows a supplier only its own bids', async () => {
        const huajun = (await call('huajun', 'GET', `/api/v1/inquiries/${main}`)).json();
        expect(huajun).toMatchObject({ status: 'open', sealed: true, bidCount: 1, invitedSuppliers: null, claimId: null });
        expect(huajun.bids.map((b: { priceFen: number }) => b.priceFen)).toEqual([93_000]);
        const yuetong = (await call('yuetong', 'GET', `/api/v1/inquiries/${main}`)).json();
        expect(yuetong.bids.map((b: { supplierOrgId: string }) => b.supplierOrgId)).toEqual([orgs.yuetong, orgs.yuetong]);
      });

      it('seals the bids from the insurer until the deadline: the count only', async () => {
        const res = await call('adjuster', 'GET', `/api/v1/inquiries/${main}`);
        expect(res.json()).toMatchObject({ status: 'open', sealed: true, bidCount: 3, bids: null });
        expect(res.json().invitedSuppliers).toHaveLength(2);
        expect(res.body).not.toContain('93000');
        expect(await loadInquiryBids(t.database.db, main)).toEqual([]);
      });
    });

    describe('escalation', () => {
      it('invites the next ring and tells only the new supplier', async () => {
        const before = (await t.database.db.select().from(inquiry).where(eq(inquiry.id, main)))[0]!;
        const res = await call('checker', 'POST', `/api/v1/inquiries/${main}/escalate`, { extendDeadlineHours: 2 });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().invitedSuppliers.map((s: { orgId: string }) => s.orgId)).toContain(orgs.anxin);
        expect(new Date(res.json().deadlineAt).getTime()).toBe(before.deadlineAt.getTime() + 2 * 3600_000);
        const toAnxin = (await events('inquiry.opened', orgs.anxin!)).filter((e) => (e.payload as { inquiry: { id: string } }).inquiry.id === main);
        expect(toAnxin).toHaveLength(1);
        expect(await events('inquiry.deadline_extended', orgs.huajun!)).toHaveLength(1);
        const escalated = (await audits(main)).find((a) => a.action === 'escalate');
        expect(escalated).toMatchObject({ fromState: 'open', toState: 'open', data: { ring: 'all', addedSupplierOrgIds: [orgs.anxin] } });
      });

      it('lets the new supplier see and bid', async () => {
        expect((await call('anxin', 'GET', `/api/v1/inquiries/${main}`)).statusCode).toBe(200);
        const res = await call('anxin', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.certified.id, 'certified', 78_000));
        expect(res.statusCode, res.body).toBe(200);
      });

      it('invites named suppliers, refusing organisations that are not suppliers', async () => {
        const bad = await call('adjuster', 'POST', `/api/v1/inquiries/${closedEarly}/escalate`, { supplierOrgIds: [orgs.shop] });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().errors).toMatchObject([{ path: 'supplierOrgIds.0', code: 'org_unknown' }]);
        const ok = await call('adjuster', 'POST', `/api/v1/inquiries/${closedEarly}/escalate`, { supplierOrgIds: [orgs.anxin] });
        expect(ok.statusCode).toBe(200);
        expect(ok.json().invitedSuppliers).toHaveLength(3);
      });
    });

    describe('deadline', () => {
      it('refuses a bid after the deadline and unseals the bids for the insurer', async () => {
        await t.database.db.update(inquiry).set({ deadlineAt: sql`now() - interval '1 minute'` }).where(eq(inquiry.id, main));
        const late = await call('huajun', 'POST', `/api/v1/inquiries/${main}/bids`, bidBody(f.products.oes.id, 'oes', 80_000));
        expect(late.statusCode).toBe(409);
        expect(late.json()).toMatchObject({ code: 'invalid_state' });
        expect((await call('adjuster', 'POST', `/api/v1/inquiries/${main}/escalate`, {})).statusCode).toBe(409);

        const res = await call('adjuster', 'GET', `/api/v1/inquiries/${main}`);
        expect(res.json()).toMatchObject({ status: 'closed', sealed: false, bidCount: 4 });
        expect(res.json().bids.map((b: { priceFen: number }) => b.priceFen)).toEqual([60_000, 78_000, 93_000, 110_000]);
        // The read showed it closed and wrote nothing: the deadline job closes it.
        expect((await t.database.db.select().from(inquiry).where(eq(inquiry.id, main)))[0]).toMatchObject({ status: 'open' });
        expect((await audits(main)).find((a) => a.action === 'expire')).toBeUndefined();
        expect(await closeDueInquiries(t.database.db, new Date(), { ids: [main] })).toBe(1);
        const closed = (await audits(main)).find((a) => a.action === 'expire');
        expect(closed).toMatchObject({ fromState: 'open', toState: 'closed', actorUserId: null });
        expect((await events('inquiry.closed', orgs.adjuster!)).some((e) => (e.payload as { inquiryId: string }).inquiryId === main)).toBe(true);
        expect((await loadInquiryBids(t.database.db, main)).map((b) => b.priceFen)).toHaveLength(4);
      });

      it('still shows a supplier only its own bids after the deadline', async () => {
        const res = (await call('huajun', 'GET', `/api/v1/inquiries/${main}`)).json();
        expect(res.bids.map((b: { supplierOrgId: string }) => b.supplierOrgId)).toEqual([orgs.huajun]);
      });

      it('is closed by the worker function too', async () => {
        await t.database.db.update(inquiry).set({ deadlineAt: sql`now() - interval '1 minute'` }).where(eq(inquiry.id, byWorker));
        expect(await closeDueInquiries(t.database.db, new Date())).toBe(1);
        expect(await closeDueInquiries(t.database.db, new Date())).toBe(0);
        const [row] = await t.database.db.select().from(inquiry).where(eq(inquiry.id, byWorker));
        expect(row).toMatchObject({ status: 'closed' });
      });
    });

    describe('withdrawal and closing', () => {
      it('withdraws with a reason, keeps the bids sealed and tells the suppliers', async () => {
        expect((await call('adjuster', 'POST', `/api/v1/inquiries/${withdrawn}/withdraw`, {})).statusCode).toBe(400);
        const res = await call('adjuster', 'POST', `/api/v1/inquiries/${withdrawn}/withdraw`, { reason: '改为钣金修复' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: '改为钣金修复', sealed: true, bidCount: 1, bids: null });
        expect((await call('yuetong', 'POST', `/api/v1/inquiries/${withdrawn}/bids`, bidBody(f.products.aftermarket.id, 'aftermarket', 11_000))).statusCode).toBe(409);
        expect((await call('adjuster', 'POST', `/api/v1/inquiries/${withdrawn}/withdraw`, { reason: 'again' })).statusCode).toBe(409);
        const withdrawnEvents = (await events('inquiry.withdrawn', orgs.yuetong!)).filter((e) => (e.payload as { inquiryId: string }).inquiryId === withdrawn);
        expect(withdrawnEvents).toHaveLength(1);
        expect(JSON.stringify(withdrawnEvents[0]!.payload)).not.toContain('钣金');
        expect((await audits(withdrawn)).find((a) => a.action === 'withdraw')).toMatchObject({ fromState: 'open', toState: 'withdrawn', data: { reason: '改为钣金修复' } });
        expect((await call('yuetong', 'GET', `/api/v1/inquiries/${withdrawn}`)).json()).toMatchObject({ status: 'withdrawn', bidCount: 1 });
      });

      it('lets the price checker close early, unsealing the bids', async () => {
        await call('anxin', 'POST', `/api/v1/inquiries/${closedEarly}/bids`, bidBody(f.products.certified.id, 'certified', 77_000));
        const res = await call('checker', 'POST', `/api/v1/inquiries/${closedEarly}/close`, undefined);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ status: 'closed', sealed: false, bidCount: 1, bids: [{ priceFen: 77_000 }] });
        expect((await audits(closedEarly)).find((a) => a.action === 'close')).toMatchObject({ fromState: 'open', toState: 'closed' });
        expect((await call('checker', 'POST', `/api/v1/inquiries/${closedEarly}/close`)).statusCode).toBe(409);
      });

      it('lists by status', async () => {
        const closed = (await call('adjuster', 'GET', '/api/v1/inquiries?status=closed')).json();
        expect(closed.items.map((i: { id: string }) => i.id).sort()).toEqual([main, closedEarly, byWorker].sort());
        expect((await call('adjuster', 'GET', '/api/v1/inquiries?status=withdrawn')).json().items).toMatchObject([{ id: withdrawn }]);
      });
    });
  });
}
