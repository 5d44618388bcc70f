import { describe, expect, it } from 'vitest';
import type { Category } from '../../catalog/categories.ts';
import type { Grade } from '../../catalog/grades.ts';
import type { PartOfferRow } from '../../catalog/offers-for-parts.ts';
import type { DeliverableSource, OfferSource } from './offer-source.ts';
import { ProcurementPolicy, type ProcurementPolicyJson } from './policy.ts';
import { resolveGuide, type ResolvedGuide } from './price-guide.ts';
import { candidateOf, rankOffers, type CandidateOffer, type RankInput } from './rank-offers.ts';
import type { Reason } from './reasons.ts';

const TODAY = '2025-06-15';
const ALL: Grade[] = ['oem', 'oes', 'certified', 'aftermarket', 'recycled'];

function policyOf(overrides: Partial<ProcurementPolicyJson> = {}): ProcurementPolicy {
  return ProcurementPolicy.parse({
    byCategory: { safety: ['oem'] },
    byVehicleAge: [
      { fromYears: 0, underYears: 3, grades: ['oem', 'oes'] },
      { fromYears: 3, underYears: 9, grades: ['oem', 'oes', 'certified', 'aftermarket'] },
      { fromYears: 9, underYears: null, grades: ALL },
    ],
    byVehiclePrice: [{ fromFen: 50_000_000, underFen: null, grades: ['oem', 'oes', 'certified'] }],
    choose: 'cheapest',
    maxLeadTimeDays: 3,
    approval: { lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true },
    ...overrides,
  });
}

// OE reference 100 000 fen; caps: oem 100 000 (unlisted), oes 90 000, certified 70 000,
// aftermarket 50 000, recycled 30 000.
const guide: ResolvedGuide = resolveGuide(
  [{ scope: 'part', partId: 'p1', regionCode: null, oeReferenceFen: null, caps: { oes: { bp: 9000 }, certified: { bp: 7000 }, aftermarket: { bp: 5000 }, recycled: { bp: 3000 } } }],
  { partId: 'p1', category: 'body', regionCode: '440305', partOePriceFen: 100_000n },
);

const VALID_CERT = { validFrom: '2024-01-01', validTo: '2026-12-31' };

const HZ = { code: 'HZ-CENTRAL', name: '华东中心仓' };
const CD = { code: 'CD-FRONT', name: '西南前置仓' };
const SUP = { code: 'SUP-OWN', name: '供应商自有仓' };
const stock = (etaDays: number): DeliverableSource => ({ kind: 'stock', etaDays, ship: HZ });
const purchase = (etaDays: number): DeliverableSource => ({ kind: 'purchase', etaDays, ship: HZ });
const dropShip = (etaDays: number): DeliverableSource => ({ kind: 'drop_ship', etaDays, ship: SUP });
const transfer = (etaDays: number): DeliverableSource => ({ kind: 'transfer', etaDays, ship: HZ, from: CD });
const NONE: OfferSource = { kind: 'none', reason: 'no_warehouse_covers_region' };

// Unless a case says where it comes from, an offer is bought and arrives in its lead time (as if
// inbound and transit took no time), so the cases about prices and grades read as before.
function offer(offerId: string, grade: Grade, priceFen: bigint, more: Partial<CandidateOffer> = {}): CandidateOffer {
  const leadTimeDays = more.leadTimeDays ?? 1;
  return { offerId, grade, priceFen, leadTimeDays, minQty: 1, certification: grade === 'certified' ? VALID_CERT : null, source: purchase(leadTimeDays), ...more };
}

function rank(offers: CandidateOffer[], opts: { category?: Category; ageYears?: number; priceFen?: bigint; quantity?: number; policy?: ProcurementPolicy } = {}) {
  const input: RankInput = {
    line: { partId: 'p1', category: opts.category ?? 'body', quantity: opts.quantity ?? 1, regionCode: '440305' },
    vehicle: { ageYears: opts.ageYears ?? 5, priceFen: opts.priceFen ?? 15_000_000n },
    offers,
    policy: opts.policy ?? policyOf(),
    guide,
    today: TODAY,
  };
  return rankOffers(input);
}

const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

describe('rankOffers: which offer is chosen', () => {
  const market = [
    offer('a-oem', 'oem', 98_000n),
    offer('b-oes', 'oes', 80_000n),
    offer('c-cert', 'certified', 65_000n),
    offer('d-after', 'aftermarket', 45_000n),
    offer('e-recy', 'recycled', 20_000n),
  ];
  it.each<[string, Parameters<typeof rank>[1], string | null, string[]]>([
    // name, options, chosen, allowed offers in order
    ['mid-age car: cheapest allowed is aftermarket', {}, 'd-after', ['d-after', 'c-cert', 'b-oes', 'a-oem']],
    ['old car: recycled', { ageYears: 10 }, 'e-recy', ['e-recy', 'd-after', 'c-cert', 'b-oes', 'a-oem']],
    ['new car: oes', { ageYears: 1 }, 'b-oes', ['b-oes', 'a-oem']],
    ['expensive car: certified', { priceFen: 60_000_000n }, 'c-cert', ['c-cert', 'b-oes', 'a-oem']],
    ['airbag: oem', { category: 'safety', ageYears: 12 }, 'a-oem', ['a-oem']],
    [
      'preferred grade first: oem before cheaper grades',
      { policy: policyOf({ choose: 'preferred_grade_first', preferredGrades: ['oem', 'certified', 'oes'] }) },
      'a-oem',
      ['a-oem', 'c-cert', 'b-oes', 'd-after'],
    ],
    [
      'preferred grade first: unlisted grades follow, best grade first',
      { ageYears: 10, policy: policyOf({ choose: 'preferred_grade_first', preferredGrades: ['certified'] }) },
      'c-cert',
      ['c-cert', 'a-oem', 'b-oes', 'd-after', 'e-recy'],
    ],
  ])('%s', (_name, opts, chosen, allowed) => {
    const result = rank(market, opts);
    expect(result.chosen?.offerId ?? null).toBe(chosen);
    expect(result.candidates.filter((c) => c.allowed).map((c) => c.offerId)).toEqual(allowed);
    expect(result.candidates).toHaveLength(market.length);
    expect(result.needsInquiry).toBe(false);
  });

  it('preferred grade first falls back to the next preferred grade in stock', () => {
    const policy = policyOf({ choose: 'preferred_grade_first', preferredGrades: ['oem', 'oes', 'certified'] });
    const result = rank([offer('c1', 'certified', 60_000n), offer('b1', 'oes', 85_000n), offer('b2', 'oes', 84_000n)], { policy });
    expect(result.candidates.map((c) => c.offerId)).toEqual(['b2', 'b1', 'c1']);
    expect(result.chosen?.reasons).toEqual([
      { code: 'preferred_grade', params: { grade: 'oes' } },
      { code: 'sourced', params: purchase(1) },
    ]);
  });
});

describe('rankOffers: exclusions', () => {
  it.each<[string, CandidateOffer, Parameters<typeof rank>[1], Reason[]]>([
    ['certified exactly at the cap', offer('x', 'certified', 70_000n), {}, []],
    ['certified 1 fen over the cap', offer('x', 'certified', 70_001n), {}, [{ code: 'excluded_over_guide', params: { grade: 'certified', pct: 1 } }]],
    ['certified 12 % over', offer('x', 'certified', 78_400n), {}, [{ code: 'excluded_over_guide', params: { grade: 'certified', pct: 12 } }]],
    ['oem over the reference', offer('x', 'oem', 100_001n), {}, [{ code: 'excluded_over_guide', params: { grade: 'oem', pct: 1 } }]],
    ['recycled at its cap on an old car', offer('x', 'recycled', 30_000n), { ageYears: 9 }, []],
    ['ETA exactly the max', offer('x', 'oes', 80_000n, { leadTimeDays: 3 }), {}, []],
    ['too slow', offer('x', 'oes', 80_000n, { leadTimeDays: 5 }), {}, [{ code: 'excluded_slow', params: { days: 5, max: 3 } }]],
    // The ETA decides, not the supplier's lead time: bought in 1 day but 4 to arrive, or held in
    // stock by a supplier whose lead time alone would be too slow.
    ['quick to buy, slow to arrive', offer('x', 'oes', 80_000n, { leadTimeDays: 1, source: purchase(4) }), {}, [{ code: 'excluded_slow', params: { days: 4, max: 3 } }]],
    ['slow supplier, but in stock', offer('x', 'oes', 80_000n, { leadTimeDays: 9, source: stock(1) }), {}, []],
    ['transfer over the max', offer('x', 'oes', 80_000n, { source: transfer(5) }), {}, [{ code: 'excluded_slow', params: { days: 5, max: 3 } }]],
    ['drop-ship within the max', offer('x', 'oes', 80_000n, { source: dropShip(3) }), {}, []],
    ['no warehouse delivers there', offer('x', 'oes', 80_000n, { source: NONE }), {}, [{ code: 'excluded_undeliverable', params: { why: 'no_warehouse_covers_region', regionCode: '440305' } }]],
    [
      'nowhere in stock and not for sale: undeliverable, never slow',
      offer('x', 'oes', 80_000n, { leadTimeDays: 30, source: { kind: 'none', reason: 'not_purchasable' } }),
      {},
      [{ code: 'excluded_undeliverable', params: { why: 'not_purchasable', regionCode: '440305' } }],
    ],
    [
      'certificate expired yesterday',
      offer('x', 'certified', 60_000n, { certification: { validFrom: '2023-01-01', validTo: '2025-06-14' } }),
      {},
      [{ code: 'excluded_certificate_invalid', params: { validFrom: '2023-01-01', validTo: '2025-06-14' } }],
    ],
    ['certificate ends today', offer('x', 'certified', 60_000n, { certification: { validFrom: '2023-01-01', validTo: TODAY } }), {}, []],
    ['certificate starts today', offer('x', 'certified', 60_000n, { certification: { validFrom: TODAY, validTo: '2027-01-01' } }), {}, []],
    [
      'certificate not yet valid',
      offer('x', 'certified', 60_000n, { certification: { validFrom: '2025-06-16', validTo: '2027-01-01' } }),
      {},
      [{ code: 'excluded_certificate_invalid', params: { validFrom: '2025-06-16', validTo: '2027-01-01' } }],
    ],
    ['certified without certificate', offer('x', 'certified', 60_000n, { certification: null }), {}, [{ code: 'excluded_certificate_invalid', params: { validFrom: null, validTo: null } }]],
    ['aftermarket needs no certificate', offer('x', 'aftermarket', 40_000n), {}, []],
    ['below minimum quantity', offer('x', 'oes', 80_000n, { minQty: 4 }), { quantity: 2 }, [{ code: 'excluded_min_qty', params: { minQty: 4, quantity: 2 } }]],
    ['at minimum quantity', offer('x', 'oes', 80_000n, { minQty: 2 }), { quantity: 2 }, []],
    ['serves the province', offer('x', 'oes', 80_000n, { regionCodes: ['440000'] }), {}, []],
    ['serves another province only', offer('x', 'oes', 80_000n, { regionCodes: ['110000'] }), {}, [{ code: 'excluded_region', params: { regionCode: '440305' } }]],
    ['nationwide (empty region list)', offer('x', 'oes', 80_000n, { regionCodes: [] }), {}, []],
    ['grade not allowed for the category', offer('x', 'oes', 80_000n), { category: 'safety' }, [{ code: 'excluded_grade_not_allowed', params: { grade: 'oes', why: 'category', category: 'safety' } }]],
    ['recycled on a mid-age car', offer('x', 'recycled', 20_000n), { ageYears: 8 }, [{ code: 'excluded_grade_not_allowed', params: { grade: 'recycled', why: 'vehicle_age', ageYears: 8 } }]],
    [
      'aftermarket on an expensive car',
      offer('x', 'aftermarket', 40_000n),
      { priceFen: 50_000_000n },
      [{ code: 'excluded_grade_not_allowed', params: { grade: 'aftermarket', why: 'vehicle_price', fromYuan: '500000.00', underYuan: null } }],
    ],
    [
      'everything wrong at once, in a fixed order',
      offer('x', 'certified', 80_000n, { certification: null, minQty: 5, regionCodes: ['110000'], leadTimeDays: 9, source: purchase(9) }),
      { ageYears: 1 },
      [
        { code: 'excluded_grade_not_allowed', params: { grade: 'certified', why: 'vehicle_age', ageYears: 1 } },
        { code: 'excluded_certificate_invalid', params: { validFrom: null, validTo: null } },
        { code: 'excluded_min_qty', params: { minQty: 5, quantity: 1 } },
        { code: 'excluded_region', params: { regionCode: '440305' } },
        { code: 'excluded_slow', params: { days: 9, max: 3 } },
        { code: 'excluded_over_guide', params: { grade: 'certified', pct: 14 } },
      ],
    ],
  ])('%s', (_name, candidate, opts, exclusions) => {
    const [ranked] = rank([candidate], opts).candidates;
    expect(ranked?.allowed).toBe(exclusions.length === 0);
    if (exclusions.length > 0) expect(ranked?.reasons).toEqual(exclusions);
    else expect(codes(ranked?.reasons ?? [])).not.toContain('excluded_over_guide');
  });

  it('no lead-time limit and no guide: nothing about time or price excludes', () => {
    const policy = policyOf({ maxLeadTimeDays: null });
    const noGuide = resolveGuide([], { partId: 'p1', category: 'body', regionCode: '440305', partOePriceFen: 100_000n });
    const result = rankOffers({
      line: { partId: 'p1', category: 'body', quantity: 1, regionCode: '440305' },
      vehicle: { ageYears: 5, priceFen: 1n },
      offers: [offer('x', 'oem', 999_999n, { leadTimeDays: 60 })],
      policy,
      guide: noGuide,
      today: TODAY,
    });
    expect(result.chosen?.offerId).toBe('x');
    expect(result.chosen?.guideCapFen).toBeNull();
  });
});

describe('rankOffers: deterministic ties', () => {
  it.each<[string, CandidateOffer[], string[], Reason | null]>([
    ['cheaper wins', [offer('a', 'oes', 80_001n), offer('b', 'oes', 80_000n)], ['b', 'a'], null],
    ['equal price: sooner wins', [offer('a', 'oes', 80_000n, { leadTimeDays: 2 }), offer('b', 'oes', 80_000n, { leadTimeDays: 1 })], ['b', 'a'], { code: 'won_tie', params: { by: 'eta' } }],
    [
      'equal price: the one in stock beats the one to buy',
      [offer('buy', 'oes', 80_000n, { leadTimeDays: 0, source: purchase(3) }), offer('held', 'oes', 80_000n, { leadTimeDays: 5, source: stock(1) })],
      ['held', 'buy'],
      { code: 'won_tie', params: { by: 'eta' } },
    ],
    [
      'equal price and ETA: goods on hand before goods to move or buy',
      [
        offer('buy', 'oes', 80_000n, { source: purchase(2) }),
        offer('move', 'oes', 80_000n, { source: transfer(2) }),
        offer('ship', 'oes', 80_000n, { source: dropShip(2) }),
        offer('held', 'oes', 80_000n, { source: stock(2) }),
      ],
      ['held', 'ship', 'move', 'buy'],
      { code: 'won_tie', params: { by: 'source' } },
    ],
    [
      'equal price, ETA and source: shorter lead time',
      [offer('a', 'oes', 80_000n, { leadTimeDays: 4, source: stock(1) }), offer('b', 'oes', 80_000n, { leadTimeDays: 2, source: stock(1) })],
      ['b', 'a'],
      { code: 'won_tie', params: { by: 'lead_time' } },
    ],
    ['cheaper beats sooner when days are not priced', [offer('soon', 'oes', 80_001n, { source: stock(1) }), offer('late', 'oes', 80_000n, { source: purchase(3) })], ['late', 'soon'], null],
    [
      'equal price and time: higher rating wins',
      [offer('a', 'oes', 80_000n, { supplierRating: 70 }), offer('b', 'oes', 80_000n, { supplierRating: 90 })],
      ['b', 'a'],
      { code: 'won_tie', params: { by: 'rating' } },
    ],
    ['a rated supplier beats an unrated one', [offer('a', 'oes', 80_000n), offer('b', 'oes', 80_000n, { supplierRating: 0 })], ['b', 'a'], { code: 'won_tie', params: { by: 'rating' } }],
    ['all equal: lower id wins', [offer('b', 'oes', 80_000n, { supplierRating: 50 }), offer('a', 'oes', 80_000n, { supplierRating: 50 })], ['a', 'b'], { code: 'won_tie', params: { by: 'offer_id' } }],
    ['ids compare by code unit, not locale', [offer('b', 'oes', 80_000n), offer('B', 'oes', 80_000n), offer('a', 'oes', 80_000n)], ['B', 'a', 'b'], { code: 'won_tie', params: { by: 'offer_id' } }],
    ['across grades, price decides under cheapest', [offer('o', 'oem', 80_000n), offer('s', 'oes', 80_000n, { leadTimeDays: 2 })], ['o', 's'], { code: 'won_tie', params: { by: 'eta' } }],
    ['an undeliverable offer ranks after a deliverable one at the same price', [offer('x', 'oes', 80_000n, { source: NONE }), offer('y', 'oes', 80_000n, { source: purchase(9) })], ['y', 'x'], null],
  ])('%s', (_name, offers, order, tie) => {
    const forward = rank(offers);
    const backward = rank([...offers].reverse());
    expect(forward.candidates.map((c) => c.offerId)).toEqual(order);
    expect(backward).toEqual(forward);
    const tieReasons = forward.chosen?.reasons.filter((r) => r.code === 'won_tie') ?? [];
    expect(tieReasons).toEqual(tie ? [tie] : []);
  });

  it('runner-ups are numbered and excluded offers come last', () => {
    const result = rank([offer('slow', 'oes', 10_000n, { leadTimeDays: 7 }), offer('c', 'oes', 85_000n), offer('a', 'oes', 81_000n), offer('b', 'oes', 82_000n)]);
    expect(result.candidates.map((c) => [c.offerId, c.allowed, codes(c.reasons)])).toEqual([
      ['a', true, ['cheapest_allowed', 'sourced']],
      ['b', true, ['runner_up']],
      ['c', true, ['runner_up']],
      ['slow', false, ['excluded_slow']],
    ]);
    expect(result.candidates.map((c) => c.reasons.find((r) => r.code === 'runner_up')?.params)).toEqual([undefined, { rank: 2 }, { rank: 3 }, undefined]);
  });

  it('an airbag names the category requirement', () => {
    const result = rank([offer('bag', 'oem', 99_000n), offer('cheap', 'aftermarket', 30_000n)], { category: 'safety' });
    expect(result.chosen?.reasons).toEqual([
      { code: 'cheapest_allowed', params: { grade: 'oem' } },
      { code: 'grade_required_by_category', params: { grade: 'oem', category: 'safety' } },
      { code: 'sourced', params: purchase(1) },
    ]);
  });
});

describe('rankOffers: where the chosen offer comes from', () => {
  it.each<[string, DeliverableSource]>([
    ['in stock', stock(1)],
    ['drop-shipped by the supplier', dropShip(2)],
    ['transferred', transfer(3)],
    ['bought', purchase(3)],
  ])('%s: the reason names the source and its ETA', (_name, source) => {
    const result = rank([offer('x', 'oes', 80_000n, { source }), offer('y', 'oes', 81_000n, { source })]);
    expect(result.chosen).toMatchObject({ offerId: 'x', source, etaDays: source.etaDays });
    expect(result.chosen?.reasons).toEqual([
      { code: 'cheapest_allowed', params: { grade: 'oes' } },
      { code: 'sourced', params: source },
    ]);
    // Runners-up and excluded offers carry their source as data, not as a reason.
    expect(codes(result.candidates[1]!.reasons)).toEqual(['runner_up']);
    expect(result.candidates[1]).toMatchObject({ source, etaDays: source.etaDays });
  });

  it('an undeliverable offer has no ETA', () => {
    const [ranked] = rank([offer('x', 'oes', 80_000n, { source: NONE })]).candidates;
    expect(ranked).toMatchObject({ allowed: false, source: NONE, etaDays: null });
  });
});

describe('rankOffers: what a delivery day is worth', () => {
  // 80 000 fen in stock (1 day) against 79 500 fen to buy (3 days): ¥5 cheaper, 2 days later.
  const held = offer('held', 'oes', 80_000n, { source: stock(1) });
  const bought = offer('bought', 'oes', 79_500n, { source: purchase(3) });
  it.each<[string, number | null, string, Reason[]]>([
    [
      'not priced: the cheaper wins',
      null,
      'bought',
      [
        { code: 'cheapest_allowed', params: { grade: 'oes' } },
        { code: 'sourced', params: purchase(3) },
      ],
    ],
    [
      '¥1 a day: 2 days are worth less than ¥5',
      100,
      'bought',
      [
        { code: 'cheapest_allowed', params: { grade: 'oes' } },
        { code: 'sourced', params: purchase(3) },
      ],
    ],
    [
      '¥10 a day: 2 days are worth more than ¥5',
      1_000,
      'held',
      [
        { code: 'cheapest_allowed', params: { grade: 'oes' } },
        { code: 'sourced', params: stock(1) },
        { code: 'sooner_worth_more', params: { extraYuan: '5.00', daysSooner: 2, dayValueYuan: '10.00' } },
      ],
    ],
    [
      '¥2.50 a day: equal cost, the sooner wins',
      250,
      'held',
      [
        { code: 'cheapest_allowed', params: { grade: 'oes' } },
        { code: 'sourced', params: stock(1) },
        // Not "same price": the prices differ, the reason above says why the dearer one won.
        { code: 'sooner_worth_more', params: { extraYuan: '5.00', daysSooner: 2, dayValueYuan: '2.50' } },
      ],
    ],
  ])('%s', (_name, dayValue, chosen, reasons) => {
    const policy = policyOf({ deliveryDayValueFen: dayValue });
    const forward = rank([held, bought], { policy, quantity: 2 });
    expect(rank([bought, held], { policy, quantity: 2 })).toEqual(forward);
    expect(forward.chosen?.offerId).toBe(chosen);
    expect(forward.chosen?.reasons).toEqual(reasons);
    // The line is paid at the offer's price: the day's value only ranks.
    expect(forward.chosen?.lineAmountFen).toBe(forward.chosen!.priceFen * 2n);
  });

  it('does not outweigh the preferred grade', () => {
    const policy = policyOf({ choose: 'preferred_grade_first', preferredGrades: ['oes', 'oem'], deliveryDayValueFen: 100_000 });
    const result = rank([offer('oem-now', 'oem', 80_000n, { source: stock(1) }), offer('oes-later', 'oes', 90_000n, { source: purchase(3) })], { policy });
    expect(result.chosen?.offerId).toBe('oes-later');
    expect(codes(result.chosen!.reasons)).not.toContain('sooner_worth_more');
  });

  it('does not rescue an offer over the max delivery days or one nothing can deliver', () => {
    const policy = policyOf({ deliveryDayValueFen: 1 });
    const result = rank([offer('late', 'oes', 10_000n, { source: purchase(4) }), offer('none', 'oes', 10_000n, { source: NONE }), offer('ok', 'oes', 80_000n, { source: stock(1) })], { policy });
    expect(result.chosen?.offerId).toBe('ok');
    // Excluded offers follow in the same order; one with no ETA is compared by its price alone.
    expect(result.candidates.map((c) => [c.offerId, c.allowed])).toEqual([
      ['ok', true],
      ['none', false],
      ['late', false],
    ]);
  });

  it('names the cheapest it beat, whichever rank that one has', () => {
    const policy = policyOf({ deliveryDayValueFen: 1_000 });
    const result = rank([offer('a', 'oes', 80_000n, { source: stock(1) }), offer('b', 'oes', 79_800n, { source: purchase(2) }), offer('c', 'oes', 79_000n, { source: purchase(3) })], { policy });
    expect(result.candidates.map((c) => c.offerId)).toEqual(['a', 'b', 'c']);
    expect(result.chosen?.reasons.find((r) => r.code === 'sooner_worth_more')?.params).toEqual({ extraYuan: '10.00', daysSooner: 2, dayValueYuan: '10.00' });
  });
});

describe('rankOffers: amounts and inquiry', () => {
  it('line amount is price × quantity, and the cap is per unit', () => {
    const result = rank([offer('x', 'certified', 70_000n)], { quantity: 3 });
    expect(result.chosen).toMatchObject({ priceFen: 70_000n, lineAmountFen: 210_000n, guideCapFen: 70_000n, allowed: true, source: purchase(1), etaDays: 1 });
  });

  it.each<[string, CandidateOffer[], Parameters<typeof rank>[1]]>([
    ['no offers at all', [], {}],
    ['only excluded offers', [offer('x', 'oes', 95_000n), offer('y', 'aftermarket', 40_000n, { leadTimeDays: 4 })], {}],
    ['airbag with no oem offer', [offer('x', 'oes', 80_000n), offer('y', 'certified', 50_000n)], { category: 'safety' }],
    ['nothing can deliver the only offer', [offer('x', 'oes', 80_000n, { source: NONE })], {}],
  ])('%s → inquiry', (_name, offers, opts) => {
    const result = rank(offers, opts);
    expect(result.chosen).toBeNull();
    expect(result.needsInquiry).toBe(true);
    expect(result.candidates.every((c) => !c.allowed)).toBe(true);
    expect(result.candidates).toHaveLength(offers.length);
  });

  it.each([[0], [-1], [1.5]])('rejects quantity %s', (quantity) => expect(() => rank([], { quantity })).toThrow());
});

describe('candidateOf', () => {
  // A catalog offer as offersForParts reads it: more than ranking needs.
  const row: PartOfferRow = {
    partId: '0190a3c4-0000-7000-8000-000000000004',
    offerId: '0190a3c4-0000-7000-8000-000000000001',
    productId: '0190a3c4-0000-7000-8000-000000000002',
    supplierOrgId: '0190a3c4-0000-7000-8000-000000000003',
    supplierName: 'S',
    brand: 'Brand',
    productName: '前保险杠',
    grade: 'certified',
    priceFen: 65_000n,
    vatFen: 7478n,
    leadTimeDays: 2,
    minQty: 1,
    regionCodes: ['440000'],
    certification: { number: 'C-1', validFrom: '2024-01-01', validTo: '2026-01-01' },
  };
  it('maps a catalog offer to a candidate, with only what ranking reads', () => {
    expect(candidateOf(row, stock(1), 80)).toStrictEqual({
      offerId: row.offerId,
      grade: 'certified',
      priceFen: 65_000n,
      leadTimeDays: 2,
      minQty: 1,
      certification: { validFrom: '2024-01-01', validTo: '2026-01-01' },
      regionCodes: ['440000'],
      supplierRating: 80,
      source: stock(1),
    });
  });
  it('leaves out a rating it is not given, and a region list the offer does not have', () => {
    const { regionCodes: _, ...noRegions } = row;
    const candidate = candidateOf({ ...noRegions, certification: null }, stock(1));
    expect(candidate).not.toHaveProperty('supplierRating');
    expect(candidate).not.toHaveProperty('regionCodes');
    expect(candidate.certification).toBeNull();
  });
});
