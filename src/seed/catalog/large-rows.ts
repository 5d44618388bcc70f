import type { Category } from '../../modules/catalog/categories.ts';
import type { Grade } from '../../modules/catalog/grades.ts';
import { normaliseOe } from '../../modules/catalog/oe-number.ts';
import { normaliseRegionCodes, regionKey } from '../../modules/catalog/index.ts';
import { namePinyin } from '../../modules/catalog/pinyin.ts';
import { vatOfGross } from '../../platform/money.ts';
import { rng, seededId } from '../rng.ts';
import { certificateNo, type CertBodyCode } from './cert-bodies.ts';
import { LARGE_ORDINALS, type LargeModel } from './large-models.ts';
import { makers } from './makers.ts';
import { formatOe, VARIANT_CAPACITY } from './oe-formats.ts';
import { partTemplates } from './part-templates.ts';
import { gradePriceFen, oePriceFen } from './pricing.ts';

// The rows of one generated part: the part, its fitment, and its products with one offer each.
// Everything about part `i` is a pure function of (seed, i, scale), so the loader can generate
// any range of parts in any order and a rerun makes the same rows.

export type LargeScale = { models: number; parts: number; offers: number };

export type LargePart = {
  id: string;
  oeNo: string;
  oeNorm: string;
  nameZh: string;
  nameEn: string;
  pinyin: string;
  initials: string;
  category: Category;
  oePriceFen: bigint;
};
export type LargeProduct = {
  id: string;
  supplierOrgId: string;
  sku: string;
  brand: string;
  name: string;
  grade: Grade;
  certBodyId: string | null;
  certNo: string | null;
  certValidFrom: string | null;
  certValidTo: string | null;
  warrantyMonths: number;
};
export type LargeOffer = {
  id: string;
  productId: string;
  supplierOrgId: string;
  priceFen: bigint;
  vatFen: bigint;
  minQty: number;
  leadTimeDays: number;
  regionCodes: readonly string[];
  regionKey: string;
  validFrom: string;
};
export type LargePartRows = { part: LargePart; fitModelIds: string[]; products: LargeProduct[]; offers: LargeOffer[] };

export type LargeContext = {
  seed: number;
  scale: LargeScale;
  models: readonly LargeModel[];
  supplierOrgIds: readonly string[];
  certBodyIds: Record<CertBodyCode, string>;
};

// Trim and revision words that set apart versions of one part of one car (带雷达孔, LED…).
const DESCRIPTORS: Readonly<Record<Category, readonly string[]>> = {
  body: ['', '带雷达孔', '不带雷达孔', '运动版', '带摄像头孔', '带洗灯孔', '改款', '高配', '低配', '电镀饰条'],
  structure: ['', '改款', '加强型', '铝制', '钢制'],
  lighting: ['', 'LED', '卤素', '氙气', '矩阵式LED', '带随动转向', '改款', '高配', '低配'],
  glass: ['', '带雨量传感器', '带HUD', '隔音', '加热', '改款'],
  cooling: ['', '自动挡', '手动挡', '改款', '铝制', '高配'],
  chassis: ['', '四驱', '两驱', '运动悬挂', '改款', '加强型'],
  electrical: ['', '改款', '高配', '黑色', '白色', '银色'],
  safety: ['', '改款', '高配', '低配', '黑色', '米色'],
  interior: ['', '黑色', '米色', '灰色', '带HUD', '改款', '高配'],
  engine: ['', '改款', '高配', '塑料', '钢制'],
};

// Grades a part of the category is sold in, in the order products take them. Airbags and belts
// are genuine or OES only.
const CERTIFIABLE: readonly Grade[] = ['oem', 'oes', 'certified', 'aftermarket', 'oem', 'recycled'];
const GRADES: Readonly<Record<Category, readonly Grade[]>> = {
  body: CERTIFIABLE,
  lighting: CERTIFIABLE,
  cooling: CERTIFIABLE,
  glass: CERTIFIABLE,
  structure: ['oem', 'oes', 'aftermarket'],
  chassis: ['oem', 'oes', 'aftermarket', 'recycled'],
  electrical: ['oem', 'oes', 'aftermarket'],
  interior: ['oem', 'oes', 'aftermarket'],
  engine: ['oem', 'oes', 'aftermarket'],
  safety: ['oem', 'oes'],
};

// Brands of the makers' own suppliers (OES) by category.
const OES_BRANDS: Readonly<Record<Category, readonly string[]>> = {
  body: ['华骏', '敏实', '延锋'],
  structure: ['华骏', '本特勒'],
  lighting: ['海拉', '法雷奥', '星宇', '小糸'],
  glass: ['福耀', '信义', '圣戈班'],
  cooling: ['法雷奥', '马勒', '电装', '银轮'],
  chassis: ['采埃孚', '萨克斯', '天纳克'],
  electrical: ['博世', '大陆', '电装'],
  safety: ['奥托立夫', '均胜'],
  interior: ['延锋', '佛吉亚'],
  engine: ['马勒', '曼牌'],
};
const CERTIFIED_BRANDS = ['安信', '骏诚', '精配'];
const AFTERMARKET_BRANDS = ['粤通优配', '驰诚', '佳途'];
const SKU_TAGS: Readonly<Record<Grade, string>> = { oem: 'OEM', oes: 'OES', certified: 'CRT', aftermarket: 'AM', recycled: 'RC' };
const WARRANTY_MONTHS: Readonly<Record<Grade, number>> = { oem: 12, oes: 12, certified: 24, aftermarket: 6, recycled: 3 };
const CERT_BODIES: readonly CertBodyCode[] = ['CAPA', 'CATARC', 'CQC'];

// Regions offers serve, as the trade ships: nationwide, or from a regional warehouse.
// Stored as the offers module stores them: codes sorted, with their key computed once.
const REGION_SETS = [
  [],
  [],
  ['330000', '310000', '320000'],
  ['440000', '450000', '460000'],
  ['510000', '500000'],
  ['110000', '120000', '130000'],
  ['420000', '430000', '360000'],
  ['370000'],
  ['210000', '220000', '230000'],
  ['610000', '620000'],
  ['350000'],
].map((codes) => {
  const normalised = normaliseRegionCodes(codes);
  return { codes: normalised, key: regionKey(normalised) };
});

export function hash32(a: number, b: number, c: number): number {
  let h = 0x9e3779b9 ^ a;
  for (const v of [b, c]) {
    h = Math.imul(h ^ v, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

// Products of parts [0, i): offers are spread evenly (Bresenham), then pairs of parts trade one
// product so that counts vary (2-4 around an average of 3) while the total stays exact.
export function productsBefore(ctx: LargeContext, i: number): number {
  const { parts, offers } = ctx.scale;
  const even = Math.floor((i * offers) / parts);
  return i % 2 === 1 ? even + pairShift(ctx, i - 1) : even;
}

function pairShift(ctx: LargeContext, evenIndex: number): number {
  const second = evenProductsBefore(ctx, evenIndex + 2) - evenProductsBefore(ctx, evenIndex + 1);
  return evenIndex + 1 < ctx.scale.parts && second >= 2 && (hash32(ctx.seed, evenIndex, 7) & 1) === 1 ? 1 : 0;
}

function evenProductsBefore(ctx: LargeContext, i: number): number {
  return Math.floor((i * ctx.scale.offers) / ctx.scale.parts);
}

const pinyinCache = new Map<string, { pinyin: string; initials: string }>();
const PINYIN_CACHE_LIMIT = 200_000;

function pinyinOf(name: string): { pinyin: string; initials: string } {
  let p = pinyinCache.get(name);
  if (!p) {
    p = namePinyin(name);
    // Names repeat across models; the cap only guards against unbounded vocabularies.
    if (pinyinCache.size < PINYIN_CACHE_LIMIT) pinyinCache.set(name, p);
  }
  return p;
}

function dateIn2025(u: number): string {
  const day = Math.floor(u * 336);
  return `${String(Math.floor(day / 28) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}`;
}

export function largePartRows(ctx: LargeContext, i: number): LargePartRows {
  const { models, seed } = ctx;
  const owner = models[i % models.length]!;
  const slot = Math.floor(i / models.length);
  const templateIdx = owner.templates[slot % owner.templates.length]!;
  const template = partTemplates[templateIdx]!;
  const variant = Math.floor(slot / owner.templates.length);
  const style = owner.maker.style;
  if (variant >= VARIANT_CAPACITY[style]) throw new Error(`too many parts per model for OE style ${style}: add models or fewer parts`);
  const random = rng(hash32(seed, i, 1));

  const oeNo = formatOe({ style, modelCode: owner.oeCode, template, templateIndex: templateIdx, variant, prefix: owner.maker.prefix });
  const descriptors = DESCRIPTORS[template.category];
  const descriptor = descriptors[variant % descriptors.length];
  const nameZh = `${template.nameZh}（${owner.series.zh}${descriptor ? ` ${descriptor}` : ''}）`;
  const oePrice = oePriceFen(template, owner.tier, random());
  const part: LargePart = {
    id: seededId(seed, LARGE_ORDINALS.part + i, `part:${i}`),
    oeNo,
    oeNorm: normaliseOe(oeNo),
    nameZh,
    nameEn: `${template.nameEn} (${owner.series.en})`,
    ...pinyinOf(nameZh),
    category: template.category,
    oePriceFen: oePrice,
  };

  // One to three models of the owner's maker: its neighbours in the maker's list are the same
  // series in other engines or years, the cars that really share parts.
  const fitModelIds = [owner.id];
  const extra = Math.floor(random() * 3);
  for (let e = 1; e <= extra && e < owner.makerCount; e++) {
    const other = models[owner.makerIndex + ((owner.makerRank + e) % owner.makerCount) * makers.length]!;
    if (other.templates.includes(templateIdx) && !fitModelIds.includes(other.id)) fitModelIds.push(other.id);
  }

  const first = productsBefore(ctx, i);
  const count = productsBefore(ctx, i + 1) - first;
  const grades = GRADES[template.category];
  const gradeStart = Math.floor(random() * grades.length);
  const supplierStart = Math.floor(random() * ctx.supplierOrgIds.length);
  const products: LargeProduct[] = [];
  const offers: LargeOffer[] = [];
  for (let j = 0; j < count; j++) {
    const p = first + j;
    const grade = grades[(gradeStart + j) % grades.length]!;
    const supplierOrgId = ctx.supplierOrgIds[(supplierStart + j) % ctx.supplierOrgIds.length]!;
    const brand = brandOf(grade, template.category, owner.maker.marque, random());
    const certified = grade === 'certified';
    const certBody = CERT_BODIES[p % CERT_BODIES.length]!;
    const certFrom = certified ? `2025-${dateIn2025(random())}` : null;
    const product: LargeProduct = {
      id: seededId(seed, LARGE_ORDINALS.product + p, `product:${p}`),
      supplierOrgId,
      sku: `${SKU_TAGS[grade]}-${part.oeNorm}-${j}`,
      brand,
      name: `${brand} ${nameZh}`,
      grade,
      certBodyId: certified ? ctx.certBodyIds[certBody] : null,
      certNo: certified ? certificateNo(certBody, p, 2025) : null,
      certValidFrom: certFrom,
      certValidTo: certFrom ? `2028${certFrom.slice(4)}` : null,
      warrantyMonths: WARRANTY_MONTHS[grade],
    };
    const regions = REGION_SETS[Math.floor(random() * REGION_SETS.length)]!;
    const priceFen = gradePriceFen(oePrice, grade, random());
    products.push(product);
    offers.push({
      id: seededId(seed, LARGE_ORDINALS.offer + p, `offer:${p}`),
      productId: product.id,
      supplierOrgId,
      priceFen,
      vatFen: vatOfGross(priceFen),
      minQty: 1,
      leadTimeDays: Math.floor(random() * 8),
      regionCodes: regions.codes,
      regionKey: regions.key,
      validFrom: '2026-01-01',
    });
    // Drawn still (it was the offer's declared stock, now gone), so the large catalog stays the same.
    random();
  }
  return { part, fitModelIds, products, offers };
}

function brandOf(grade: Grade, category: Category, marque: string, u: number): string {
  const pickFrom = (list: readonly string[]) => list[Math.floor(u * list.length)]!;
  switch (grade) {
    case 'oem':
      return marque;
    case 'oes':
      return pickFrom(OES_BRANDS[category]);
    case 'certified':
      return pickFrom(CERTIFIED_BRANDS);
    case 'aftermarket':
      return pickFrom(AFTERMARKET_BRANDS);
    case 'recycled':
      return '拆车件';
  }
}
