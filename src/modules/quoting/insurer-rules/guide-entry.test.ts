import { describe, expect, it } from 'vitest';
import { ProcurementPolicy, policyToJson } from '../rules/index.ts';
import { DEFAULT_POLICY, DEFAULT_POLICY_JSON } from './default-policy.ts';
import { capsFromStored, capsToStored, entryOfRow, guideKeyOf, type GuideRow } from './guide-entry.ts';

describe('price guide entry forms', () => {
  it('writes the natural key of parts and categories, nationwide as *', () => {
    expect(guideKeyOf({ scope: 'part', partId: '0190a1b2-0000-7000-8000-000000000001' }, '330000')).toBe('part:0190a1b2-0000-7000-8000-000000000001|330000');
    expect(guideKeyOf({ scope: 'category', category: 'safety' }, null)).toBe('category:safety|*');
  });

  it('stores caps with fen as decimal strings in grade order and reads them back as bigints', () => {
    const stored = capsToStored({ recycled: { maxFen: 9_007_199_254_740_991n }, certified: { bp: 7000 } });
    expect(Object.keys(stored)).toEqual(['certified', 'recycled']);
    expect(stored).toEqual({ certified: { bp: 7000 }, recycled: { maxFen: '9007199254740991' } });
    expect(capsFromStored(stored)).toEqual({ certified: { bp: 7000 }, recycled: { maxFen: 9_007_199_254_740_991n } });
  });

  it('refuses a stored cap it did not write', () => {
    expect(() => capsFromStored({ oem: { maxFen: '12.5' } })).toThrow();
  });

  it('turns rows into the entries resolveGuide takes', () => {
    const base = { id: 'x', insurerOrgId: 'i', guideKey: 'k', createdAt: new Date(), updatedAt: new Date(), caps: { oes: { bp: 9000 } } };
    const partRow: GuideRow = { ...base, scope: 'part', partId: 'p', category: null, regionCode: null, oeReferenceFen: 100n };
    const categoryRow: GuideRow = { ...base, scope: 'category', partId: null, category: 'glass', regionCode: '110000', oeReferenceFen: null };
    expect(entryOfRow(partRow)).toEqual({ scope: 'part', partId: 'p', regionCode: null, oeReferenceFen: 100n, caps: { oes: { bp: 9000 } } });
    expect(entryOfRow(categoryRow)).toEqual({ scope: 'category', category: 'glass', regionCode: '110000', caps: { oes: { bp: 9000 } } });
  });
});

describe('DEFAULT_POLICY', () => {
  it('is a valid policy that round-trips through its JSON', () => {
    expect(ProcurementPolicy.parse(policyToJson(DEFAULT_POLICY))).toEqual(DEFAULT_POLICY);
    expect(policyToJson(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY_JSON);
    expect(DEFAULT_POLICY.byCategory.safety).toEqual(['oem', 'oes']);
    expect(DEFAULT_POLICY.maxLeadTimeDays).toBe(7);
    expect(DEFAULT_POLICY.approval).toEqual({ lineAmountAboveFen: 500_000n, claimPartsTotalAboveFen: 2_000_000n, overGuide: true });
    expect(DEFAULT_POLICY.choose).toBe('cheapest');
    expect(DEFAULT_POLICY.handlingFeeBp).toEqual({});
  });

  it('is frozen, so no caller can change every insurer’s default', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.byCategory.safety)).toBe(true);
  });
});
