import { describe, expect, it } from 'vitest';
import { bpOf, isOverGuide, overGuidePct, resolveGuide, type GuideSource, type PriceGuideEntry } from './price-guide.ts';

const PART = 'part-bumper';
const OTHER = 'part-other';

// Guangdong 440000 → Shenzhen 440300 → Nanshan 440305; Beijing 110000 → Chaoyang 110105.
const entries: Record<string, PriceGuideEntry> = {
  partGd: { scope: 'part', partId: PART, regionCode: '440000', oeReferenceFen: 110_000n, caps: { certified: { bp: 6500 } } },
  partSz: { scope: 'part', partId: PART, regionCode: '440300', oeReferenceFen: null, caps: { certified: { bp: 6000 } } },
  partAll: { scope: 'part', partId: PART, regionCode: null, oeReferenceFen: 120_000n, caps: { certified: { bp: 7000 } } },
  otherAll: { scope: 'part', partId: OTHER, regionCode: null, oeReferenceFen: 1n, caps: {} },
  catGd: { scope: 'category', category: 'body', regionCode: '440000', caps: { certified: { bp: 5500 } } },
  catAll: { scope: 'category', category: 'body', regionCode: null, caps: { certified: { bp: 5000 } } },
  catSafety: { scope: 'category', category: 'safety', regionCode: null, caps: { certified: { bp: 1 } } },
};

describe('resolveGuide picks the most specific entry', () => {
  const query = { partId: PART, category: 'body' as const, partOePriceFen: 100_000n };
  it.each<[string, (keyof typeof entries)[], string, GuideSource, keyof typeof entries | null, bigint, bigint | null]>([
    // name, entries offered, line region, expected source, expected entry, reference, certified cap
    ['part+region beats all', ['catAll', 'catGd', 'partAll', 'partGd'], '440305', 'part_region', 'partGd', 110_000n, 71_500n],
    ['deeper region (city) beats province', ['partGd', 'partSz', 'partAll'], '440305', 'part_region', 'partSz', 100_000n, 60_000n],
    ['list order does not matter', ['partSz', 'partAll', 'partGd'], '440305', 'part_region', 'partSz', 100_000n, 60_000n],
    ['part nationwide beats category+region', ['catGd', 'partAll'], '440305', 'part', 'partAll', 120_000n, 84_000n],
    ['region outside the line: nationwide part entry', ['partGd', 'partAll'], '110105', 'part', 'partAll', 120_000n, 84_000n],
    ['category+region beats category', ['catAll', 'catGd'], '440305', 'category_region', 'catGd', 100_000n, 55_000n],
    ['category nationwide', ['catAll', 'otherAll', 'catSafety'], '110105', 'category', 'catAll', 100_000n, 50_000n],
    ['category of another region only: none', ['catGd', 'otherAll'], '110105', 'none', null, 100_000n, null],
    ['no entries: none', [], '440305', 'none', null, 100_000n, null],
  ])('%s', (_name, keys, regionCode, source, entryKey, reference, certifiedCap) => {
    const guide = resolveGuide(
      keys.map((k) => entries[k]!),
      { ...query, regionCode },
    );
    expect(guide.source).toBe(source);
    expect(guide.entry).toBe(entryKey === null ? null : entries[entryKey]);
    expect(guide.oeReferenceFen).toBe(reference);
    expect(guide.capsFen.certified).toBe(certifiedCap);
  });

  it('the first of two equally specific entries wins', () => {
    const a: PriceGuideEntry = { scope: 'category', category: 'body', regionCode: null, caps: { certified: { bp: 1000 } } };
    const b: PriceGuideEntry = { scope: 'category', category: 'body', regionCode: null, caps: { certified: { bp: 2000 } } };
    expect(resolveGuide([a, b], { ...query, regionCode: '440305' }).entry).toBe(a);
    expect(resolveGuide([b, a], { ...query, regionCode: '440305' }).entry).toBe(b);
  });
});

describe('resolveGuide caps per grade', () => {
  const entry: PriceGuideEntry = {
    scope: 'part',
    partId: PART,
    regionCode: null,
    oeReferenceFen: 99_999n,
    caps: { oes: { bp: 9000 }, certified: { bp: 7000 }, aftermarket: { maxFen: 40_000n }, recycled: { bp: 3333 } },
  };
  const guide = resolveGuide([entry], { partId: PART, category: 'body', regionCode: '440305', partOePriceFen: 1n });
  it.each([
    ['oem', 99_999n], // not mentioned: capped at the reference
    ['oes', 89_999n], // 89 999.1 rounded down
    ['certified', 69_999n], // 69 999.3 rounded down
    ['aftermarket', 40_000n], // absolute cap
    ['recycled', 33_329n], // 33 329.6667 rounded down
  ] as const)('%s → %s fen', (grade, cap) => expect(guide.capsFen[grade]).toBe(cap));

  it('no entry caps nothing', () => {
    const none = resolveGuide([], { partId: PART, category: 'body', regionCode: '440305', partOePriceFen: 5n });
    expect(Object.values(none.capsFen).every((c) => c === null)).toBe(true);
  });
});

describe('bpOf rounds down to the fen', () => {
  it.each([
    [100_000n, 7000, 70_000n],
    [1n, 9999, 0n],
    [3n, 3333, 0n],
    [12_345n, 10_000, 12_345n],
    [12_345n, 11_000, 13_579n], // 13 579.5 → 13 579
    [0n, 7000, 0n],
  ])('%s × %s bp → %s', (ref, bp, out) => expect(bpOf(ref, bp)).toBe(out));

  it.each([[-1], [1.5], [Number.NaN]])('rejects %s basis points', (bp) => expect(() => bpOf(1n, bp)).toThrow());
});

describe('overGuidePct', () => {
  it.each([
    [70_000n, 70_000n, 0], // exactly at the cap: not over
    [69_999n, 70_000n, 0],
    [70_001n, 70_000n, 1], // 0.0014 % still reads 1 %
    [78_400n, 70_000n, 12],
    [78_749n, 70_000n, 12], // 12.498 %
    [78_750n, 70_000n, 13], // 12.5 % rounds half up
    [140_000n, 70_000n, 100],
    [5n, 0n, 100], // a zero cap
  ])('%s over %s → %s %%', (price, cap, pct) => expect(overGuidePct(price, cap)).toBe(pct));
});

describe('isOverGuide', () => {
  const guide = resolveGuide([{ scope: 'category', category: 'body', regionCode: null, caps: { certified: { bp: 7000 } } }], {
    partId: PART,
    category: 'body',
    regionCode: '440305',
    partOePriceFen: 100_000n,
  });
  const none = resolveGuide([], { partId: PART, category: 'body', regionCode: '440305', partOePriceFen: 100_000n });
  it.each([
    ['certified at the cap', guide, 'certified', 70_000n, false],
    ['certified 1 fen over', guide, 'certified', 70_001n, true],
    ['oem at the reference', guide, 'oem', 100_000n, false],
    ['oem 1 fen over the reference', guide, 'oem', 100_001n, true],
    ['no guide', none, 'oem', 10n ** 9n, false],
  ] as const)('%s', (_name, g, grade, price, over) => expect(isOverGuide(g, grade, price)).toBe(over));
});
