import type { Category, Grade } from '../../catalog/index.ts';
import { regionPath } from '../../regions/index.ts';
import { atMostUnitFen } from '../../../platform/bounds.ts';

// An insurer's price guide (指导价): for a part, or for a whole category, nationwide or for one
// region, the most it pays per grade. A cap is either a share of the OE reference price in basis
// points (certified ≤ 7000 bp = 70 % of OE) or an absolute amount in fen. Prices are unit prices
// and include VAT, like the offers they are compared with.
export type GradeCap = { bp: number } | { maxFen: bigint };

export type GradeCaps = Partial<Record<Grade, GradeCap>>;

// A region of null means nationwide. A region code is any GB/T 2260 code; it matches a line whose
// delivery region lies inside it (normally a province code, but a city works the same way).
export type PriceGuideEntry =
  | {
      scope: 'part';
      partId: string;
      regionCode: string | null;
      // The insurer's own OE reference for this part (and region); null keeps the catalog's OE
      // list price.
      oeReferenceFen: bigint | null;
      caps: GradeCaps;
    }
  | {
      scope: 'category';
      category: Category;
      regionCode: string | null;
      caps: GradeCaps;
    };

export type GuideSource = 'part_region' | 'part' | 'category_region' | 'category' | 'none';

export type ResolvedGuide = {
  source: GuideSource;
  entry: PriceGuideEntry | null;
  oeReferenceFen: bigint;
  // The most allowed per unit, in fen, per grade; null means the guide sets no cap.
  capsFen: Record<Grade, bigint | null>;
};

export type GuideQuery = { partId: string; category: Category; regionCode: string; partOePriceFen: bigint };

// A value for every grade, spelled out so the type checker sees each key without a cast.
function perGrade<T>(value: (grade: Grade) => T): Record<Grade, T> {
  return { oem: value('oem'), oes: value('oes'), certified: value('certified'), aftermarket: value('aftermarket'), recycled: value('recycled') };
}

// Basis points of a reference, rounded down to the fen: a cap is a limit, so rounding may only
// ever make it stricter, never let a fen more through.
export function bpOf(referenceFen: bigint, bp: number): bigint {
  if (!Number.isInteger(bp) || bp < 0) throw new Error(`bpOf: basis points must be a non-negative integer, got ${bp}`);
  if (referenceFen < 0n) throw new Error(`bpOf: negative reference ${referenceFen}`);
  return (referenceFen * BigInt(bp)) / 10_000n;
}

function capFen(cap: GradeCap, referenceFen: bigint): bigint {
  return 'bp' in cap ? bpOf(referenceFen, cap.bp) : atMostUnitFen(cap.maxFen);
}

// Specificity as one comparable number: the scope decides first (any part entry beats any
// category entry, because a per-part price is what the insurer negotiated for exactly this part),
// then a regional entry beats a nationwide one, and a deeper region (district 3 > city 2 >
// province 1) beats a shallower one. Entries whose region does not contain the line's region
// do not apply at all (-1).
function specificity(entry: PriceGuideEntry, query: GuideQuery, pathCodes: readonly string[]): number {
  if (entry.scope === 'part' ? entry.partId !== query.partId : entry.category !== query.category) return -1;
  const scopeWeight = entry.scope === 'part' ? 10 : 0;
  if (entry.regionCode === null) return scopeWeight;
  const depth = pathCodes.indexOf(entry.regionCode);
  return depth === -1 ? -1 : scopeWeight + 1 + depth;
}

// Picks the most specific entry: part+region > part > category+region > category > none. Two
// entries equally specific should not exist (the loader rejects them); if they do, the first in
// the given order wins, so the result is still deterministic.
//
// Caps are computed from the reference price: the entry's own OE reference when a part entry has
// one, the part's catalog OE price otherwise. A grade the chosen entry does not mention is capped
// at the reference price itself, because an insurer that writes a guide for a part never means to
// pay more than genuine OE for it; with no entry at all nothing is capped.
export function resolveGuide(entries: readonly PriceGuideEntry[], query: GuideQuery): ResolvedGuide {
  const pathCodes = regionPath(query.regionCode).map((r) => r.code);
  let best: PriceGuideEntry | null = null;
  let bestScore = -1;
  for (const entry of entries) {
    const score = specificity(entry, query, pathCodes);
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }

  // References and caps are unit prices; one stored before the domain's bounds may exceed them and
  // is read as the bound (atMostUnitFen), so the line's reference × quantity stays showable.
  if (best === null) {
    return {
      source: 'none',
      entry: null,
      oeReferenceFen: atMostUnitFen(query.partOePriceFen),
      capsFen: perGrade(() => null),
    };
  }

  const oeReferenceFen = atMostUnitFen(best.scope === 'part' && best.oeReferenceFen !== null ? best.oeReferenceFen : query.partOePriceFen);
  const caps = best.caps;
  const capsFen = perGrade<bigint | null>((g) => {
    const cap = caps[g];
    return cap === undefined ? oeReferenceFen : capFen(cap, oeReferenceFen);
  });
  const regional = best.regionCode !== null;
  const source: GuideSource = best.scope === 'part' ? (regional ? 'part_region' : 'part') : regional ? 'category_region' : 'category';
  return { source, entry: best, oeReferenceFen, capsFen };
}

// Whether a unit price of a grade is above the guide, e.g. when a checker corrects a line to
// another price; exactly at the cap is within it.
export function isOverGuide(guide: ResolvedGuide, grade: Grade, unitPriceFen: bigint): boolean {
  const cap = guide.capsFen[grade];
  return cap !== null && unitPriceFen > cap;
}

// How far a unit price is above its cap, as a whole per cent of the cap for the reason text:
// rounded half up, and at least 1 so an excluded offer never reads "over by 0 %". A cap of zero
// (nothing allowed) reads as 100 %.
export function overGuidePct(priceFen: bigint, capFen: bigint): number {
  if (priceFen <= capFen) return 0;
  if (capFen <= 0n) return 100;
  const pct = ((priceFen - capFen) * 200n + capFen) / (capFen * 2n);
  return Number(pct < 1n ? 1n : pct);
}
