import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessment, claim } from '../src/modules/claims/tables.ts';
import { procurementPolicy, quoteLine } from '../src/modules/quoting/tables.ts';
import { policyToJson, ProcurementPolicy } from '../src/modules/quoting/rules/index.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// The price check (核价) of a version is made by someone other than whoever assessed or quoted it,
// whatever roles they hold: an admin can give one user, or one API key, both `adjuster` and
// `price_checker`, and that principal must still not approve its own work.

// Every line needs a person: any amount is above the threshold.
const POLICY = ProcurementPolicy.parse({ choose: 'cheapest', approval: { lineAmountAboveFen: 0, claimPartsTotalAboveFen: null, overGuide: false } });

type Version = { claimId: string; assessmentId: string; quoteLineId: string };

for (const kind of databaseKinds()) {
  describe(`separation of duties in the price check on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t);
    const { call, tokens } = users;
    let claimNo = 0;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({ admin: 'admin@picc.demo', adjuster: 'adjuster@picc.demo', checker: 'checker@picc.demo', shop: 'buyer@sh-anda.demo', hzAdmin: 'admin@hz-ops.demo' });
      // A warehouse delivering to the Shanghai shop, so the bumper's offers can be bought for it
      // (quotes rank only what can be delivered).
      const w = await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-C', name: '华东中心仓', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      expect(w.statusCode, w.body).toBe(201);
      await t.database.db.insert(procurementPolicy).values({ insurerOrgId: users.orgs.admin!, policy: policyToJson(POLICY) as Record<string, unknown>, version: 2 });

      // The org admin makes a user and an API key that hold both roles.
      const both = await call('admin', 'POST', '/api/v1/users', { email: 'both@picc.demo', name: '人保 定损兼核价 周敏', password: 'both-roles-2026', roles: ['adjuster', 'price_checker'] });
      expect(both.statusCode, both.body).toBe(201);
      tokens.both = await t.login('both@picc.demo', 'both-roles-2026');
      const key = await call('admin', 'POST', '/api/v1/api-keys', { name: '理赔系统（定损兼核价）', roles: ['adjuster', 'price_checker'] });
      expect(key.statusCode, key.body).toBe(201);
      tokens.key = key.json<{ key: string }>().key;
    });
    afterAll(() => t?.close());

    // A claim with one version of one bumper line, assessed by `assessor`.
    async function assessed(assessor: string): Promise<Omit<Version, 'quoteLineId'>> {
      const filed = await call(assessor, 'POST', '/api/v1/claims', {
        claimNo: `PICC-SOD-${kind}-${++claimNo}`,
        policyNo: 'PDAA202633010000099999',
        accidentDate: '2026-03-14',
        accidentRegionCode: '310115',
        vin: f.sagitarVin,
        plate: '沪A12345',
        repairShopOrgId: users.orgs.shop!,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json<{ id: string }>().id;
      const v1 = await call(assessor, 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }] });
      expect(v1.statusCode, v1.body).toBe(201);
      return { claimId, assessmentId: v1.json<{ id: string }>().id };
    }

    async function quoted(version: Omit<Version, 'quoteLineId'>, quoter: string): Promise<Version> {
      const q = await call(quoter, 'POST', `/api/v1/assessments/${version.assessmentId}/quote`);
      expect(q.statusCode, q.body).toBe(201);
      const line = q.json<{ lines: { id: string; approval: { status: string } }[] }>().lines[0]!;
      expect(line.approval.status).toBe('pending');
      return { ...version, quoteLineId: line.id };
    }

    const approve = (who: string, v: Version, lang = 'en') =>
      call(who, 'POST', `/api/v1/assessments/${v.assessmentId}/approve`, { lines: [{ quoteLineId: v.quoteLineId, action: 'accept' }] }, { 'accept-language': lang });

    // The refusal changed nothing: the line still waits, the version and the claim are still quoted,
    // and no decision reached the audit trail.
    async function expectUnchanged(v: Version): Promise<void> {
      const db = t.database.db;
      const [line] = await db.select().from(quoteLine).where(eq(quoteLine.id, v.quoteLineId));
      expect(line).toMatchObject({ approval: 'pending', approvedBy: null, approvedAt: null });
      const [a] = await db.select({ status: assessment.status }).from(assessment).where(eq(assessment.id, v.assessmentId));
      expect(a?.status).toBe('quoted');
      const [c] = await db.select({ status: claim.status }).from(claim).where(eq(claim.id, v.claimId));
      expect(c?.status).toBe('quoted');
      const decisions = await db
        .select()
        .from(auditEvent)
        .where(and(inArray(auditEvent.objectId, [v.quoteLineId, v.assessmentId, v.claimId]), inArray(auditEvent.action, ['accept', 'correct', 'send_back', 'approve'])));
      expect(decisions).toEqual([]);
    }

    async function expectApprovedBy(who: string, v: Version): Promise<void> {
      const res = await approve(who, v);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ assessmentStatus: 'approved', claimStatus: 'approved' });
      expect(res.json().lines[0].approval).toMatchObject({ status: 'approved', approvedBy: users.users[who] });
    }

    it('refuses a user who assessed the version, in both languages, and lets a second person approve it', async () => {
      const v = await quoted(await assessed('both'), 'both');
      const en = await approve('both', v, 'en');
      expect(en.statusCode).toBe(403);
      expect(en.headers['content-type']).toContain('application/problem+json');
      expect(en.json()).toMatchObject({
        code: 'separation_of_duties',
        title: 'Separation of duties',
        detail: 'You made this version’s assessment yourself; the price check must be made by someone else.',
      });
      const zh = await approve('both', v, 'zh-CN');
      expect(zh.statusCode).toBe(403);
      expect(zh.json()).toMatchObject({ code: 'separation_of_duties', detail: '本版本的定损单是您制作的，核价须由另一人完成。' });
      await expectUnchanged(v);
      await expectApprovedBy('checker', v);
    });

    it('refuses a user who quoted a version someone else assessed', async () => {
      const v = await quoted(await assessed('adjuster'), 'both');
      const res = await approve('both', v);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'separation_of_duties', detail: 'You made this version’s quote yourself; the price check must be made by someone else.' });
      await expectUnchanged(v);
      await expectApprovedBy('checker', v);
    });

    it('counts whoever replaced a draft’s lines as one who assessed it', async () => {
      const draft = await assessed('adjuster');
      const replaced = await call('both', 'PUT', `/api/v1/assessments/${draft.assessmentId}`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 2, operation: 'replace', labourHours: 1 }] });
      expect(replaced.statusCode, replaced.body).toBe(200);
      const v = await quoted(draft, 'adjuster');
      const res = await approve('both', v);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'separation_of_duties', detail: expect.stringContaining('assessment') });
      await expectUnchanged(v);
      await expectApprovedBy('checker', v);
    });

    it('refuses an API key that assessed the version, and one that quoted it', async () => {
      const own = await quoted(await assessed('key'), 'key');
      const byKey = await approve('key', own);
      expect(byKey.statusCode).toBe(403);
      expect(byKey.json()).toMatchObject({ code: 'separation_of_duties', detail: expect.stringContaining('assessment') });
      await expectUnchanged(own);
      await expectApprovedBy('checker', own);

      const quotedByKey = await quoted(await assessed('adjuster'), 'key');
      const again = await approve('key', quotedByKey);
      expect(again.statusCode).toBe(403);
      expect(again.json()).toMatchObject({ code: 'separation_of_duties', detail: expect.stringContaining('quote') });
      await expectUnchanged(quotedByKey);
      await expectApprovedBy('checker', quotedByKey);
    });

    it('counts a key as the person who made it: no one checks their own work through a key', async () => {
      // An administrator who also assesses makes a key that checks prices.
      const lead = await call('admin', 'POST', '/api/v1/users', { email: 'lead@picc.demo', name: '人保 理赔主管 郑强', password: 'lead-roles-2026', roles: ['admin', 'adjuster'] });
      expect(lead.statusCode, lead.body).toBe(201);
      tokens.lead = await t.login('lead@picc.demo', 'lead-roles-2026');
      const made = await call('lead', 'POST', '/api/v1/api-keys', { name: '主管的核价脚本', roles: ['price_checker'] });
      expect(made.statusCode, made.body).toBe(201);
      tokens.leadKey = made.json<{ key: string }>().key;

      const own = await quoted(await assessed('lead'), 'adjuster');
      const byKey = await approve('leadKey', own);
      expect(byKey.statusCode).toBe(403);
      expect(byKey.json()).toMatchObject({ code: 'separation_of_duties', detail: expect.stringContaining('assessment') });
      await expectUnchanged(own);
      // The key checks what its maker had no hand in.
      const other = await approve('leadKey', await quoted(await assessed('adjuster'), 'adjuster'));
      expect(other.statusCode, other.body).toBe(200);
    });

    it('lets a principal holding both roles check a version it had no hand in, and records who it was', async () => {
      const byUser = await quoted(await assessed('adjuster'), 'adjuster');
      const res = await approve('both', byUser);
      expect(res.statusCode, res.body).toBe(200);
      const me = await call('both', 'GET', '/api/v1/me');
      expect(res.json().lines[0].approval.approvedBy).toBe(me.json().user.id);

      // An API key's approval names the key (it used to be left empty, like an automatic one).
      const byKey = await approve('key', await quoted(await assessed('adjuster'), 'adjuster'));
      expect(byKey.statusCode, byKey.body).toBe(200);
      const keyMe = await call('key', 'GET', '/api/v1/me');
      expect(byKey.json().lines[0].approval.approvedBy).toBe(keyMe.json().apiKey.id);
    });
  });
}
