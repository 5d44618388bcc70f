import type { Grade } from '../../modules/catalog/grades.ts';
import type { Tier } from './makers.ts';
import type { PartTemplate } from './part-templates.ts';

// Seed prices: OE list prices by part and car tier, and each grade's price as a share of OE in
// the bands the trade quotes (certified about 60-75 % of OE, and so on).

// What a premium car's part costs against an economy car's, before the part's own sensitivity.
const TIER_FACTOR: Readonly<Record<Tier, number>> = { 1: 1, 2: 1.3, 3: 1.9, 4: 5 };

// Grade price bands in per mille of the OE price, inclusive.
export const GRADE_BANDS_PERMILLE: Readonly<Record<Grade, readonly [number, number]>> = {
  oem: [950, 1050],
  oes: [700, 850],
  certified: [600, 750],
  aftermarket: [400, 600],
  recycled: [300, 450],
};

// Rounding to whole yuan moves a price by at most half a yuan; drawing the ratio this far inside
// its band keeps rounded prices of parts over ¥50 inside the band.
const BAND_MARGIN_PERMILLE = 10;

export function tierMultiplier(template: PartTemplate, tier: Tier): number {
  return 1 + (TIER_FACTOR[tier] - 1) * template.tierSensitivity;
}

// A list price in whole yuan (as fen) drawn from the template's range, scaled by the car's tier.
// `u` is a uniform draw in [0, 1).
export function oePriceFen(template: PartTemplate, tier: Tier, u: number): bigint {
  const [low, high] = template.priceYuan;
  const yuan = Math.round((low + (high - low) * u) * tierMultiplier(template, tier));
  return BigInt(Math.max(yuan, 1) * 100);
}

// The price of a product of `grade` against the OE price, rounded to whole yuan.
export function gradePriceFen(oePrice: bigint, grade: Grade, u: number): bigint {
  const [low, high] = GRADE_BANDS_PERMILLE[grade];
  const permille = low + BAND_MARGIN_PERMILLE + Math.floor(u * (high - low - 2 * BAND_MARGIN_PERMILLE + 1));
  const fen = (oePrice * BigInt(permille)) / 1000n;
  const yuan = (fen + 50n) / 100n;
  return (yuan > 0n ? yuan : 1n) * 100n;
}
