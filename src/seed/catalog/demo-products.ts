import type { Category } from '../../modules/catalog/categories.ts';
import type { Grade } from '../../modules/catalog/grades.ts';
import { normaliseRegionCodes, regionKey } from '../../modules/catalog/index.ts';
import type { offer, product, productPart } from '../../modules/catalog/tables.ts';
import { vatOfGross } from '../../platform/money.ts';
import { seededId } from '../rng.ts';
import { certificateNo, type CertBodyCode } from './cert-bodies.ts';
import { DEMO_ORDINALS, type DemoPart } from './demo-parts.ts';
import { makerOf } from './makers.ts';
import { gradePriceFen } from './pricing.ts';

export type ProductRow = typeof product.$inferInsert & { id: string };
export type ProductPartRow = typeof productPart.$inferInsert;
export type OfferRow = typeof offer.$inferInsert;

export type DemoSupplierIds = { huajun: string; yuetong: string; anxin: string };

// Certified parts are the insurers' programme for panels, lamps, radiators and glass; recycled
// parts are trusted only where a worn part is still sound. Airbags and belts (`safety`) are
// never anything but genuine or OES: no certified, aftermarket or recycled product for them.
const CERTIFIABLE: ReadonlySet<Category> = new Set(['body', 'lighting', 'cooling', 'glass']);
const RECYCLABLE: ReadonlySet<Category> = new Set(['body', 'lighting', 'cooling', 'chassis']);

// Where each supplier ships from: the manufacturer in Changchun serves the whole country and the
// North-East fast; the Guangzhou distributor the South (and the South-West); the Changzhou maker
// the Yangtze delta.
// Lead times are the days a supplier needs to dispatch what it does not hold ready. Bought by the
// platform, a part then travels to the platform's warehouse (up to three days from Changchun or
// Guangzhou) and on to the shop (a day in East China): nationwide offers dispatch within three
// days, so that what is bought still reaches a Shanghai shop within the default policy's week.
type RegionPlan = { codes: string[]; leadDays: readonly [number, number]; share: number };
const REGION_PLANS: Readonly<Record<keyof DemoSupplierIds, readonly RegionPlan[]>> = {
  huajun: [
    { codes: [], leadDays: [1, 3], share: 1 },
    { codes: ['220000', '210000', '230000'], leadDays: [0, 1], share: 0.3 },
  ],
  yuetong: [
    { codes: ['440000', '450000', '460000', '350000'], leadDays: [0, 1], share: 1 },
    { codes: [], leadDays: [1, 3], share: 0.3 },
    { codes: ['510000', '500000', '530000'], leadDays: [2, 4], share: 0.2 },
  ],
  anxin: [
    { codes: ['320000', '310000', '330000', '340000'], leadDays: [0, 2], share: 1 },
    { codes: [], leadDays: [1, 3], share: 0.5 },
  ],
};

const WARRANTY_MONTHS: Readonly<Record<Grade, number>> = { oem: 12, oes: 12, certified: 24, aftermarket: 6, recycled: 3 };

type Listing = { supplier: keyof DemoSupplierIds; grade: Grade; brand: string; skuPrefix: string; label: string };

// What the three demo suppliers list for one part, drawn with the seeded generator.
function listingsFor(p: DemoPart, random: () => number): Listing[] {
  const category = p.row.category;
  const marque = makerOf(p.models[0]!.makerKey).marque;
  const listings: Listing[] = [];
  if (random() < 0.85) listings.push({ supplier: 'yuetong', grade: 'oem', brand: marque, skuPrefix: 'YT', label: `${marque}原厂` });
  if (random() < 0.6) listings.push({ supplier: 'huajun', grade: 'oes', brand: '华骏', skuPrefix: 'HJ', label: '华骏' });
  if (CERTIFIABLE.has(category) && random() < 0.55) {
    listings.push({ supplier: 'anxin', grade: 'certified', brand: '安信', skuPrefix: 'AX', label: '安信认证' });
  }
  if (category !== 'safety' && random() < 0.3) {
    listings.push({ supplier: 'yuetong', grade: 'aftermarket', brand: '粤通优配', skuPrefix: 'YT-AM', label: '粤通优配' });
  }
  if (RECYCLABLE.has(category) && random() < 0.06) {
    listings.push({ supplier: 'yuetong', grade: 'recycled', brand: '粤通拆车件', skuPrefix: 'YT-RC', label: '拆车件' });
  }
  return listings;
}

function pickCertBody(u: number): CertBodyCode {
  if (u < 0.5) return 'CAPA';
  return u < 0.9 ? 'CATARC' : 'CQC';
}

function between(random: () => number, [low, high]: readonly [number, number]): number {
  return low + Math.floor(random() * (high - low + 1));
}

export function buildDemoProducts(
  seed: number,
  random: () => number,
  parts: readonly DemoPart[],
  suppliers: DemoSupplierIds,
  certBodyIds: Record<CertBodyCode, string>,
): { products: ProductRow[]; productParts: ProductPartRow[]; offers: OfferRow[] } {
  const products: ProductRow[] = [];
  const productParts: ProductPartRow[] = [];
  const offers: OfferRow[] = [];
  for (const p of parts) {
    const series = [...new Set(p.models.map((m) => m.series))].join('/');
    for (const listing of listingsFor(p, random)) {
      const sku = `${listing.skuPrefix}-${p.row.oeNorm}`;
      const supplierOrgId = suppliers[listing.supplier];
      const id = seededId(seed, DEMO_ORDINALS.product + products.length, `product:${supplierOrgId}:${sku}`);
      const row: ProductRow = {
        id,
        supplierOrgId,
        sku,
        brand: listing.brand,
        name: `${listing.label} ${p.row.nameZh}（适用${series}）`,
        grade: listing.grade,
        warrantyMonths: WARRANTY_MONTHS[listing.grade],
      };
      if (listing.grade === 'certified') {
        const body = pickCertBody(random());
        const month = String(between(random, [1, 12])).padStart(2, '0');
        const day = String(between(random, [1, 28])).padStart(2, '0');
        Object.assign(row, {
          certBodyId: certBodyIds[body],
          certNo: certificateNo(body, 1000 + products.length, 2025),
          certValidFrom: `2025-${month}-${day}`,
          certValidTo: `2028-${month}-${day}`,
        });
      }
      products.push(row);
      productParts.push({ partId: p.row.id, productId: id });
      for (const plan of REGION_PLANS[listing.supplier]) {
        if (plan.share < 1 && random() >= plan.share) continue;
        const priceFen = gradePriceFen(p.row.oePriceFen, listing.grade, random());
        const regionCodes = normaliseRegionCodes(plan.codes);
        offers.push({
          id: seededId(seed, DEMO_ORDINALS.offer + offers.length, `offer:${id}:${regionKey(regionCodes)}`),
          productId: id,
          supplierOrgId,
          priceFen,
          vatFen: vatOfGross(priceFen),
          minQty: 1,
          leadTimeDays: between(random, plan.leadDays),
          regionCodes,
          regionKey: regionKey(regionCodes),
          validFrom: '2026-01-01',
        });
        // Drawn still (it was the offer's declared stock, now gone), so that the rest of the demo
        // catalog stays what it was.
        if (listing.grade === 'recycled') between(random, [1, 3]);
        else between(random, [0, 40]);
      }
    }
  }
  return { products, productParts, offers };
}
