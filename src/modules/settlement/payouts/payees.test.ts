import { describe, expect, it } from 'vitest';
import { defaultTermsFor, payeeKindOf } from './payees.ts';

describe('payees', () => {
  it.each([
    ['supplier', 30],
    ['repair_shop', 30],
    ['funder', 0],
    ['insurer', 30],
  ] as const)('a %s with no terms set is paid T+%i, daily', (kind, days) => {
    expect(defaultTermsFor(kind)).toEqual({ payoutDays: days, payoutCycle: 'daily' });
  });

  it('names the payee of each payable', () => {
    expect([payeeKindOf('supplier_payable'), payeeKindOf('handling_fee_payable'), payeeKindOf('funder_payable')]).toEqual(['supplier', 'repair_shop', 'funder']);
    expect(() => payeeKindOf('platform_cash')).toThrow();
  });
});
