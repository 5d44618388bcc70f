import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, DEFAULT_POLICY_JSON, loadInsurerRules } from '../src/modules/quoting/insurer-rules/index.ts';
import { resolveGuide } from '../src/modules/quoting/rules/index.ts';
import { priceGuideEntry, procurementPolicy } from '../src/modules/quoting/tables.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// The insurer's rules through the HTTP API: the default policy, policy versions and their audit
// trail, price guide entries upserted by natural key, the all-or-nothing CSV import, the loader the
// quote command uses, and isolation between insurers and from everyone else.

const POLICY = {
  byCategory: { safety: ['oem'], glass: ['oem', 'oes', 'certified'] },
  byVehicleAge: [
    { fromYears: 0, underYears: 3, grades: ['oem', 'oes'] },
    { fromYears: 3, underYears: null, grades: ['oem', 'oes', 'certified', 'aftermarket', 'recycled'] },
  ],
  byVehiclePrice: [
    { fromFen: 0, underFen: 10_000_000, grades: ['oes', 'certified', 'aftermarket', 'recycled'] },
    { fromFen: 10_000_000, underFen: null, grades: ['oem', 'oes', 'certified'] },
  ],
  choose: 'preferred_grade_first',
  preferredGrades: ['certified', 'oes', 'oem', 'aftermarket', 'recycled'],
  maxLeadTimeDays: 3,
  approval: { lineAmountAboveFen: 300_000, claimPartsTotalAboveFen: 1_500_000, overGuide: true },
  handlingFeeBp: { certified: 500, aftermarket: 800 },
};

// Row 2 and 3 are fine; every other row has something wrong, several of them more than one thing.
const BAD_GUIDE = [
  'oe_no,category,region_code,oe_reference_fen,certified_bp,aftermarket_max_fen',
  '5G1 941 005 C,,,380000,7000,',
  ',lighting,510000,,7200,',
  'NOPE-404,,,,7000,',
  '5G0 880 201 H,safety,,,,',
  ',glass,999999,,,',
  '5G1-941-005C,,,,12000,',
  ',engine,,100,,abc',
].join('\n');

const GOOD_GUIDE = [
  'OE_NO,category,region_code,oe_reference_fen,oem_bp,oes_bp,certified_bp,aftermarket_max_fen,recycled_max_fen',
  '5G1 941 005 C,,,380000,,9000,7000,200000,',
  '5G1 941 005 C,,330000,,,,6800,,',
  ',lighting,,,,9500,7500,,',
  '16400-0V140,,440000,,,,,,50000',
].join('\r\n');

for (const kind of databaseKinds()) {
  describe(`insurer rules on ${kind}`, () => {
    let t: TestApp;
    let fx: CatalogFixture;
    let piccAdmin: string;
    let piccChecker: string;
    let piccAdjuster: string;
    let cpicAdmin: string;
    let supplier: string;
    let platform: string;
    let piccOrgId: string;
    let cpicOrgId: string;
    let supplierOrgId: string;
    let keyNo = 0;

    const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
    const send = (token: string, method: 'PUT' | 'DELETE', url: string, payload?: unknown, key = `rules-${kind}-${++keyNo}`) =>
      t.app.inject({ method, url, headers: { ...bearer(token), 'idempotency-key': key }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const importCsv = (token: string, csv: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/insurer/price-guide/imports',
        headers: { ...bearer(token), 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="guide.csv"' },
        payload: csv,
      });
    const orgIdOf = async (token: string) => (await get(token, '/api/v1/me')).json<{ org: { id: string } }>().org.id;
    const entryCount = async (insurerOrgId: string) => (await t.database.db.select({ n: count() }).from(priceGuideEntry).where(eq(priceGuideEntry.insurerOrgId, insurerOrgId)))[0]!.n;
    const paths = (body: { errors: { path: string; code: string }[] }) => body.errors.map((e) => [e.path, e.code]);

    beforeAll(async () => {
      t = await startTestApp(kind);
      fx = await loadCatalogFixture(t.database.db);
      piccAdmin = await t.login('admin@picc.demo');
      piccChecker = await t.login('checker@picc.demo');
      piccAdjuster = await t.login('adjuster@picc.demo');
      cpicAdmin = await t.login('admin@cpic.demo');
      supplier = await t.login('sales@anxin.demo');
      platform = await t.login('admin@anpei.demo');
      piccOrgId = await orgIdOf(piccAdmin);
      cpicOrgId = await orgIdOf(cpicAdmin);
      supplierOrgId = await orgIdOf(supplier);
    });
    afterAll(() => t?.close());

    it('an insurer without a policy works under the default one, version null', async () => {
      const res = await get(piccAdmin, '/api/v1/insurer/policy');
      expect(res.statusCode, res.body).toBe(200);
      // Delivery days are not priced by default.
      expect(res.json()).toEqual({ insurerOrgId: piccOrgId, version: null, isDefault: true, policy: { ...DEFAULT_POLICY_JSON, deliveryDayValueFen: null }, updatedBy: null, updatedAt: null });
      expect(res.json().policy.approval).toEqual({ lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true });
      // Adjusters read their insurer's rules (to see why an offer was excluded) but do not write them.
      expect((await get(piccAdjuster, '/api/v1/insurer/policy')).statusCode).toBe(200);
      const rules = await loadInsurerRules(t.database.db, piccOrgId, { partIds: [], categories: [] });
      expect(rules).toEqual({ policy: DEFAULT_POLICY, policyVersion: null, guide: [] });
    });

    it('PUT then GET round-trips the policy: integers outside, bigints inside, one version per change', async () => {
      const first = await send(piccChecker, 'PUT', '/api/v1/insurer/policy', POLICY, `policy-${kind}-1`);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ insurerOrgId: piccOrgId, version: 1, isDefault: false, policy: POLICY });
      expect((await get(piccAdmin, '/api/v1/insurer/policy')).json()).toEqual(first.json());

      // The same key and body replays the stored answer; the same policy under a new key changes nothing.
      const replay = await send(piccChecker, 'PUT', '/api/v1/insurer/policy', POLICY, `policy-${kind}-1`);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(first.json());
      expect((await send(piccAdmin, 'PUT', '/api/v1/insurer/policy', POLICY)).json()).toMatchObject({ version: 1 });

      // Unpriced delivery days read as null and are not stored; a day worth ¥20 a unit is.
      expect(first.json().policy.deliveryDayValueFen).toBeNull();
      const second = await send(piccAdmin, 'PUT', '/api/v1/insurer/policy', { ...POLICY, maxLeadTimeDays: 5, deliveryDayValueFen: 2_000 });
      expect(second.json()).toMatchObject({ version: 2, policy: { maxLeadTimeDays: 5, deliveryDayValueFen: 2_000 } });

      const [row] = await t.database.db.select().from(procurementPolicy).where(eq(procurementPolicy.insurerOrgId, piccOrgId));
      expect(row).toMatchObject({ version: 2, policy: { ...POLICY, maxLeadTimeDays: 5, deliveryDayValueFen: 2_000 } });
      const rules = await loadInsurerRules(t.database.db, piccOrgId, { partIds: [], categories: [] });
      expect(rules.policyVersion).toBe(2);
      expect(rules.policy.byVehiclePrice[1]).toEqual({ fromFen: 10_000_000n, underFen: null, grades: ['oem', 'oes', 'certified'] });
      expect(rules.policy.approval.lineAmountAboveFen).toBe(300_000n);
      expect(rules.policy.deliveryDayValueFen).toBe(2_000n);

      const audits = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'procurement_policy'), eq(auditEvent.objectId, piccOrgId)))
        .orderBy(auditEvent.id);
      expect(audits.map((a) => [a.action, a.fromState, a.toState, a.orgId])).toEqual([
        ['create', 'default', '1', piccOrgId],
        ['update', '1', '2', piccOrgId],
      ]);
      expect(audits[1]!.data).toMatchObject({ fromVersion: 1, toVersion: 2, policy: { maxLeadTimeDays: 5 } });

      // Another insurer still works under the default; the platform's admin reads either by name.
      expect((await get(cpicAdmin, '/api/v1/insurer/policy')).json()).toMatchObject({ insurerOrgId: cpicOrgId, version: null, isDefault: true });
      expect((await get(platform, `/api/v1/insurer/policy?insurerOrgId=${piccOrgId}`)).json()).toMatchObject({ version: 2 });
    });

    it('an invalid policy is refused with every field named, and changes nothing', async () => {
      const res = await send(piccAdmin, 'PUT', '/api/v1/insurer/policy', {
        ...POLICY,
        choose: 'random',
        maxLeadTimeDays: -1,
        deliveryDayValueFen: -5,
        approval: { lineAmountAboveFen: 12.5, overGuide: 'yes' },
        byVehiclePrice: [{ fromFen: 500, underFen: 100, grades: ['oem'] }],
        colour: 'red',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(paths(res.json())).toEqual(
        expect.arrayContaining([
          ['choose', 'invalid_value'],
          ['maxLeadTimeDays', 'too_small_number'],
          ['deliveryDayValueFen', 'too_small_number'],
          ['approval.lineAmountAboveFen', 'invalid_type'],
          ['approval.claimPartsTotalAboveFen', 'required'],
          ['approval.overGuide', 'invalid_type'],
          ['colour', 'unknown_field'],
        ]),
      );
      expect((await get(piccAdmin, '/api/v1/insurer/policy')).json().version).toBe(2);
    });

    it('a guide entry is upserted by its part (or category) and region: a second PUT updates it', async () => {
      const entry = { partId: fx.parts.vwBumper.id, regionCode: '330000', oeReferenceFen: 118_000, caps: { certified: { bp: 7000 }, aftermarket: { maxFen: 50_000 } } };
      const first = await send(piccChecker, 'PUT', '/api/v1/insurer/price-guide/entries', entry);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        outcome: 'inserted',
        entry: { scope: 'part', partId: fx.parts.vwBumper.id, oeNo: '5G0 807 221 B', regionCode: '330000', guideKey: `part:${fx.parts.vwBumper.id}|330000`, oeReferenceFen: 118_000, caps: entry.caps },
      });
      const id = first.json().entry.id;

      const changed = { ...entry, caps: { certified: { bp: 6500 }, aftermarket: { maxFen: 50_000 } } };
      const second = await send(piccChecker, 'PUT', '/api/v1/insurer/price-guide/entries', changed);
      expect(second.json()).toMatchObject({ outcome: 'updated', entry: { id, caps: changed.caps } });
      // Caps in another key order are the same caps.
      const same = await send(piccAdmin, 'PUT', '/api/v1/insurer/price-guide/entries', { ...changed, caps: { aftermarket: { maxFen: 50_000 }, certified: { bp: 6500 } } });
      expect(same.json()).toMatchObject({ outcome: 'unchanged', entry: { id } });

      const listed = await get(piccAdmin, `/api/v1/insurer/price-guide?partId=${fx.parts.vwBumper.id}`);
      expect(listed.json()).toEqual({ items: [second.json().entry], nextCursor: null });
      const audits = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'price_guide_entry'), eq(auditEvent.objectId, id)));
      expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);

      const category = await send(piccAdmin, 'PUT', '/api/v1/insurer/price-guide/entries', { category: 'body', caps: { certified: { bp: 7500 } } });
      expect(category.json()).toMatchObject({ outcome: 'inserted', entry: { scope: 'category', category: 'body', regionCode: null, guideKey: 'category:body|*', oeReferenceFen: null } });
      expect((await get(piccAdmin, '/api/v1/insurer/price-guide?category=body&regionCode=*')).json().items).toHaveLength(1);
    });

    it('a guide entry must name one existing part or a category, and a GB/T 2260 region', async () => {
      const cases: [unknown, [string, string][]][] = [
        [{ partId: '01900000-0000-7000-8000-0000000000aa', caps: {} }, [['partId', 'unknown_reference']]],
        [{ category: 'glass', regionCode: '999999', caps: {} }, [['regionCode', 'region_unknown']]],
        [{ caps: {} }, [['partId', 'required']]],
        [{ partId: fx.parts.vwAirbag.id, category: 'safety', caps: {} }, [['category', 'unknown_field']]],
        [{ category: 'glass', oeReferenceFen: 100, caps: {} }, [['oeReferenceFen', 'unknown_field']]],
        [{ category: 'glass', caps: { oem: { bp: 10_001 } } }, [['caps.oem.bp', 'too_big_number']]],
      ];
      for (const [payload, errors] of cases) {
        const res = await send(piccAdmin, 'PUT', '/api/v1/insurer/price-guide/entries', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(paths(res.json()), JSON.stringify(payload)).toEqual(errors);
      }
      const unknown = await send(piccAdmin, 'PUT', '/api/v1/insurer/price-guide/entries', cases[0]![0]);
      expect(unknown.json().errors[0].message).toBe('引用的配件不存在：01900000-0000-7000-8000-0000000000aa');
    });

    it('a CSV file with bad rows is refused whole, with every row and column, and nothing is stored', async () => {
      const before = await entryCount(piccOrgId);
      const res = await importCsv(piccAdmin, BAD_GUIDE);
      expect(res.statusCode, res.body).toBe(422);
      const problem = res.json();
      expect(problem.code).toBe('import_rejected');
      expect(paths(problem)).toEqual([
        ['rows.4.oe_no', 'unknown_reference'],
        ['rows.5.category', 'unknown_field'],
        ['rows.6.region_code', 'region_unknown'],
        ['rows.7.oe_no', 'duplicate_in_file'],
        ['rows.7.certified_bp', 'too_big_number'],
        ['rows.8.oe_reference_fen', 'unknown_field'],
        ['rows.8.aftermarket_max_fen', 'invalid_format'],
      ]);
      expect(problem.errors[3].message).toBe('与第 2 行重复');
      expect(await entryCount(piccOrgId)).toBe(before);

      const header = await importCsv(piccAdmin, 'region_code,oem_bp,colour\n330000,9000,red\n');
      expect(paths(header.json())).toEqual([
        ['rows.1.colour', 'unknown_field'],
        ['rows.1.oe_no', 'required'],
      ]);
    });

    it('a good file is imported by natural key; importing it again changes nothing', async () => {
      const before = await entryCount(piccOrgId);
      const first = await importCsv(piccChecker, `\uFEFF${GOOD_GUIDE}`);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ rows: 4, inserted: 4, updated: 0, unchanged: 0 });
      expect(await entryCount(piccOrgId)).toBe(before + 4);

      expect((await importCsv(piccChecker, GOOD_GUIDE)).json()).toEqual({ rows: 4, inserted: 0, updated: 0, unchanged: 4 });
      const edited = GOOD_GUIDE.replace(',lighting,,,,9500,7500,,', ',lighting,,,,9500,7400,,');
      expect((await importCsv(piccChecker, edited)).json()).toEqual({ rows: 4, inserted: 0, updated: 1, unchanged: 3 });
      expect(await entryCount(piccOrgId)).toBe(before + 4);

      const headlamp = (await get(piccAdmin, `/api/v1/insurer/price-guide?partId=${fx.parts.vwHeadlamp.id}&regionCode=*`)).json().items;
      expect(headlamp).toEqual([expect.objectContaining({ oeReferenceFen: 380_000, caps: { oes: { bp: 9000 }, certified: { bp: 7000 }, aftermarket: { maxFen: 200_000 } } })]);
      const audits = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'price_guide_import'), eq(auditEvent.orgId, piccOrgId)));
      expect(audits.map((a) => a.data)).toEqual([
        expect.objectContaining({ rows: 4, inserted: 4, unchanged: 0, fileName: 'guide.csv' }),
        expect.objectContaining({ rows: 4, inserted: 0, unchanged: 4 }),
        expect.objectContaining({ rows: 4, updated: 1, unchanged: 3 }),
      ]);
    });

    it('loadInsurerRules returns the policy and only the guide entries that could apply', async () => {
      // Another insurer's entry for the same part must never leak into PICC's quotes.
      const cpic = await send(cpicAdmin, 'PUT', '/api/v1/insurer/price-guide/entries', { partId: fx.parts.vwBumper.id, caps: { certified: { bp: 5000 } } });
      expect(cpic.json().outcome).toBe('inserted');

      const { db } = t.database;
      const scope = { partIds: [fx.parts.vwBumper.id, fx.parts.vwHeadlamp.id, fx.parts.vwBumper.id], categories: ['body', 'lighting'] as const };
      const rules = await loadInsurerRules(db, piccOrgId, { partIds: scope.partIds, categories: [...scope.categories] });
      expect(rules.policyVersion).toBe(2);
      const keyOf = (e: (typeof rules.guide)[number]) => `${e.scope === 'part' ? e.partId : e.category}|${e.regionCode ?? '*'}`;
      expect(rules.guide.map(keyOf).sort()).toEqual([`${fx.parts.vwBumper.id}|330000`, `${fx.parts.vwHeadlamp.id}|*`, `${fx.parts.vwHeadlamp.id}|330000`, 'body|*', 'lighting|*'].sort());
      expect(rules.guide.find((e) => e.scope === 'part' && e.partId === fx.parts.vwBumper.id)).toEqual({
        scope: 'part',
        partId: fx.parts.vwBumper.id,
        regionCode: '330000',
        oeReferenceFen: 118_000n,
        caps: { certified: { bp: 6500 }, aftermarket: { maxFen: 50_000n } },
      });

      // With the delivery region, entries of other regions stay out: Chengdu is not in Zhejiang.
      const chengdu = await loadInsurerRules(db, piccOrgId, { partIds: scope.partIds, categories: [...scope.categories], regionCode: '510100' });
      expect(chengdu.guide.map(keyOf).sort()).toEqual([`${fx.parts.vwHeadlamp.id}|*`, 'body|*', 'lighting|*'].sort());

      // What the quote then does with them: Hangzhou gets the Zhejiang cap on the catalog OE price.
      const guide = resolveGuide(rules.guide, { partId: fx.parts.vwHeadlamp.id, category: 'lighting', regionCode: '330100', partOePriceFen: 380_000n });
      expect(guide.source).toBe('part_region');
      expect(guide.capsFen.certified).toBe(258_400n);

      const cpicRules = await loadInsurerRules(db, cpicOrgId, { partIds: scope.partIds, categories: [...scope.categories] });
      expect(cpicRules).toMatchObject({ policy: DEFAULT_POLICY, policyVersion: null });
      expect(cpicRules.guide.map(keyOf)).toEqual([`${fx.parts.vwBumper.id}|*`]);
    });

    it('insurers never see each other’s rules; only admins and price checkers write; others are refused', async () => {
      const picc = (await get(piccAdmin, '/api/v1/insurer/price-guide?limit=200')).json().items as { id: string }[];
      const cpic = (await get(cpicAdmin, '/api/v1/insurer/price-guide?limit=200')).json().items as { id: string }[];
      expect(picc.length).toBeGreaterThan(3);
      expect(cpic).toHaveLength(1);
      const piccIds = new Set(picc.map((e) => e.id));
      expect(cpic.some((e) => piccIds.has(e.id))).toBe(false);
      const target = picc[0]!.id;

      // A foreign entry is not found, exactly like a missing one; so is a foreign insurer named.
      expect((await send(cpicAdmin, 'DELETE', `/api/v1/insurer/price-guide/entries/${target}`)).statusCode).toBe(404);
      expect((await get(cpicAdmin, `/api/v1/insurer/policy?insurerOrgId=${piccOrgId}`)).statusCode).toBe(404);
      expect((await get(cpicAdmin, `/api/v1/insurer/price-guide?insurerOrgId=${piccOrgId}`)).statusCode).toBe(404);

      // PICC's adjuster reads but does not write.
      expect((await get(piccAdjuster, '/api/v1/insurer/price-guide')).statusCode).toBe(200);
      expect((await send(piccAdjuster, 'PUT', '/api/v1/insurer/policy', POLICY)).statusCode).toBe(403);
      expect((await send(piccAdjuster, 'PUT', '/api/v1/insurer/price-guide/entries', { category: 'glass', caps: {} })).statusCode).toBe(403);
      expect((await send(piccAdjuster, 'DELETE', `/api/v1/insurer/price-guide/entries/${target}`)).statusCode).toBe(403);
      expect((await importCsv(piccAdjuster, GOOD_GUIDE)).statusCode).toBe(403);

      // A supplier sees nothing of any insurer's rules: the guide is what it would price up to.
      for (const url of ['/api/v1/insurer/policy', '/api/v1/insurer/price-guide', `/api/v1/insurer/policy?insurerOrgId=${piccOrgId}`]) {
        expect((await get(supplier, url)).statusCode, url).toBe(403);
      }
      expect((await send(supplier, 'PUT', '/api/v1/insurer/policy', POLICY)).statusCode).toBe(403);
      expect((await importCsv(supplier, GOOD_GUIDE)).statusCode).toBe(403);

      // The platform's admin reads any insurer's rules by name, an insurer only; it writes none.
      expect((await get(platform, '/api/v1/insurer/policy')).json().errors).toEqual([expect.objectContaining({ path: 'insurerOrgId', code: 'required' })]);
      expect((await get(platform, `/api/v1/insurer/policy?insurerOrgId=${supplierOrgId}`)).statusCode).toBe(404);
      expect((await get(platform, `/api/v1/insurer/price-guide?insurerOrgId=${piccOrgId}&limit=200`)).json().items).toHaveLength(picc.length);
      expect((await send(platform, 'PUT', '/api/v1/insurer/policy', POLICY)).statusCode).toBe(403);

      // Its own insurer deletes it, once; the audit trail keeps what it was.
      const deleted = await send(piccAdmin, 'DELETE', `/api/v1/insurer/price-guide/entries/${target}`);
      expect(deleted.statusCode, deleted.body).toBe(200);
      expect(deleted.json().id).toBe(target);
      expect((await send(piccAdmin, 'DELETE', `/api/v1/insurer/price-guide/entries/${target}`)).statusCode).toBe(404);
      const [audit] = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, target), eq(auditEvent.action, 'delete')));
      expect(audit).toMatchObject({ orgId: piccOrgId, objectType: 'price_guide_entry', data: { guideKey: deleted.json().guideKey } });
    });

    it('documents the routes in OpenAPI', async () => {
      const spec = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
      expect(Object.keys(spec.paths['/api/v1/insurer/policy']!).sort()).toEqual(['get', 'put']);
      expect(spec.paths['/api/v1/insurer/price-guide/imports']).toHaveProperty('post');
      expect(spec.paths['/api/v1/insurer/price-guide/entries/{id}']).toHaveProperty('delete');
    });
  });
}
