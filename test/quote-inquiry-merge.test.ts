import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDueInquiries, startInquiryDeadlineJob } from '../src/modules/quoting/inquiries/index.ts';
import { inquiry, procurementPolicy } from '../src/modules/quoting/tables.ts';
import { policyToJson, ProcurementPolicy } from '../src/modules/quoting/rules/index.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// PICC's rules here: airbags (safety) only genuine; delivery within 5 days; a human checks a line
// above ¥5,000 or a claim above ¥20,000. The fixture's driver airbag (OE ¥4,500) has no offer at
// all, so every quote of it opens an inquiry. The shop is in Shanghai, where yuetong and huajun
// offer Volkswagen parts nationwide and anxin in Shanghai: all three are invited (make and region).
// One central warehouse (HZ-C) delivers to Shanghai in a day; a bid's airbag is bought from the
// bidder for it (yuetong is in Guangzhou: its lead time + 3 days inbound + 1 day to the shop).
const POLICY = ProcurementPolicy.parse({
  byCategory: { safety: ['oem'] },
  choose: 'cheapest',
  maxLeadTimeDays: 5,
  approval: { lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true },
});

type Reason = { code: string; text: string };
type Candidate = {
  offerId: string;
  source: string;
  inquiryId: string | null;
  grade: string;
  priceFen: number;
  lineAmountFen: number;
  supplier: { id: string; name: string };
  reasons: Reason[];
  etaDays: number | null;
  sourcing: { kind: string; etaDays: number | null } | null;
};
type Line = {
  id: string;
  needsInquiry: boolean;
  chosenSource: string | null;
  etaDays: number | null;
  ranking: { chosen: Candidate | null; runnersUp: Candidate[]; excluded: Candidate[]; inquiries: { id: string; status: string }[] };
  approval: Record<string, unknown> & { status: string; reasons: Reason[] };
};
const silent = { info: () => {}, error: () => {} };

type Quote = { id: string; assessmentStatus: string; claimStatus: string; lines: Line[]; pendingLineIds: string[]; needsInquiryLineIds: string[] };

for (const kind of databaseKinds()) {
  describe(`bids merged into the quote on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const airbagProducts: Record<string, string> = {};
    let claims = 0;

    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call, orgs } = users;
    let warehouseId = '';
    const bidBody = (who: string, priceFen: number, leadTimeDays = 1) => ({ productId: airbagProducts[who]!, grade: who === 'yuetong' ? 'oem' : 'oes', priceFen, leadTimeDays, validTo: '2099-12-31' });
    const audits = (objectId: string, action: string) =>
      t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, objectId), eq(auditEvent.action, action)));

    // A claim whose assessment replaces the airbag, quoted: the line goes out as an inquiry.
    async function quotedAirbag(quantity: number) {
      claims += 1;
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `PICC-MERGE-${kind}-${claims}`,
        policyNo: 'PDAA202633010000088888',
        accidentDate: '2026-03-14',
        accidentRegionCode: '310115',
        vin: f.sagitarVin,
        plate: '沪B12345',
        repairShopOrgId: orgs.shop,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json<{ id: string }>().id;
      const assessed = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, {
        lines: [{ partId: f.parts.vwAirbag.id, quantity, operation: 'replace', labourHours: 1 }],
      });
      expect(assessed.statusCode, assessed.body).toBe(201);
      const assessmentId = assessed.json<{ id: string }>().id;
      const quoted = await call('adjuster', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
      expect(quoted.statusCode, quoted.body).toBe(201);
      const q = quoted.json<Quote>();
      const line = q.lines[0]!;
      expect(line).toMatchObject({ needsInquiry: true, approval: { status: 'pending' }, ranking: { chosen: null } });
      expect(q).toMatchObject({ assessmentStatus: 'quoted', claimStatus: 'quoted' });
      return { claimId, assessmentId, quoteId: q.id, lineId: line.id, inquiryId: line.ranking.inquiries[0]!.id };
    }
    const quoteOf = async (assessmentId: string) => (await call('adjuster', 'GET', `/api/v1/assessments/${assessmentId}/quote`)).json<Quote>();

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      const logins = {
        adjuster: 'adjuster@picc.demo',
        checker: 'checker@picc.demo',
        shop: 'buyer@sh-anda.demo',
        yuetong: 'sales@yuetong.demo',
        huajun: 'sales@huajun.demo',
        hzAdmin: 'admin@hz-ops.demo',
      };
      await users.signIn(logins);
      const w = await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-C', name: '华东中心仓', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      expect(w.statusCode, w.body).toBe(201);
      warehouseId = w.json<{ id: string }>().id;
      await t.database.db.insert(procurementPolicy).values({ insurerOrgId: orgs.adjuster!, policy: policyToJson(POLICY) as Record<string, unknown>, version: 1 });
      // The suppliers map an airbag of their own to the part, so they can bid on it; neither makes
      // an offer, so the part still has none.
      for (const [who, grade, brand] of [
        ['yuetong', 'oem', '大众'],
        ['huajun', 'oes', '华骏'],
      ] as const) {
        const res = await call(who, 'POST', '/api/v1/products', { sku: `T-${who}-AIRBAG`, brand, name: '主驾驶安全气囊', grade, partIds: [f.parts.vwAirbag.id], warrantyMonths: 24 });
        expect(res.statusCode, res.body).toBe(201);
        airbagProducts[who] = res.json<{ id: string }>().id;
      }
    });
    afterAll(() => t?.close());

    it('ranks the bids when the insurer closes the inquiry and approves the line below the thresholds', async () => {
      const c = await quotedAirbag(1);
      const detail = (await call('adjuster', 'GET', `/api/v1/inquiries/${c.inquiryId}`)).json<{ invitedSuppliers: { orgId: string }[] }>();
      expect(detail.invitedSuppliers.map((s) => s.orgId)).toEqual(expect.arrayContaining([orgs.yuetong, orgs.huajun]));

      const oem = await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 380_000));
      expect(oem.statusCode, oem.body).toBe(200);
      const oemBidId = oem.json<{ bid: { id: string } }>().bid.id;
      // Cheaper, but oes is not allowed for an airbag under this policy.
      expect((await call('huajun', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('huajun', 300_000))).statusCode).toBe(200);

      // Sealed until the close: neither the inquiry nor the quote shows a price.
      expect((await call('adjuster', 'GET', `/api/v1/inquiries/${c.inquiryId}`)).json()).toMatchObject({ sealed: true, bidCount: 2, bids: null });
      const before = await call('adjuster', 'GET', `/api/v1/assessments/${c.assessmentId}/quote`);
      expect(before.body).not.toContain('380000');
      expect(before.json<Quote>().lines[0]).toMatchObject({ needsInquiry: true, ranking: { chosen: null, runnersUp: [], excluded: [] } });

      const closed = await call('adjuster', 'POST', `/api/v1/inquiries/${c.inquiryId}/close`);
      expect(closed.statusCode, closed.body).toBe(200);
      const q = await quoteOf(c.assessmentId);
      const line = q.lines[0]!;
      expect(line.needsInquiry).toBe(false);
      expect(line.ranking.chosen).toMatchObject({ offerId: oemBidId, source: 'bid', inquiryId: c.inquiryId, grade: 'oem', priceFen: 380_000, lineAmountFen: 380_000, supplier: { id: orgs.yuetong } });
      expect(line.ranking.chosen!.reasons.map((r) => r.text)).toEqual(['cheapest allowed oem', 'oem required for airbags and belts', 'to be bought from the supplier, about 5 days']);
      expect(line).toMatchObject({ chosenSource: 'purchase', etaDays: 1 + 3 + 1, ranking: { chosen: { etaDays: 5, sourcing: { kind: 'purchase', etaDays: 5 } } } });
      expect(line.ranking.excluded.map((x) => [x.source, x.grade, x.reasons.map((r) => r.text)])).toEqual([['bid', 'oes', ['excluded: oes not allowed for airbags and belts']]]);
      expect(line.ranking.inquiries).toEqual([expect.objectContaining({ id: c.inquiryId, status: 'closed' })]);
      // ¥3,800 against the ¥4,500 OE price, inside every threshold: approved automatically, and
      // with nothing else pending the version and the claim are approved.
      expect(line.approval).toMatchObject({
        status: 'auto_approved',
        bidId: oemBidId,
        offerId: null,
        grade: 'oem',
        unitFen: 380_000,
        amountFen: 380_000,
        savingFen: 70_000,
        approvedBy: null,
        reasons: [{ code: 'auto_approved' }],
      });
      expect(q).toMatchObject({ assessmentStatus: 'approved', claimStatus: 'approved', pendingLineIds: [], needsInquiryLineIds: [] });
      expect((await call('adjuster', 'GET', `/api/v1/claims/${c.claimId}`)).json()).toMatchObject({ status: 'approved' });

      // Once: a second close is refused and the line was merged one time.
      expect((await call('adjuster', 'POST', `/api/v1/inquiries/${c.inquiryId}/close`)).statusCode).toBe(409);
      const merged = await audits(c.lineId, 'merge_bids');
      expect(merged).toHaveLength(1);
      expect(merged[0]).toMatchObject({ fromState: 'pending', toState: 'auto_approved', data: { inquiryId: c.inquiryId, chosenBidId: oemBidId, bidCount: 2, source: 'purchase', etaDays: 5 } });
      expect((await audits(c.inquiryId, 'close'))[0]).toMatchObject({ data: { merge: { result: 'merged', approval: 'auto_approved', claimApproved: true } } });
    });

    it('leaves a line above the thresholds to the price checker, who accepts the bid', async () => {
      const c = await quotedAirbag(2);
      const bid = await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 390_000));
      const bidId = bid.json<{ bid: { id: string } }>().bid.id;
      expect((await call('checker', 'POST', `/api/v1/inquiries/${c.inquiryId}/close`)).statusCode).toBe(200);

      const q = await quoteOf(c.assessmentId);
      // 2 × ¥3,900 = ¥7,800, above the ¥5,000 a line may reach without a checker.
      expect(q.lines[0]).toMatchObject({
        needsInquiry: false,
        ranking: { chosen: { offerId: bidId, lineAmountFen: 780_000 } },
        approval: { status: 'pending', amountFen: null, reasons: [{ code: 'approval_line_amount' }] },
      });
      expect(q).toMatchObject({ assessmentStatus: 'quoted', claimStatus: 'quoted', pendingLineIds: [c.lineId] });

      const res = await call('checker', 'POST', `/api/v1/assessments/${c.assessmentId}/approve`, { lines: [{ quoteLineId: c.lineId, action: 'accept' }] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Quote>()).toMatchObject({ assessmentStatus: 'approved', claimStatus: 'approved' });
      expect(res.json<Quote>().lines[0]!.approval).toMatchObject({ status: 'approved', bidId, offerId: null, grade: 'oem', unitFen: 390_000, amountFen: 780_000, savingFen: 120_000 });
    });

    it('merges exactly once when the deadline worker closes the inquiry', async () => {
      const c = await quotedAirbag(1);
      const bid = await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 370_000));
      const bidId = bid.json<{ bid: { id: string } }>().bid.id;
      await t.database.db.update(inquiry).set({ deadlineAt: sql`now() - interval '1 minute'` }).where(eq(inquiry.id, c.inquiryId));

      const now = new Date();
      expect(await closeDueInquiries(t.database.db, now, { ids: [c.inquiryId] })).toBe(1);
      expect(await closeDueInquiries(t.database.db, now, { ids: [c.inquiryId] })).toBe(0);
      // A read afterwards finds nothing due either.
      expect((await call('adjuster', 'GET', `/api/v1/inquiries/${c.inquiryId}`)).json()).toMatchObject({ status: 'closed', bidCount: 1 });

      const q = await quoteOf(c.assessmentId);
      expect(q.lines[0]).toMatchObject({ ranking: { chosen: { offerId: bidId } }, approval: { status: 'auto_approved', bidId } });
      expect(q.lines[0]!.ranking.runnersUp).toEqual([]);
      expect(q).toMatchObject({ assessmentStatus: 'approved', claimStatus: 'approved' });
      expect(await audits(c.lineId, 'merge_bids')).toHaveLength(1);
      const expired = await audits(c.inquiryId, 'expire');
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ actorUserId: null, data: { merge: { result: 'merged' } } });
    });

    it('a read past the deadline writes nothing; the deadline job merges the bids', async () => {
      const c = await quotedAirbag(1);
      await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 360_000));
      await t.database.db.update(inquiry).set({ deadlineAt: sql`now() - interval '1 minute'` }).where(eq(inquiry.id, c.inquiryId));
      // The reads show the inquiry closed and its bids unsealed, and leave the database as it was.
      const before = await quoteOf(c.assessmentId);
      expect(before.lines[0]).toMatchObject({ needsInquiry: true, ranking: { inquiries: [{ id: c.inquiryId, status: 'closed' }] } });
      expect((await call('adjuster', 'GET', `/api/v1/inquiries/${c.inquiryId}`)).json()).toMatchObject({ status: 'closed', sealed: false, bidCount: 1 });
      expect((await call('adjuster', 'GET', '/api/v1/inquiries?status=open&limit=100')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(c.inquiryId);
      expect((await call('adjuster', 'GET', '/api/v1/inquiries?status=closed&limit=100')).json<{ items: { id: string; status: string }[] }>().items.find((i) => i.id === c.inquiryId)).toMatchObject({
        status: 'closed',
      });
      const [row] = await t.database.db.select().from(inquiry).where(eq(inquiry.id, c.inquiryId));
      expect(row).toMatchObject({ status: 'open', closedAt: null });
      expect(await audits(c.lineId, 'merge_bids')).toHaveLength(0);

      const job = startInquiryDeadlineJob({ db: t.database.db, log: silent, everyMs: 3_600_000 });
      try {
        expect(await job.runOnce()).toBeGreaterThanOrEqual(1);
      } finally {
        await job.stop();
      }
      const q = await quoteOf(c.assessmentId);
      expect(q.lines[0]).toMatchObject({ needsInquiry: false, approval: { status: 'auto_approved', unitFen: 360_000 } });
      expect(q.claimStatus).toBe('approved');
      expect(await audits(c.lineId, 'merge_bids')).toHaveLength(1);
    });

    it('closes each overdue inquiry once when two processes run the deadline job at once', async () => {
      const due = [];
      for (let i = 0; i < 4; i++) {
        const c = await quotedAirbag(1);
        await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 350_000 + i * 1_000));
        due.push(c);
      }
      const ids = due.map((c) => c.inquiryId);
      await t.database.db.update(inquiry).set({ deadlineAt: sql`now() - interval '1 minute'` }).where(inArray(inquiry.id, ids));
      // Two app processes' runners on one database (on PostgreSQL each on its own connections).
      const jobs = [0, 1].map(() => startInquiryDeadlineJob({ db: t.database.db, log: silent, everyMs: 3_600_000 }));
      try {
        const closed = await Promise.all(jobs.map((j) => j.runOnce()));
        expect(closed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ids.length);
        // Nothing is left for either.
        expect(await Promise.all(jobs.map((j) => j.runOnce()))).toEqual([0, 0]);
      } finally {
        await Promise.all(jobs.map((j) => j.stop()));
      }
      for (const c of due) {
        expect(await audits(c.inquiryId, 'expire')).toHaveLength(1);
        expect(await audits(c.lineId, 'merge_bids')).toHaveLength(1);
        expect((await quoteOf(c.assessmentId)).lines[0]).toMatchObject({ needsInquiry: false, approval: { status: 'auto_approved' } });
      }
      const told = await t.database.db
        .select()
        .from(outboxEvent)
        .where(and(eq(outboxEvent.type, 'inquiry.closed'), inArray(sql`${outboxEvent.payload}->>'inquiryId'`, ids)));
      expect(told).toHaveLength(ids.length);
    });

    it('leaves the line to the checker when no bid is allowed', async () => {
      const c = await quotedAirbag(1);
      await call('huajun', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('huajun', 300_000));
      expect((await call('adjuster', 'POST', `/api/v1/inquiries/${c.inquiryId}/close`)).statusCode).toBe(200);
      const q = await quoteOf(c.assessmentId);
      expect(q.lines[0]).toMatchObject({
        needsInquiry: true,
        ranking: { chosen: null, excluded: [{ source: 'bid', grade: 'oes' }] },
        approval: { status: 'pending', reasons: [{ code: 'no_allowed_bid', text: 'inquiry closed, none of its 1 bids is allowed: the price checker decides' }] },
      });
      expect(q).toMatchObject({ assessmentStatus: 'quoted', pendingLineIds: [c.lineId], needsInquiryLineIds: [c.lineId] });
      // Accepting is refused (nothing to accept); a cap decides it.
      expect((await call('checker', 'POST', `/api/v1/assessments/${c.assessmentId}/approve`, { lines: [{ quoteLineId: c.lineId, action: 'accept' }] })).statusCode).toBe(409);
      const capped = await call('checker', 'POST', `/api/v1/assessments/${c.assessmentId}/approve`, { lines: [{ quoteLineId: c.lineId, action: 'correct', priceCapFen: 400_000 }] });
      expect(capped.statusCode, capped.body).toBe(200);
      expect(capped.json<Quote>()).toMatchObject({ assessmentStatus: 'approved', needsInquiryLineIds: [], lines: [{ approval: { status: 'corrected', bidId: null, unitFen: 400_000 } }] });
    });

    it('withdraws the open inquiry of a line the checker sends back', async () => {
      const c = await quotedAirbag(1);
      await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 380_000));
      const res = await call('checker', 'POST', `/api/v1/assessments/${c.assessmentId}/approve`, { lines: [{ quoteLineId: c.lineId, action: 'send_back', reason: '改为修复' }] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Quote>()).toMatchObject({ assessmentStatus: 'approved', lines: [{ needsInquiry: false, approval: { status: 'sent_back', sendBackReason: '改为修复' } }] });

      const inq = (await call('adjuster', 'GET', `/api/v1/inquiries/${c.inquiryId}`)).json();
      expect(inq).toMatchObject({ status: 'withdrawn', withdrawnReason: 'decided by price check', sealed: true, bids: null });
      expect((await audits(c.inquiryId, 'withdraw'))[0]).toMatchObject({ fromState: 'open', toState: 'withdrawn', data: { reason: 'decided by price check' } });
      const told = await t.database.db
        .select()
        .from(outboxEvent)
        .where(and(eq(outboxEvent.type, 'inquiry.withdrawn'), eq(outboxEvent.orgId, orgs.yuetong!)));
      expect(told.filter((e) => (e.payload as { inquiryId: string }).inquiryId === c.inquiryId)).toHaveLength(1);
      expect((await call('yuetong', 'POST', `/api/v1/inquiries/${c.inquiryId}/bids`, bidBody('yuetong', 370_000))).statusCode).toBe(409);
      expect(await audits(c.lineId, 'merge_bids')).toHaveLength(0);
    });

    it('ranks a bid by when its product arrives: too slow to buy, in time from stock', async () => {
      // Bought, yuetong's airbag would take 10 + 3 + 1 days, over the policy's 5.
      const slow = await quotedAirbag(1);
      await call('yuetong', 'POST', `/api/v1/inquiries/${slow.inquiryId}/bids`, bidBody('yuetong', 380_000, 10));
      expect((await call('adjuster', 'POST', `/api/v1/inquiries/${slow.inquiryId}/close`)).statusCode).toBe(200);
      const late = (await quoteOf(slow.assessmentId)).lines[0]!;
      expect(late).toMatchObject({ needsInquiry: true, chosenSource: null, etaDays: null, ranking: { chosen: null } });
      expect(late.ranking.excluded.map((x) => [x.sourcing?.kind, x.etaDays, x.reasons.map((r) => r.text)])).toEqual([['purchase', 14, ['excluded: delivery in 14 days, policy max 5']]]);

      // With the same airbag on HZ-C's shelf, the same bid arrives in a day.
      const received = await call('hzAdmin', 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, {
        supplierOrgId: orgs.yuetong,
        lines: [{ productId: airbagProducts.yuetong, qty: 2, lotNo: 'YT-AB-1' }],
      });
      expect(received.statusCode, received.body).toBe(201);
      const held = await quotedAirbag(1);
      await call('yuetong', 'POST', `/api/v1/inquiries/${held.inquiryId}/bids`, bidBody('yuetong', 380_000, 10));
      expect((await call('adjuster', 'POST', `/api/v1/inquiries/${held.inquiryId}/close`)).statusCode).toBe(200);
      const q = await quoteOf(held.assessmentId);
      expect(q.lines[0]).toMatchObject({ needsInquiry: false, chosenSource: 'stock', etaDays: 1, approval: { status: 'auto_approved' } });
      expect(q.lines[0]!.ranking.chosen!.reasons.map((r) => r.text)).toContain('in stock at HZ-C, 1 day');
      const zh = (await call('adjuster', 'GET', `/api/v1/assessments/${held.assessmentId}/quote`, undefined, { 'accept-language': 'zh-CN' })).json<Quote>();
      expect(zh.lines[0]!.ranking.chosen!.reasons.map((r) => r.text)).toContain('现货 华东中心仓 1 天');
    });
  });
}
