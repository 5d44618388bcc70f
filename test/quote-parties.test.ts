import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// A quote names the claim's two parties, the insurer and the repair shop, as the printed
// assessment (定损单) does: the insurer may not read the shop's organisation (GET /orgs/:id is a
// 404 for it), yet both sign the same sheet, so each sees the other's name on its own claim.
for (const kind of databaseKinds()) {
  describe(`the parties of a quote on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t);
    const { call } = users;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({ adjuster: 'adjuster@picc.demo', shop: 'buyer@sh-anda.demo' });
    });
    afterAll(() => t?.close());

    it('names the insurer and the shop to both of them', async () => {
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `PICC-P-${kind}`,
        policyNo: 'PDAA202633010000099998',
        accidentDate: '2026-03-14',
        accidentRegionCode: '310115',
        vin: f.sagitarVin,
        plate: '沪A54321',
        repairShopOrgId: users.orgs.shop,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json<{ id: string }>().id;
      const created = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, {
        lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      const quoted = await call('adjuster', 'POST', `/api/v1/assessments/${id}/quote`, undefined, { 'idempotency-key': `parties-${kind}` });
      expect(quoted.statusCode, quoted.body).toBe(201);

      const parties = {
        insurer: { id: users.orgs.adjuster, name: '中国人民财产保险股份有限公司（演示）' },
        repairShop: { id: users.orgs.shop, name: '上海浦东安达汽车维修有限公司' },
      };
      expect(quoted.json<{ parties: unknown }>().parties).toEqual(parties);
      expect((await call('adjuster', 'GET', `/api/v1/orgs/${users.orgs.shop}`)).statusCode).toBe(404);
      for (const who of ['adjuster', 'shop']) {
        const read = await call(who, 'GET', `/api/v1/assessments/${id}/quote`);
        expect(read.statusCode, read.body).toBe(200);
        expect(read.json<{ parties: unknown }>().parties).toEqual(parties);
      }
    });
  });
}
