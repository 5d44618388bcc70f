import { describe, expect, it } from 'vitest';
import { ProcurementPolicy, resolveGuide, type OfferSource } from '../rules/index.ts';
import { boundDeadline } from './invite.ts';
import { bidsToCandidates, rankInquiryBids, type BidForRanking } from './rank-bids.ts';

const TODAY = '2026-07-01';
const bid = (bidId: string, grade: BidForRanking['grade'], priceFen: bigint, more: Partial<BidForRanking> = {}): BidForRanking => ({
  bidId,
  supplierOrgId: `s-${bidId}`,
  productId: `p-${bidId}`,
  grade,
  priceFen,
  leadTimeDays: 2,
  validTo: '2026-07-31',
  certification: grade === 'certified' ? { validFrom: '2025-01-01', validTo: '2027-12-31' } : null,
  ...more,
});

const HZ = { code: 'HZ-CENTRAL', name: '华东中心仓' };
const bought = (etaDays: number): OfferSource => ({ kind: 'purchase', etaDays, ship: HZ });
// Each bid bought from its bidder: its lead time + 1 day from the warehouse to the shop.
const sourcesOf = (bids: BidForRanking[]) => new Map(bids.map((b) => [b.bidId, bought(b.leadTimeDays + 1)]));

describe('bids ranked as offers', () => {
  it('maps a bid to a candidate: its id, no minimum quantity, no region list, its source; lapsed bids left out', () => {
    const bids = [bid('b1', 'oes', 90_000n), bid('b2', 'oem', 80_000n, { validTo: '2026-06-30' })];
    const candidates = bidsToCandidates(bids, TODAY, sourcesOf(bids));
    expect(candidates).toEqual([{ offerId: 'b1', grade: 'oes', priceFen: 90_000n, leadTimeDays: 2, minQty: 1, certification: null, source: bought(3) }]);
  });

  it('refuses a bid with no planned source', () => {
    expect(() => bidsToCandidates([bid('b1', 'oes', 90_000n)], TODAY, new Map())).toThrow(/no source planned/);
  });

  it('applies the policy and guide like any offer', () => {
    const policy = ProcurementPolicy.parse({ choose: 'cheapest', maxLeadTimeDays: 3, approval: { lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true } });
    const guide = resolveGuide([{ scope: 'part', partId: 'p1', regionCode: null, oeReferenceFen: null, caps: { oes: { bp: 9000 }, certified: { bp: 7000 } } }], {
      partId: 'p1',
      category: 'body',
      regionCode: '110105',
      partOePriceFen: 100_000n,
    });
    // b4 is in stock: its lead time does not slow it down; b5 is quick to make but far away.
    const bids = [
      bid('b1', 'oes', 95_000n),
      bid('b2', 'certified', 69_000n),
      bid('b3', 'oes', 85_000n, { leadTimeDays: 9 }),
      bid('b4', 'oes', 70_000n, { leadTimeDays: 30 }),
      bid('b5', 'oes', 60_000n, { leadTimeDays: 0 }),
    ];
    const sources = sourcesOf(bids);
    sources.set('b4', { kind: 'stock', etaDays: 1, ship: HZ });
    sources.set('b5', bought(5));
    const result = rankInquiryBids(
      bids,
      { line: { partId: 'p1', category: 'body', quantity: 2, regionCode: '110105' }, vehicle: { ageYears: 4, priceFen: 20_000_000n }, policy, guide, today: TODAY },
      sources,
    );
    expect(result.chosen?.offerId).toBe('b2');
    expect(result.chosen?.reasons).toContainEqual({ code: 'sourced', params: bought(3) });
    expect(result.chosen?.lineAmountFen).toBe(138_000n);
    const byId = Object.fromEntries(result.candidates.map((c) => [c.offerId, c]));
    expect(byId.b1?.reasons.map((r) => r.code)).toEqual(['excluded_over_guide']);
    expect(byId.b3?.reasons).toEqual([{ code: 'excluded_slow', params: { days: 10, max: 3 } }]);
    expect(byId.b4).toMatchObject({ allowed: true, etaDays: 1 });
    expect(byId.b5?.reasons).toEqual([{ code: 'excluded_slow', params: { days: 5, max: 3 } }]);
  });
});

describe('inquiry deadline', () => {
  const now = new Date('2026-07-01T00:00:00Z');
  it.each([
    [undefined, '2026-07-02T00:00:00.000Z'],
    ['2026-07-01T00:10:00Z', '2026-07-01T01:00:00.000Z'],
    ['2026-07-03T12:00:00Z', '2026-07-03T12:00:00.000Z'],
    ['2026-07-20T00:00:00Z', '2026-07-08T00:00:00.000Z'],
  ])('%s → %s', (given, expected) => {
    expect(boundDeadline(now, given ? new Date(given) : undefined).toISOString()).toBe(expected);
  });
});
