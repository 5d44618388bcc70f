import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offersForParts } from '../src/modules/catalog/offers-for-parts.ts';
import { partOffers } from '../src/modules/catalog/part-offers.ts';
import { namePinyin } from '../src/modules/catalog/pinyin.ts';
import { normaliseOe } from '../src/modules/catalog/oe-number.ts';
import { productPrices } from '../src/modules/catalog/product-prices.ts';
import { offer, part, product, productPart } from '../src/modules/catalog/tables.ts';
import { org } from '../src/modules/identity/tables.ts';
import { MAX_UNIT_PRICE_FEN } from '../src/platform/bounds.ts';
import type { Ctx } from '../src/platform/context.ts';
import { newId } from '../src/platform/ids.ts';
import { vatOfGross } from '../src/platform/money.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { loadCatalogFixture } from './support/catalog-fixture.ts';

// The usable-offer rule (catalog/offer-valid.ts) against a real database, through each of the three
// reads that apply it, so that they are proven to agree: an offer just inside and just outside each
// of its conditions, one offer per product (so the cheapest-per-product answer of productPrices
// shows every usable one), all of one part.

const DAY = '2026-07-01';
// 杭州市 西湖区: its path is 330000 (浙江省), 330100 (杭州市), 330106.
const REGION = '330106';

type Case = {
  name: string;
  validFrom?: string;
  validTo?: string | null;
  regionCodes?: string[];
  priceFen?: number;
  suspended?: boolean;
  // Usable on DAY in REGION.
  usable: boolean;
  // Usable on DAY when no region is asked about (a part's offers without regionCode).
  anywhere: boolean;
};

const cases: Case[] = [
  { name: 'valid from the day itself', validFrom: DAY, usable: true, anywhere: true },
  { name: 'valid from the day after', validFrom: '2026-07-02', usable: false, anywhere: false },
  { name: 'valid to the day itself', validTo: DAY, usable: true, anywhere: true },
  { name: 'valid to the day before', validTo: '2026-06-30', usable: false, anywhere: false },
  { name: 'open-ended, from long ago', validFrom: '2020-01-01', validTo: null, usable: true, anywhere: true },
  { name: 'nationwide', regionCodes: [], usable: true, anywhere: true },
  { name: 'naming the region itself', regionCodes: [REGION], usable: true, anywhere: true },
  { name: 'naming its city', regionCodes: ['330100'], usable: true, anywhere: true },
  { name: 'naming its province', regionCodes: ['330000'], usable: true, anywhere: true },
  { name: 'naming another city of the province', regionCodes: ['330200'], usable: false, anywhere: true },
  { name: 'naming another province', regionCodes: ['310000'], usable: false, anywhere: true },
  { name: 'naming another province and the city', regionCodes: ['310000', '330100'], usable: true, anywhere: true },
  { name: 'of a suspended supplier', suspended: true, usable: false, anywhere: false },
  { name: 'priced at the bound', priceFen: MAX_UNIT_PRICE_FEN, usable: true, anywhere: true },
  { name: 'priced a fen over the bound', priceFen: MAX_UNIT_PRICE_FEN + 1, usable: false, anywhere: false },
];

for (const kind of databaseKinds()) {
  describe(`the usable-offer rule on ${kind}`, () => {
    let t: TestApp;
    let ctx: Ctx;
    const partId = newId();
    // Offer id by case name, and product id by offer id.
    const offerOf = new Map<string, string>();
    const productOf = new Map<string, string>();

    beforeAll(async () => {
      t = await startTestApp(kind);
      const db = t.database.db;
      const f = await loadCatalogFixture(db);
      const suspendedId = newId();
      await db.insert(org).values({ id: suspendedId, kind: 'supplier', name: '停业供应商', uscc: `OFFERVALID${kind}`.padEnd(18, '0'), regionCode: '330106', status: 'suspended' });
      await db
        .insert(part)
        .values({ id: partId, oeNo: 'OV-1', oeNorm: normaliseOe('OV-1'), nameZh: '前保险杠皮', nameEn: 'Front bumper cover', ...namePinyin('前保险杠皮'), category: 'body', oePriceFen: 120_000n });
      for (const [i, c] of cases.entries()) {
        const supplierOrgId = c.suspended ? suspendedId : f.suppliers.huajun;
        const productId = newId();
        const offerId = newId();
        const priceFen = BigInt(c.priceFen ?? 90_000 + i);
        const regionCodes = c.regionCodes ?? [];
        await db.insert(product).values({ id: productId, supplierOrgId, sku: `OV-${i}`, brand: '华骏', name: c.name, grade: 'oes', warrantyMonths: 12 });
        await db.insert(productPart).values({ productId, partId });
        await db.insert(offer).values({
          id: offerId,
          productId,
          supplierOrgId,
          priceFen,
          vatFen: vatOfGross(priceFen),
          minQty: 1,
          leadTimeDays: 1,
          regionCodes,
          regionKey: regionCodes.length ? [...regionCodes].sort().join('|') : '*',
          validFrom: c.validFrom ?? '2026-01-01',
          validTo: c.validTo === undefined ? null : c.validTo,
        });
        offerOf.set(c.name, offerId);
        productOf.set(offerId, productId);
      }
      ctx = {
        actor: { type: 'user', userId: null, apiKeyId: null, orgId: f.suppliers.huajun, orgKind: 'supplier', orgRegionCode: REGION, roles: ['sales'] },
        requestId: `offer-valid-${kind}`,
        locale: 'en',
        now: new Date(),
      };
    });
    afterAll(() => t?.close());

    const expected = (pick: (c: Case) => boolean) =>
      cases
        .filter(pick)
        .map((c) => offerOf.get(c.name)!)
        .sort();

    it('lists for a part, in a region, exactly the usable offers', async () => {
      const listed = await partOffers(t.database.db, ctx, partId, { regionCode: REGION, on: DAY });
      expect(listed.items.map((o) => o.offerId).sort()).toEqual(expected((c) => c.usable));
    });

    it('lists for a part, with no region asked about, the offers usable anywhere', async () => {
      const listed = await partOffers(t.database.db, ctx, partId, { on: DAY });
      expect(listed.items.map((o) => o.offerId).sort()).toEqual(expected((c) => c.anywhere));
    });

    it('gives an assessment exactly the usable offers', async () => {
      const byPart = await offersForParts(t.database.db, { partIds: [partId], regionCode: REGION, day: DAY });
      expect(
        byPart
          .get(partId)!
          .map((o) => o.offerId)
          .sort(),
      ).toEqual(expected((c) => c.usable));
    });

    it('prices a shop order with exactly the usable offers', async () => {
      const wanted = new Map([...productOf.values()].map((id) => [id, 1]));
      const prices = await productPrices(t.database.db, { wanted, regionCode: REGION, day: DAY });
      expect([...prices.values()].map((p) => p.offerId).sort()).toEqual(expected((c) => c.usable));
      for (const p of prices.values()) expect(productOf.get(p.offerId)).toBe(p.productId);
    });
  });
}
