import { describe, expect, it } from 'vitest';
import { rightsOf, tabsFor } from './rights.ts';

// The permissions /api/v1/me answers for the demo's finance users (platform/access.ts).
const platformFinance = ['statements.read', 'statements.manage', 'ledger.read'];
const insurerFinance = ['statements.read', 'statements.answer', 'ledger.read'];
const supplierFinance = ['ledger.read'];

describe('tabsFor', () => {
  it.each([
    ['platform finance', platformFinance, 'platform', ['statements', 'payments', 'ledger', 'trial-balance']],
    ['insurer finance', insurerFinance, 'insurer', ['statements', 'ledger']],
    ['supplier finance', supplierFinance, 'supplier', ['ledger']],
    ['an adjuster', ['claims.read'], 'insurer', []],
  ])('%s sees %j', (_who, permissions, kind, tabs) => expect(tabsFor(rightsOf(permissions, kind))).toEqual(tabs));

  it('keeps the trial balance to the platform even when another organisation reads its ledger', () => {
    expect(rightsOf(insurerFinance, 'insurer').trialBalance).toBe(false);
    expect(rightsOf(insurerFinance, 'insurer').answer).toBe(true);
    expect(rightsOf(platformFinance, 'platform').answer).toBe(false);
  });
});
