import { describe, expect, it } from 'vitest';
import { mayInvoice, rightsOf, tabsFor } from './rights.ts';

// The permissions /api/v1/me answers for the demo's finance users (platform/access.ts).
const platformFinance = ['statements.read', 'statements.manage', 'payouts.read', 'payouts.manage', 'financing.read', 'financing.approve', 'ledger.read', 'ledger.manage'];
const insurerFinance = ['statements.read', 'statements.answer', 'ledger.read'];
const supplierFinance = ['payouts.read', 'financing.read', 'financing.request', 'ledger.read'];
const shopAdmin = ['statements.read', 'statements.answer', 'payouts.read', 'ledger.read'];
const funderFinance = ['payouts.read', 'financing.read', 'financing.approve'];

describe('tabsFor', () => {
  it.each([
    ['platform finance', platformFinance, 'platform', ['statements', 'payments', 'refunds', 'payouts', 'financing', 'ledger', 'trial-balance', 'settings']],
    ['insurer finance', insurerFinance, 'insurer', ['statements', 'refunds', 'ledger']],
    ['supplier finance', supplierFinance, 'supplier', ['payouts', 'financing', 'ledger']],
    ['a shop’s admin', shopAdmin, 'repair_shop', ['statements', 'refunds', 'payouts', 'ledger']],
    ['a funder’s finance manager', funderFinance, 'funder', ['financing', 'payouts']],
    ['an adjuster', ['claims.read'], 'insurer', []],
  ])('%s sees %j', (_who, permissions, kind, tabs) => expect(tabsFor(rightsOf(permissions, kind))).toEqual(tabs));

  it('keeps the trial balance to the platform even when another organisation reads its ledger', () => {
    expect(rightsOf(insurerFinance, 'insurer').trialBalance).toBe(false);
    expect(rightsOf(insurerFinance, 'insurer').answer).toBe(true);
    expect(rightsOf(platformFinance, 'platform').answer).toBe(false);
  });

  it('asks financing of a supplier and decides it at the platform, never both', () => {
    expect(rightsOf(supplierFinance, 'supplier')).toMatchObject({ requestFinancing: true, approveFinancing: false, managePayouts: false, settings: false });
    expect(rightsOf(platformFinance, 'platform')).toMatchObject({ requestFinancing: false, approveFinancing: true, managePayouts: true, settings: true });
  });

  it('records invoices at the platform only: a statement’s with statements.manage, a payout’s with payouts.manage', () => {
    expect([mayInvoice(rightsOf(platformFinance, 'platform'), 'statement'), mayInvoice(rightsOf(platformFinance, 'platform'), 'payout')]).toEqual([true, true]);
    expect(mayInvoice(rightsOf(['statements.read', 'statements.manage'], 'platform'), 'payout')).toBe(false);
    for (const [perms, kind] of [
      [insurerFinance, 'insurer'],
      [supplierFinance, 'supplier'],
      [shopAdmin, 'repair_shop'],
      [funderFinance, 'funder'],
    ] as const) {
      expect([mayInvoice(rightsOf(perms, kind), 'statement'), mayInvoice(rightsOf(perms, kind), 'payout')]).toEqual([false, false]);
    }
  });
});
