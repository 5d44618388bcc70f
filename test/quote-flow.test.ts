import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offersForParts } from '../src/modules/catalog/index.ts';
import { inquiry, priceGuideEntry, procurementPolicy } from '../src/modules/quoting/tables.ts';
import { policyToJson, ProcurementPolicy } from '../src/modules/quoting/rules/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { newId } from '../src/platform/ids.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// PICC's rules for this test: airbags (safety) only genuine; a car under 3 years old only oem, oes
// or certified; delivery within 6 days; a human checks a line above ¥1,000 or a claim above
// ¥10,000; the shop earns 5 % on certified parts. The guide caps the VW bumper's oes and
// certified grades at 70 % of its OE price (¥1,200 → ¥840), so the ¥904 oes offer is over it.
//
// The world delivers: one central warehouse (HZ-C, Hangzhou) reaches the Shanghai shop in a day and
// holds the certified bumper; the other products would be bought from their suppliers (Guangzhou,
// Changchun: lead time + 3 days inbound + 1 day to the shop).
const POLICY = ProcurementPolicy.parse({
  byCategory: { safety: ['oem'] },
  byVehicleAge: [
    { fromYears: 0, underYears: 3, grades: ['oem', 'oes', 'certified'] },
    { fromYears: 3, underYears: null, grades: ['oem', 'oes', 'certified', 'aftermarket', 'recycled'] },
  ],
  choose: 'cheapest',
  maxLeadTimeDays: 6,
  approval: { lineAmountAboveFen: 100_000, claimPartsTotalAboveFen: 1_000_000, overGuide: true },
  handlingFeeBp: { certified: 500 },
});

type Reason = { code: string; text: string };
type Candidate = {
  offerId: string;
  grade: string;
  priceFen: number;
  lineAmountFen: number;
  reasons: Reason[];
  etaDays: number | null;
  sourcing: { kind: string; etaDays: number | null; warehouse: { code: string } | null } | null;
};
type Line = {
  id: string;
  lineNo: number;
  partId: string | null;
  needsInquiry: boolean;
  chosenSource: string | null;
  etaDays: number | null;
  oeReferenceFen: number | null;
  ranking: { guideCapFen: number | null; chosen: Candidate | null; runnersUp: Candidate[]; excluded: Candidate[]; inquiries: { id: string }[] } | null;
  approval: Record<string, unknown> & { status: string; reasons: Reason[] };
};
type Quote = Record<string, unknown> & { id: string; lines: Line[]; view: string };

for (const kind of databaseKinds()) {
  describe(`quote and price check on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    let shopId: string;
    let piccOrgId: string;

    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call } = users;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      const logins = { adjuster: 'adjuster@picc.demo', checker: 'checker@picc.demo', cpic: 'adjuster@cpic.demo', shop: 'buyer@sh-anda.demo', hzAdmin: 'admin@hz-ops.demo' };
      await users.signIn(logins);
      const w = await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-C', name: '华东中心仓', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      expect(w.statusCode, w.body).toBe(201);
      const received = await call('hzAdmin', 'POST', `/api/v1/warehouses/${w.json().id}/receipts`, {
        supplierOrgId: f.suppliers.anxin,
        lines: [{ productId: f.products.certified.id, qty: 5, lotNo: 'AX-1' }],
      });
      expect(received.statusCode, received.body).toBe(201);
      shopId = users.orgs.shop!;
      piccOrgId = users.orgs.adjuster!;
      await t.database.db.insert(procurementPolicy).values({ insurerOrgId: piccOrgId, policy: policyToJson(POLICY) as Record<string, unknown>, version: 3 });
      await t.database.db.insert(priceGuideEntry).values({
        id: newId(),
        insurerOrgId: piccOrgId,
        scope: 'part',
        partId: f.parts.vwBumper.id,
        guideKey: `part|${f.parts.vwBumper.id}|*`,
        caps: { oes: { bp: 7000 }, certified: { bp: 7000 }, aftermarket: { bp: 5000 } },
      });
    });
    afterAll(() => t?.close());

    it('reads the offers of several parts in one query, by region', async () => {
      const day = chinaDate(new Date());
      const shanghai = await offersForParts(t.database.db, { partIds: [f.parts.vwBumper.id, f.parts.vwAirbag.id], regionCode: '310115', day });
      expect(shanghai.get(f.parts.vwAirbag.id)).toEqual([]);
      // Best grade first, then cheapest; the Sichuan certified offer and the expired one are not here.
      expect(shanghai.get(f.parts.vwBumper.id)!.map((o) => [o.offerId, o.grade, o.priceFen])).toEqual([
        [f.offers.oem.id, 'oem', 118_000n],
        [f.offers.oes.id, 'oes', 90_400n],
        [f.offers.certified.id, 'certified', 79_100n],
        [f.offers.aftermarket.id, 'aftermarket', 56_500n],
      ]);
      const sichuan = await offersForParts(t.database.db, { partIds: [f.parts.vwBumper.id], regionCode: '510104', day });
      expect(sichuan.get(f.parts.vwBumper.id)!.find((o) => o.grade === 'certified')).toMatchObject({
        offerId: f.offers.certifiedSichuan.id,
        priceFen: 82_000n,
        certification: { validTo: '2027-12-31' },
      });
    });

    it('quotes, checks and approves a claim and its supplement over HTTP', async () => {
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `PICC-Q-${kind}`,
        policyNo: 'PDAA202633010000099999',
        accidentDate: '2026-03-14',
        accidentRegionCode: '310115',
        vin: f.sagitarVin,
        plate: '沪A12345',
        repairShopOrgId: shopId,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json().id as string;
      const v1Res = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, {
        lines: [
          { partId: f.parts.vwBumper.id, quantity: 2, operation: 'replace', labourHours: 1.5 },
          { partId: f.parts.vwAirbag.id, quantity: 1, operation: 'replace', labourHours: 1 },
          { description: '前保险杠支架', quantity: 1, operation: 'repair', labourHours: 2 },
        ],
      });
      expect(v1Res.statusCode, v1Res.body).toBe(201);
      const v1 = v1Res.json().id as string;

      // Only the claim's own insurer quotes it; a stranger does not learn that it exists.
      expect((await call('cpic', 'POST', `/api/v1/assessments/${v1}/quote`)).statusCode).toBe(404);
      expect((await call('shop', 'POST', `/api/v1/assessments/${v1}/quote`)).statusCode).toBe(403);

      const key = { 'idempotency-key': `quote-${kind}-v1` };
      const res = await call('adjuster', 'POST', `/api/v1/assessments/${v1}/quote`, undefined, key);
      expect(res.statusCode, res.body).toBe(201);
      const q = res.json<Quote>();
      expect(q).toMatchObject({ assessmentId: v1, claimId, version: 1, view: 'insurer', assessmentStatus: 'quoted', claimStatus: 'quoted', deliveryRegionCode: '310115', policyVersion: 3 });
      // The VIN's model year is 2024 and the accident 2026: two years old.
      expect(q.vehicle).toEqual({ modelYear: 2024, ageYears: 2, valueFen: null });
      expect(q.notQuoted).toEqual([expect.objectContaining({ lineNo: 3, reason: 'repair_only' })]);

      const [bumper, airbag] = q.lines;
      expect(q.lines).toHaveLength(2);
      // The bumper: the cheapest allowed grade is certified (aftermarket is not allowed on a
      // two-year-old car, the oes offer is over the guide), the oem offer is the runner-up; the
      // excluded offers follow in the same order, cheapest first.
      // It is in stock at HZ-C, a day from the shop; the oem runner-up would be bought in Guangzhou.
      expect(bumper!.ranking!.chosen).toMatchObject({
        offerId: f.offers.certified.id,
        grade: 'certified',
        priceFen: 79_100,
        lineAmountFen: 158_200,
        etaDays: 1,
        sourcing: { kind: 'stock', etaDays: 1, warehouse: { code: 'HZ-C' } },
      });
      expect(bumper!.ranking!.chosen!.reasons.map((r) => r.text)).toEqual(['cheapest allowed certified', 'in stock at HZ-C, 1 day']);
      expect(bumper).toMatchObject({ chosenSource: 'stock', etaDays: 1 });
      expect(bumper!.ranking!.runnersUp.map((c) => [c.offerId, c.reasons.map((r) => r.text), c.sourcing?.kind, c.etaDays])).toEqual([[f.offers.oem.id, ['runner-up #2'], 'purchase', 1 + 3 + 1]]);
      expect(bumper!.ranking!.excluded.map((c) => [c.grade, c.reasons.map((r) => r.text)])).toEqual([
        ['aftermarket', ['excluded: aftermarket not allowed for a vehicle 2 years old']],
        ['oes', ['excluded: over guide by 8 %']],
      ]);
      expect(bumper).toMatchObject({ oeReferenceFen: 120_000, needsInquiry: false, ranking: { guideCapFen: 84_000 } });
      // ¥1,582 is above the ¥1,000 a line may reach without a checker.
      expect(bumper!.approval).toMatchObject({ status: 'pending', amountFen: null, reasons: [{ code: 'approval_line_amount' }] });
      // The airbag: no offer at all, so it goes out as an inquiry.
      expect(airbag).toMatchObject({
        partId: f.parts.vwAirbag.id,
        needsInquiry: true,
        chosenSource: null,
        etaDays: null,
        ranking: { chosen: null, runnersUp: [], excluded: [] },
        approval: { status: 'pending' },
      });
      expect(airbag!.ranking!.inquiries).toHaveLength(1);
      expect(q.needsInquiryLineIds).toEqual([airbag!.id]);
      expect(q.pendingLineIds).toEqual([bumper!.id, airbag!.id]);
      // Quoted: 2 × ¥791 against 2 × ¥1,200 OE, VAT 13 % inside.
      expect(q.quoted).toEqual({ amountFen: 158_200, vatFen: 18_200, netFen: 140_000, referenceFen: 240_000, savingFen: 81_800, savingBp: 3408 });
      const [inq] = await t.database.db.select().from(inquiry).where(eq(inquiry.quoteLineId, airbag!.id));
      expect(inq).toMatchObject({ claimId, partId: f.parts.vwAirbag.id, quantity: 1, status: 'open', deliveryRegionCode: '310115' });

      // The same key replays the answer; another quote of the frozen version is refused.
      const replay = await call('adjuster', 'POST', `/api/v1/assessments/${v1}/quote`, undefined, key);
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json().id).toBe(q.id);
      const again = await call('adjuster', 'POST', `/api/v1/assessments/${v1}/quote`);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'invalid_state' });

      // Reads: the insurer by quote or by assessment; the shop without the ranking; no stranger.
      const byId = await call('adjuster', 'GET', `/api/v1/quotes/${q.id}`);
      expect(byId.statusCode).toBe(200);
      expect(byId.json()).toEqual((await call('adjuster', 'GET', `/api/v1/assessments/${v1}/quote`)).json());
      expect(byId.json().lines[0].ranking.chosen.reasons[0].text).toBe('cheapest allowed certified');
      const zh = await call('adjuster', 'GET', `/api/v1/quotes/${q.id}`, undefined, { 'accept-language': 'zh-CN' });
      expect(zh.json().lines[0].ranking.chosen.reasons.map((r: Reason) => r.text)).toEqual(['允许等级中最便宜的认证件', '现货 华东中心仓 1 天']);
      expect((await call('cpic', 'GET', `/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
      expect((await call('cpic', 'GET', `/api/v1/assessments/${v1}/quote`)).statusCode).toBe(404);
      const shopView = await call('shop', 'GET', `/api/v1/assessments/${v1}/quote`);
      expect(shopView.statusCode).toBe(200);
      // The shop learns when its parts would come, not who else offered them.
      expect(shopView.json()).toMatchObject({ view: 'shop', quoted: null, lines: [{ ranking: null, chosenSource: 'stock', etaDays: 1 }, { ranking: null }] });

      // The price check: only the insurer's price checker decides what needs a human.
      const decisions = {
        lines: [
          { quoteLineId: bumper!.id, action: 'accept' },
          { quoteLineId: airbag!.id, action: 'correct', priceCapFen: 420_000 },
        ],
      };
      expect((await call('adjuster', 'POST', `/api/v1/assessments/${v1}/approve`, decisions)).statusCode).toBe(403);
      expect((await call('shop', 'POST', `/api/v1/assessments/${v1}/approve`, decisions)).statusCode).toBe(403);
      expect((await call('cpic', 'POST', `/api/v1/assessments/${v1}/approve`, decisions)).statusCode).toBe(404);
      const unknown = await call('checker', 'POST', `/api/v1/assessments/${v1}/approve`, { lines: [{ quoteLineId: newId(), action: 'accept' }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toMatchObject([{ path: 'lines.0.quoteLineId', code: 'unknown_reference' }]);

      const approved = await call('checker', 'POST', `/api/v1/assessments/${v1}/approve`, decisions);
      expect(approved.statusCode, approved.body).toBe(200);
      const a = approved.json<Quote>();
      expect(a).toMatchObject({ assessmentStatus: 'approved', claimStatus: 'approved', pendingLineIds: [] });
      expect(a.lines[0]!.approval).toMatchObject({
        status: 'approved',
        offerId: f.offers.certified.id,
        grade: 'certified',
        unitFen: 79_100,
        amountFen: 158_200,
        vatFen: 18_200,
        savingFen: 81_800,
        savingBp: 3408,
        handlingFeeFen: 7_910,
        approvedBy: expect.any(String),
        approvedAt: expect.any(String),
      });
      // A cap on a line nothing filled: the insurer pays at most ¥4,200 against the ¥4,500 OE price.
      expect(a.lines[1]!.approval).toMatchObject({
        status: 'corrected',
        offerId: null,
        grade: null,
        unitFen: 420_000,
        amountFen: 420_000,
        vatFen: 48_319,
        savingFen: 30_000,
        savingBp: 667,
        handlingFeeFen: 0,
      });
      expect(a.approved).toEqual({ amountFen: 578_200, vatFen: 66_519, netFen: 511_681, referenceFen: 690_000, savingFen: 111_800, savingBp: 1620, handlingFeeFen: 7_910 });
      expect(a.claimApproved).toEqual(a.approved);
      // Decided by the cap, the airbag no longer waits on suppliers: its inquiry is withdrawn.
      expect(a.needsInquiryLineIds).toEqual([]);
      const [airbagInquiry] = await t.database.db.select().from(inquiry).where(eq(inquiry.quoteLineId, airbag!.id));
      expect(airbagInquiry).toMatchObject({ status: 'withdrawn', withdrawnReason: 'decided by price check' });
      expect((await call('checker', 'POST', `/api/v1/assessments/${v1}/approve`, decisions)).statusCode).toBe(409);
      // The shop sees what it earns on each line.
      const shopAfter = (await call('shop', 'GET', `/api/v1/quotes/${q.id}`)).json<Quote>();
      expect(shopAfter.lines.map((l) => [l.approval.amountFen, l.approval.handlingFeeFen])).toEqual([
        [158_200, 7_910],
        [420_000, 0],
      ]);

      // A supplement after teardown: its own quote, only its own line, inside every threshold
      // (¥791, and ¥6,573 for the claim), so it is approved automatically and the claim with it.
      const v2Res = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 0.5 }] });
      expect(v2Res.statusCode, v2Res.body).toBe(201);
      const v2 = v2Res.json().id as string;
      const q2Res = await call('adjuster', 'POST', `/api/v1/assessments/${v2}/quote`);
      expect(q2Res.statusCode, q2Res.body).toBe(201);
      const q2 = q2Res.json<Quote>();
      expect(q2).toMatchObject({ version: 2, assessmentStatus: 'approved', claimStatus: 'approved', pendingLineIds: [] });
      expect(q2.lines).toHaveLength(1);
      expect(q2.lines[0]!.approval).toMatchObject({
        status: 'auto_approved',
        approvedBy: null,
        amountFen: 79_100,
        handlingFeeFen: 3_955,
        reasons: [{ code: 'auto_approved', text: 'auto-approved: within the policy’s thresholds' }],
      });
      expect(q2.claimApproved).toMatchObject({ amountFen: 657_300, referenceFen: 810_000, savingFen: 152_700, handlingFeeFen: 11_865 });
      expect((await call('checker', 'POST', `/api/v1/assessments/${v2}/approve`, { lines: [{ quoteLineId: q2.lines[0]!.id, action: 'accept' }] })).statusCode).toBe(409);

      // Every move is in the audit trail: quoted and approved, version by version, and the claim.
      const audit = await t.database.db
        .select({ objectType: auditEvent.objectType, objectId: auditEvent.objectId, action: auditEvent.action, fromState: auditEvent.fromState, toState: auditEvent.toState })
        .from(auditEvent)
        .where(and(inArray(auditEvent.objectId, [claimId, v1, v2, q.id, q2.id, bumper!.id, airbag!.id]), inArray(auditEvent.action, ['quote', 'approve', 'accept', 'correct', 'create'])))
        .orderBy(asc(auditEvent.at), asc(auditEvent.id));
      const trail = audit.map((r) => `${r.objectType}:${r.action}:${r.fromState ?? ''}>${r.toState ?? ''}`);
      expect(trail).toEqual(
        expect.arrayContaining([
          'assessment:quote:draft>quoted',
          'claim:quote:assessing>quoted',
          'quote:create:>',
          'quote_line:accept:pending>approved',
          'quote_line:correct:pending>corrected',
          'assessment:approve:quoted>approved',
          'claim:approve:quoted>approved',
        ]),
      );
      expect(trail.filter((s) => s === 'claim:approve:quoted>approved')).toHaveLength(2);
      expect(trail.filter((s) => s === 'assessment:approve:quoted>approved')).toHaveLength(2);
      const claimAfter = (await call('adjuster', 'GET', `/api/v1/claims/${claimId}`)).json();
      expect(claimAfter.status).toBe('approved');
    });
  });
}
