import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAssessmentEvent, applyClaimEvent, type ClaimEvent } from '../src/modules/claims/index.ts';
import type { SystemCtx } from '../src/platform/context.ts';
import { outboxEvent } from '../src/platform/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture, vinFor, type CatalogFixture } from './support/catalog-fixture.ts';
import { cast } from './support/cast.ts';

for (const kind of databaseKinds()) {
  describe(`claims and assessments on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    let shopId: string;
    let otherShopId: string;
    let piccOrgId: string;
    let seq = 0;

    const users = cast(() => t);
    const { call } = users;
    const claimBody = (over: Record<string, unknown> = {}) => ({
      claimNo: `PICC-${kind}-${++seq}`,
      policyNo: 'PDAA202533010000012345',
      accidentDate: '2025-03-14',
      accidentRegionCode: '330106',
      vin: f.sagitarVin,
      plate: '浙A·12345',
      repairShopOrgId: shopId,
      ...over,
    });
    const fileClaim = async (over: Record<string, unknown> = {}, who = 'adjuster') => {
      const res = await call(who, 'POST', '/api/v1/claims', claimBody(over));
      expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
      return res.json<{ id: string; claimNo: string; status: string }>();
    };
    const line = (over: Record<string, unknown>) => ({ quantity: 1, operation: 'replace', labourHours: 1.5, ...over });
    const system = (): SystemCtx => ({ actor: null, requestId: 'claims-test', now: new Date() });
    const move = (claimId: string, event: ClaimEvent) => t.database.db.transaction((tx) => applyClaimEvent(tx, system(), claimId, event));

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      const logins = {
        adjuster: 'adjuster@picc.demo',
        checker: 'checker@picc.demo',
        piccAdmin: 'admin@picc.demo',
        cpic: 'adjuster@cpic.demo',
        shop: 'buyer@sh-anda.demo',
        otherShop: 'receiver@hz-shunjie.demo',
        platform: 'admin@anpei.demo',
        supplier: 'sales@huajun.demo',
      };
      await users.signIn(logins);
      shopId = users.orgs.shop!;
      otherShopId = users.orgs.otherShop!;
      piccOrgId = users.orgs.adjuster!;
    });
    afterAll(() => t?.close());

    describe('filing', () => {
      it('sets the vehicle model when the VIN maps to exactly one, and normalises the plate', async () => {
        const res = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: f.sagitarVin.toLowerCase(), plate: '浙a 12345' }));
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({
          insurerOrgId: piccOrgId,
          vin: f.sagitarVin,
          vehicleModelId: f.models.sagitar.id,
          plate: '浙A12345',
          repairShopOrgId: shopId,
          status: 'open',
          accidentDate: '2025-03-14',
          warnings: [],
        });
      });

      it('needs vehicleModelId to pick one of several models, naming the candidates', async () => {
        const missing = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: f.camryVin }), { 'accept-language': 'en' });
        expect(missing.statusCode).toBe(400);
        expect(missing.json().errors).toMatchObject([{ path: 'vehicleModelId', in: 'body', code: 'vehicle_model_ambiguous' }]);
        expect(missing.json().errors[0].message).toContain(f.models.camry.id);
        expect(missing.json().errors[0].message).toContain(f.models.camryHybrid.id);
        const foreign = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: f.camryVin, vehicleModelId: f.models.sagitar.id }));
        expect(foreign.statusCode).toBe(400);
        const chosen = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: f.camryVin, vehicleModelId: f.models.camryHybrid.id }));
        expect(chosen.statusCode).toBe(201);
        expect(chosen.json().vehicleModelId).toBe(f.models.camryHybrid.id);
        // Where the VIN decides alone, a contradicting choice is a mistake too.
        const contradicting = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vehicleModelId: f.models.camry.id }));
        expect(contradicting.statusCode).toBe(400);
      });

      it('accepts a VIN that maps to no model, with a warning', async () => {
        const res = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: vinFor('LSV', 'AB12C', 'R') }));
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ vehicleModelId: null, warnings: ['vehicle_model_unknown'] });
      });

      it('refuses a malformed VIN with 422 naming the position', async () => {
        const wrongDigit = f.sagitarVin.slice(0, 8) + (f.sagitarVin[8] === '1' ? '2' : '1') + f.sagitarVin.slice(9);
        const res = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: wrongDigit }));
        expect(res.statusCode).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'invalid_vin', errors: [{ path: 'vin', in: 'body', code: 'vin_check_digit' }] });
        expect(res.json().errors[0].message).toContain('第 9 位');
        const withI = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ vin: `LFV2A21KI${f.sagitarVin.slice(9)}` }), { 'accept-language': 'en' });
        expect(withI.statusCode).toBe(422);
        expect(withI.json().errors[0]).toMatchObject({ code: 'vin_forbidden_letter', message: expect.stringContaining('position 9') });
      });

      it('keeps claim numbers unique per insurer: 409 for the same insurer, fine for another', async () => {
        const first = await fileClaim({ claimNo: `DUP-${kind}` });
        const again = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ claimNo: `DUP-${kind}` }));
        expect(again.statusCode).toBe(409);
        expect(again.json()).toMatchObject({ code: 'conflict' });
        expect(again.json().detail).toContain(`DUP-${kind}`);
        const cpic = await fileClaim({ claimNo: `DUP-${kind}` }, 'cpic');
        expect(cpic.id).not.toBe(first.id);
      });

      it('assigns only an existing repair shop', async () => {
        for (const repairShopOrgId of [f.suppliers.huajun, piccOrgId, '00000000-0000-7000-8000-000000000000']) {
          const res = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ repairShopOrgId }));
          expect(res.statusCode).toBe(400);
          expect(res.json().errors).toMatchObject([{ path: 'repairShopOrgId', code: 'org_unknown' }]);
        }
      });

      it('answers bad input with problem+json listing every field', async () => {
        const res = await call('adjuster', 'POST', '/api/v1/claims', { ...claimBody({ accidentRegionCode: '999999', plate: 'ABC', extra: 1 }), claimNo: undefined });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const paths = res
          .json()
          .errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)
          .sort();
        expect(paths).toEqual(['accidentRegionCode:region_unknown', 'claimNo:required', 'extra:unknown_field', 'plate:plate_format']);
        const future = await call('adjuster', 'POST', '/api/v1/claims', claimBody({ accidentDate: '2999-01-01' }));
        expect(future.statusCode).toBe(400);
        expect(future.json().errors).toMatchObject([{ path: 'accidentDate' }]);
      });

      it('lets only an insurer’s adjusters and admins file claims', async () => {
        for (const who of ['checker', 'shop', 'supplier', 'platform']) {
          const res = await call(who, 'POST', '/api/v1/claims', claimBody());
          expect(res.statusCode, who).toBe(403);
        }
        await fileClaim({}, 'piccAdmin');
      });

      it('files a claim pushed twice by the insurer’s system with one Idempotency-Key once', async () => {
        const created = await call('piccAdmin', 'POST', '/api/v1/api-keys', { name: '人保理赔系统', roles: ['adjuster'] });
        expect(created.statusCode).toBe(201);
        const key = created.json<{ id: string; key: string }>();
        const body = claimBody({ claimNo: `PUSH-${kind}` });
        const push = () => t.app.inject({ method: 'POST', url: '/api/v1/claims', payload: body, headers: { ...bearer(key.key), 'idempotency-key': `push-${kind}-1` } });
        const first = await push();
        const second = await push();
        expect(first.statusCode).toBe(201);
        expect(second.statusCode).toBe(201);
        expect(second.headers['idempotent-replayed']).toBe('true');
        expect(second.json().id).toBe(first.json().id);
        expect(first.json().createdBy).toBe(key.id);
        const list = await call('adjuster', 'GET', `/api/v1/claims?q=PUSH-${kind}`);
        expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([first.json().id]);
        // Without the key the same number is a duplicate, not a second claim.
        const plain = await t.app.inject({ method: 'POST', url: '/api/v1/claims', payload: body, headers: bearer(key.key) });
        expect(plain.statusCode).toBe(409);
      });
    });

    describe('assessments', () => {
      let claimId: string;
      let v1: string;

      it('writes version 1 with catalog, OE-number and free-text lines, moving the claim to assessing', async () => {
        claimId = (await fileClaim()).id;
        const res = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, {
          lines: [
            line({ oeNo: '5g0-807-221-b', photoUrls: ['https://img.example.com/a.jpg'] }),
            line({ partId: f.parts.vwHeadlamp.id, labourHours: 0.5 }),
            line({ description: '前保险杠支架', quantity: 2, operation: 'repair', labourHours: 2 }),
            line({ oeNo: 'XYZ 999 000' }),
          ],
        });
        expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
        const a = res.json();
        v1 = a.id;
        expect(a).toMatchObject({ claimId, version: 1, kind: 'initial', status: 'draft' });
        expect(a.lines).toEqual([
          expect.objectContaining({
            lineNo: 1,
            partId: f.parts.vwBumper.id,
            oeNo: '5g0-807-221-b',
            description: '前保险杠皮',
            isFreeText: false,
            labourHours: 1.5,
            photoUrls: ['https://img.example.com/a.jpg'],
          }),
          expect.objectContaining({ lineNo: 2, partId: f.parts.vwHeadlamp.id, oeNo: null, description: '左前大灯总成', isFreeText: false, labourHours: 0.5 }),
          expect.objectContaining({ lineNo: 3, partId: null, description: '前保险杠支架', isFreeText: true, quantity: 2, operation: 'repair', labourHours: 2 }),
          expect.objectContaining({ lineNo: 4, partId: null, oeNo: 'XYZ 999 000', description: 'XYZ 999 000', isFreeText: true }),
        ]);
        expect((await call('adjuster', 'GET', `/api/v1/claims/${claimId}`)).json().status).toBe('assessing');
      });

      it('refuses bad lines with 400 and changes nothing', async () => {
        const other = (await fileClaim()).id;
        const cases: [unknown, string, string][] = [
          [line({ partId: '00000000-0000-7000-8000-000000000000' }), 'lines.0.partId', 'unknown_reference'],
          [line({ description: 'x', labourHours: 1.25 }), 'lines.0.labourHours', 'labour_hours_one_decimal'],
          [line({}), 'lines.0.description', 'required'],
          [line({ description: 'x', quantity: 0 }), 'lines.0.quantity', 'too_small_number'],
          [line({ description: 'x', operation: 'paint' }), 'lines.0.operation', 'invalid_value'],
          [line({ description: 'x', photoUrls: ['ftp://x/y.jpg'] }), 'lines.0.photoUrls.0', 'url_scheme'],
        ];
        for (const [bad, path, code] of cases) {
          const res = await call('adjuster', 'POST', `/api/v1/claims/${other}/assessments`, { lines: [bad] });
          expect(res.statusCode, path).toBe(400);
          expect(res.json().errors, path).toEqual([expect.objectContaining({ path, code })]);
        }
        expect((await call('adjuster', 'POST', `/api/v1/claims/${other}/assessments`, { lines: [] })).statusCode).toBe(400);
        const after = (await call('adjuster', 'GET', `/api/v1/claims/${other}`)).json();
        expect(after).toMatchObject({ status: 'open', assessments: [] });
      });

      it('keeps one draft at a time, corrected in place until it is quoted', async () => {
        const second = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [line({ description: 'x' })] });
        expect(second.statusCode).toBe(409);
        expect(second.json().code).toBe('invalid_state');
        const replaced = await call('adjuster', 'PUT', `/api/v1/assessments/${v1}`, {
          lines: [line({ oeNo: '5G0 807 221 B' }), line({ partId: f.parts.vwHeadlamp.id })],
        });
        expect(replaced.statusCode).toBe(200);
        expect(replaced.json().lines.map((l: { lineNo: number; partId: string }) => [l.lineNo, l.partId])).toEqual([
          [1, f.parts.vwBumper.id],
          [2, f.parts.vwHeadlamp.id],
        ]);

        // What the quoting step will do: freeze the version and move the claim, in one transaction.
        await t.database.db.transaction(async (tx) => {
          await applyAssessmentEvent(tx, system(), v1, 'quote');
          await applyClaimEvent(tx, system(), claimId, 'quote');
        });
        const frozen = await call('adjuster', 'PUT', `/api/v1/assessments/${v1}`, { lines: [line({ description: 'x' })] });
        expect(frozen.statusCode).toBe(409);
        expect((await call('adjuster', 'GET', `/api/v1/assessments/${v1}`)).json()).toMatchObject({ status: 'quoted', lines: [{}, {}] });
      });

      it('adds a supplement after the quote, sending the claim back to assessing', async () => {
        const res = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, {
          lines: [line({ oeNo: '5G0880201H' }), line({ description: '左前翼子板内衬', operation: 'repair', labourHours: 1 })],
        });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ version: 2, kind: 'supplement', status: 'draft' });
        expect(res.json().lines.map((l: { isFreeText: boolean }) => l.isFreeText)).toEqual([false, true]);
        const detail = (await call('adjuster', 'GET', `/api/v1/claims/${claimId}`)).json();
        expect(detail.status).toBe('assessing');
        expect(detail.assessments.map((a: { version: number; status: string; lines: unknown[] }) => [a.version, a.status, a.lines.length])).toEqual([
          [1, 'quoted', 2],
          [2, 'draft', 2],
        ]);
      });

      it('runs the rest of the lifecycle, auditing every step from → to and emitting claim events', async () => {
        for (const event of ['quote', 'approve', 'order', 'repair', 'settle', 'close'] as const) await move(claimId, event);
        await expect(move(claimId, 'cancel')).rejects.toMatchObject({ code: 'invalid_state', params: { state: 'closed' } });
        const audit = await call('piccAdmin', 'GET', `/api/v1/audit?objectId=${claimId}&order=asc`);
        expect(audit.statusCode).toBe(200);
        expect(audit.json().items.map((e: { action: string; fromState: string | null; toState: string }) => `${e.action}:${e.fromState}→${e.toState}`)).toEqual([
          'create:null→open',
          'assess:open→assessing',
          'quote:assessing→quoted',
          'supplement:quoted→assessing',
          'quote:assessing→quoted',
          'approve:quoted→approved',
          'order:approved→ordered',
          'repair:ordered→repaired',
          'settle:repaired→settled',
          'close:settled→closed',
        ]);
        const events = await t.database.db
          .select()
          .from(outboxEvent)
          .where(and(eq(outboxEvent.type, 'claim.closed'), eq(outboxEvent.orgId, piccOrgId)));
        expect(events.map((e) => (e.payload as { claim: { id: string } }).claim.id)).toContain(claimId);
        const late = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [line({ description: 'x' })] });
        expect(late.statusCode).toBe(409);
      });

      it('cancels only before the order and closes an unassessed claim', async () => {
        const cancelled = (await fileClaim()).id;
        expect((await move(cancelled, 'cancel')).to).toBe('cancelled');
        expect((await call('adjuster', 'POST', `/api/v1/claims/${cancelled}/assessments`, { lines: [line({ description: 'x' })] })).statusCode).toBe(409);
        const closed = (await fileClaim()).id;
        expect((await move(closed, 'close')).to).toBe('closed');
        const assessed = (await fileClaim()).id;
        await call('adjuster', 'POST', `/api/v1/claims/${assessed}/assessments`, { lines: [line({ description: 'x' })] });
        await expect(move(assessed, 'close')).rejects.toMatchObject({ code: 'invalid_state' });
        // A refused event changes nothing.
        expect((await call('adjuster', 'GET', `/api/v1/claims/${assessed}`)).json().status).toBe('assessing');
      });
    });

    describe('isolation', () => {
      let claimId: string;
      let claimNo: string;
      let assessmentId: string;
      beforeAll(async () => {
        ({ id: claimId, claimNo } = await fileClaim({ plate: '沪B·67890' }));
        assessmentId = (await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [line({ description: '后视镜' })] })).json().id;
      });

      it('hides a claim from another insurer, whatever it tries', async () => {
        expect((await call('cpic', 'GET', `/api/v1/claims/${claimId}`)).statusCode).toBe(404);
        expect((await call('cpic', 'GET', `/api/v1/assessments/${assessmentId}`)).statusCode).toBe(404);
        const write = await call('cpic', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [line({ description: 'x' })] });
        expect(write.statusCode).toBe(404);
        expect(write.json().code).toBe('not_found');
        expect((await call('cpic', 'PUT', `/api/v1/assessments/${assessmentId}`, { lines: [line({ description: 'x' })] })).statusCode).toBe(404);
        for (const query of [`q=${claimNo}`, 'q=67890', `q=${f.sagitarVin.slice(-6)}`, 'status=assessing', 'status=open', '']) {
          const list = await call('cpic', 'GET', `/api/v1/claims?${query}`);
          expect(list.statusCode).toBe(200);
          expect(
            list.json().items.filter((c: { insurerOrgId: string }) => c.insurerOrgId === piccOrgId),
            query,
          ).toEqual([]);
        }
        expect((await call('cpic', 'GET', `/api/v1/audit?objectId=${claimId}`)).json().items ?? []).toEqual([]);
      });

      it('lets the assigned repair shop read but not write; another shop sees nothing', async () => {
        const read = await call('shop', 'GET', `/api/v1/claims/${claimId}`);
        expect(read.statusCode).toBe(200);
        expect(read.json().assessments).toHaveLength(1);
        expect((await call('shop', 'GET', `/api/v1/assessments/${assessmentId}`)).statusCode).toBe(200);
        expect((await call('shop', 'GET', '/api/v1/claims?q=67890')).json().items.map((c: { id: string }) => c.id)).toEqual([claimId]);
        expect((await call('shop', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [line({ description: 'x' })] })).statusCode).toBe(403);
        expect((await call('shop', 'PUT', `/api/v1/assessments/${assessmentId}`, { lines: [line({ description: 'x' })] })).statusCode).toBe(403);
        expect((await call('otherShop', 'GET', `/api/v1/claims/${claimId}`)).statusCode).toBe(404);
        expect((await call('otherShop', 'GET', `/api/v1/assessments/${assessmentId}`)).statusCode).toBe(404);
        expect((await call('otherShop', 'GET', '/api/v1/claims')).json().items).toEqual([]);
        expect((await call('supplier', 'GET', '/api/v1/claims')).statusCode).toBe(403);
        expect((await call('platform', 'GET', `/api/v1/claims/${claimId}`)).statusCode).toBe(200);
        expect(otherShopId).not.toBe(shopId);
      });

      it('lists by status and text, newest first, in keyset pages', async () => {
        const mine = await call('adjuster', 'GET', `/api/v1/claims?q=${encodeURIComponent('沪B67890')}`);
        expect(mine.json().items.map((c: { id: string }) => c.id)).toEqual([claimId]);
        const byVin = await call('adjuster', 'GET', `/api/v1/claims?q=${f.sagitarVin.slice(-6).toLowerCase()}&status=assessing`);
        expect(byVin.json().items.map((c: { id: string }) => c.id)).toContain(claimId);
        expect(byVin.json().items.every((c: { status: string }) => c.status === 'assessing')).toBe(true);
        const seen: string[] = [];
        let cursor = '';
        for (let i = 0; i < 100; i++) {
          const page = await call('adjuster', 'GET', `/api/v1/claims?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.json().items.map((c: { id: string }) => c.id));
          cursor = page.json().nextCursor;
          if (!cursor) break;
        }
        expect(seen).toEqual([...seen].sort().reverse());
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen[0]).toBe(claimId);
        expect((await call('adjuster', 'GET', '/api/v1/claims?status=lost')).statusCode).toBe(400);
        expect((await call('adjuster', 'GET', '/api/v1/claims?limit=1000')).statusCode).toBe(400);
      });
    });
  });
}
