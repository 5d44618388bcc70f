import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSuppliers, findSuppliersWidening } from '../src/modules/quoting/inquiries/suppliers.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

// Who an inquiry goes to: the suppliers of the claim's model first, then of its make, then of the
// region, then everyone.
for (const kind of databaseKinds()) {
  describe(`inquiry supplier rings on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
    });
    afterAll(() => t?.close());

    const base = { deliveryRegionCode: '330106', limit: 50 };

    it('finds the suppliers of the model that serve the region', async () => {
      const found = await findSuppliers(t.database.db, { ...base, ring: 'model_and_region', vehicleModelId: f.models.sagitar.id, brand: '大众' });
      // The bumper's offers in Hangzhou: yuetong (oem, aftermarket), huajun (oes), anxin (certified in 330000).
      expect(found.sort()).toEqual([f.suppliers.anxin, f.suppliers.huajun, f.suppliers.yuetong].sort());
      const sichuan = await findSuppliers(t.database.db, { ...base, deliveryRegionCode: '510107', ring: 'model_and_region', vehicleModelId: f.models.sagitar.id, brand: '大众' });
      expect(sichuan.sort()).toEqual([f.suppliers.anxin, f.suppliers.huajun, f.suppliers.yuetong].sort());
      const excluded = await findSuppliers(t.database.db, { ...base, ring: 'model_and_region', vehicleModelId: f.models.sagitar.id, brand: '大众', exclude: [f.suppliers.anxin] });
      expect(excluded).not.toContain(f.suppliers.anxin);
    });

    it('widens from a model nobody offers for, to the make, to everyone', async () => {
      const camry = { ...base, vehicleModelId: f.models.camry.id, brand: '丰田' };
      expect(await findSuppliers(t.database.db, { ...camry, ring: 'model_and_region' })).toEqual([]);
      expect(await findSuppliers(t.database.db, { ...camry, ring: 'make_and_region' })).toEqual([]);
      const widened = await findSuppliersWidening(t.database.db, ['model_and_region', 'make_and_region', 'all'], camry);
      expect(widened.ring).toBe('all');
      expect(widened.supplierOrgIds).toEqual(expect.arrayContaining([f.suppliers.anxin, f.suppliers.huajun, f.suppliers.yuetong]));
      const noModel = await findSuppliersWidening(t.database.db, ['model_and_region', 'make_and_region'], { ...base, vehicleModelId: null, brand: null });
      expect(noModel.supplierOrgIds).toEqual([]);
    });
  });
}
