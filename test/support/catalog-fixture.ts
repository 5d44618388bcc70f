import { eq } from 'drizzle-orm';
import { appUser } from '../../src/modules/identity/tables.ts';
import { namePinyin } from '../../src/modules/catalog/pinyin.ts';
import { normaliseOe } from '../../src/modules/catalog/oe-number.ts';
import { certBody, offer, part, partFitment, partInterchange, partSupersession, product, productPart, vehicleModel } from '../../src/modules/catalog/tables.ts';
import { computeCheckDigit } from '../../src/modules/catalog/vin/index.ts';
import type { Db } from '../../src/platform/db.ts';
import { newId } from '../../src/platform/ids.ts';
import { vatOfGross } from '../../src/platform/money.ts';

// A small, hand-made catalog for integration tests, independent of the demo seed: two makers,
// three models (two of which share a VIN rule, so one VIN maps to a short list), a handful of parts
// and one offer per grade for the front bumper.

export function vinFor(wmi: string, vds: string, yearCode: string, plant = 'A', serial = '123456'): string {
  const draft = `${wmi}${vds}0${yearCode}${plant}${serial}`;
  const digit = computeCheckDigit(draft);
  if (!digit) throw new Error(`cannot compute check digit of ${draft}`);
  return `${draft.slice(0, 8)}${digit}${draft.slice(9)}`;
}

async function orgOf(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ orgId: appUser.orgId }).from(appUser).where(eq(appUser.email, email));
  if (!row) throw new Error(`no demo user ${email}`);
  return row.orgId;
}

export type CatalogFixture = Awaited<ReturnType<typeof loadCatalogFixture>>;

export async function loadCatalogFixture(db: Db) {
  const sagitarVin = vinFor('LFV', '2A21K', 'R'); // 2024
  const camryVin = vinFor('LVG', 'BV1EK', 'P'); // 2023
  const models = {
    sagitar: {
      id: newId(),
      code: 'T-FAWVW-SAGITAR-2019',
      brand: '大众',
      brandEn: 'Volkswagen',
      series: '速腾',
      model: '速腾 1.4T 2019-2025',
      yearFrom: 2019,
      yearTo: 2025,
      engine: '1.4T',
      body: 'sedan',
      wmi: 'LFV',
      vdsPattern: '2A2*K',
      sampleVin: sagitarVin,
    },
    camry: {
      id: newId(),
      code: 'T-GACTOYOTA-CAMRY-2018',
      brand: '丰田',
      brandEn: 'Toyota',
      series: '凯美瑞',
      model: '凯美瑞 2.0L 2018-2024',
      yearFrom: 2018,
      yearTo: 2024,
      engine: '2.0L',
      body: 'sedan',
      wmi: 'LVG',
      vdsPattern: 'BV1E*',
      sampleVin: camryVin,
    },
    camryHybrid: {
      id: newId(),
      code: 'T-GACTOYOTA-CAMRY-HEV-2018',
      brand: '丰田',
      brandEn: 'Toyota',
      series: '凯美瑞',
      model: '凯美瑞 双擎 2.5L 2018-2024',
      yearFrom: 2018,
      yearTo: 2024,
      engine: '2.5L HEV',
      body: 'sedan',
      wmi: 'LVG',
      vdsPattern: 'BV1E*',
      sampleVin: null,
    },
  };
  await db.insert(vehicleModel).values(Object.values(models));

  const mk = (oeNo: string, nameZh: string, nameEn: string, category: typeof part.$inferInsert.category, oePriceFen: bigint) => ({
    id: newId(),
    oeNo,
    oeNorm: normaliseOe(oeNo),
    nameZh,
    nameEn,
    ...namePinyin(nameZh),
    category,
    oePriceFen,
  });
  const parts = {
    vwBumper: mk('5G0 807 221 B', '前保险杠皮', 'Front bumper cover', 'body', 120_000n),
    vwBumperOld: mk('5G0 807 221', '前保险杠皮', 'Front bumper cover (superseded)', 'body', 115_000n),
    vwHeadlamp: mk('5G1 941 005 C', '左前大灯总成', 'Left headlamp assembly', 'lighting', 380_000n),
    vwAirbag: mk('5G0 880 201 H', '主驾驶安全气囊', 'Driver airbag', 'safety', 450_000n),
    toyotaBumper: mk('52119-06A40', '前保险杠皮', 'Front bumper cover', 'body', 150_000n),
    toyotaRadiator: mk('16400-0V140', '散热器总成', 'Radiator assembly', 'cooling', 210_000n),
  };
  await db.insert(part).values(Object.values(parts));
  await db.insert(partFitment).values([
    { vehicleModelId: models.sagitar.id, partId: parts.vwBumper.id },
    { vehicleModelId: models.sagitar.id, partId: parts.vwBumperOld.id },
    { vehicleModelId: models.sagitar.id, partId: parts.vwHeadlamp.id },
    { vehicleModelId: models.sagitar.id, partId: parts.vwAirbag.id },
    { vehicleModelId: models.camry.id, partId: parts.toyotaBumper.id },
    { vehicleModelId: models.camryHybrid.id, partId: parts.toyotaBumper.id },
    { vehicleModelId: models.camry.id, partId: parts.toyotaRadiator.id },
  ]);
  await db.insert(partSupersession).values({ oldPartId: parts.vwBumperOld.id, newPartId: parts.vwBumper.id });
  await db.insert(partInterchange).values([
    { partId: parts.vwBumper.id, otherPartId: parts.vwBumperOld.id },
    { partId: parts.vwBumperOld.id, otherPartId: parts.vwBumper.id },
  ]);

  const capa = { id: newId(), code: 'T-CAPA', name: '美国汽车零部件认证协会', nameEn: 'CAPA' };
  await db.insert(certBody).values(capa);
  const suppliers = {
    huajun: await orgOf(db, 'sales@huajun.demo'),
    yuetong: await orgOf(db, 'sales@yuetong.demo'),
    anxin: await orgOf(db, 'sales@anxin.demo'),
  };
  const products = {
    oem: { id: newId(), supplierOrgId: suppliers.yuetong, sku: 'T-YT-5G0807221B', brand: '大众', name: '前保险杠皮 原厂', grade: 'oem' as const, warrantyMonths: 12 },
    oes: { id: newId(), supplierOrgId: suppliers.huajun, sku: 'T-HJ-5G0807221B', brand: '华骏', name: '前保险杠皮 配套', grade: 'oes' as const, warrantyMonths: 12 },
    certified: {
      id: newId(),
      supplierOrgId: suppliers.anxin,
      sku: 'T-AX-5G0807221B',
      brand: '安信',
      name: '前保险杠皮 认证',
      grade: 'certified' as const,
      warrantyMonths: 24,
      certBodyId: capa.id,
      certNo: 'CAPA-2025-00123',
      certValidFrom: '2025-01-01',
      certValidTo: '2027-12-31',
    },
    aftermarket: { id: newId(), supplierOrgId: suppliers.yuetong, sku: 'T-YT-AM-5G0807221B', brand: '粤通', name: '前保险杠皮 适用', grade: 'aftermarket' as const, warrantyMonths: 6 },
  };
  await db.insert(product).values(Object.values(products));
  await db.insert(productPart).values(Object.values(products).map((p) => ({ productId: p.id, partId: parts.vwBumper.id })));
  const mkOffer = (p: { id: string; supplierOrgId: string }, priceFen: bigint, leadTimeDays: number, regionCodes: string[] = [], validTo: string | null = null) => ({
    id: newId(),
    productId: p.id,
    supplierOrgId: p.supplierOrgId,
    priceFen,
    vatFen: vatOfGross(priceFen),
    minQty: 1,
    leadTimeDays,
    regionCodes,
    regionKey: regionCodes.length ? [...regionCodes].sort().join('|') : '*',
    validFrom: '2026-01-01',
    validTo,
  });
  const offers = {
    oem: mkOffer(products.oem, 118_000n, 1),
    oes: mkOffer(products.oes, 90_400n, 2),
    certified: mkOffer(products.certified, 79_100n, 1, ['330000', '310000']),
    certifiedSichuan: mkOffer(products.certified, 82_000n, 3, ['510000']),
    aftermarket: mkOffer(products.aftermarket, 56_500n, 0),
    // Expired yesterday, relative to the fixed day the tests ask about.
    expired: { ...mkOffer(products.oes, 80_000n, 2, ['440000'], '2026-06-30') },
  };
  await db.insert(offer).values(Object.values(offers));
  return { models, parts, products, offers, suppliers, sagitarVin, camryVin };
}
