import { describe, expect, it } from 'vitest';
import { hasFinancePermission, pagesFor } from './menu.ts';

const keys = (roles: string[], kind: Parameters<typeof pagesFor>[1], permissions: string[]) => pagesFor(roles, kind, permissions).map((p) => p.key);

describe('the finance menu entry', () => {
  it('shows to the platform’s admin, who may act on money without the finance role', () => {
    const adminPermissions = ['orgs.manage', 'statements.read', 'statements.manage', 'payouts.manage', 'ledger.manage'];
    expect(keys(['admin'], 'platform', adminPermissions)).toContain('finance');
  });

  it.each([
    ['a supplier’s admin', ['admin'], 'supplier', ['payouts.read', 'financing.read'], true],
    ['a finance clerk', ['finance'], 'insurer', [], true],
    ['an adjuster', ['adjuster'], 'insurer', ['claims.read', 'claims.write'], false],
    ['a receiver', ['receiver'], 'repair_shop', ['orders.read'], false],
    ['a funder’s finance manager', ['finance'], 'funder', ['financing.read', 'financing.approve', 'payouts.read'], true],
  ] as const)('%s: %s', (_who, roles, kind, permissions, shown) => expect(keys([...roles], kind, [...permissions]).includes('finance')).toBe(shown));

  it('shows a funder’s people financing and, to its admin, the admin pages of its own organisation only', () => {
    expect(keys(['finance'], 'funder', ['financing.read', 'financing.approve', 'payouts.read'])).toEqual(['finance']);
    expect(keys(['admin'], 'funder', ['financing.read', 'financing.approve', 'payouts.read', 'users.manage'])).toEqual(['finance', 'users', 'apiKeys', 'webhooks', 'audit']);
  });

  it('knows the finance permissions by their prefix only', () => {
    expect(hasFinancePermission(['ledger.read'])).toBe(true);
    expect(hasFinancePermission(['financing.request'])).toBe(true);
    expect(hasFinancePermission(['statementsx'])).toBe(false);
    expect(hasFinancePermission([])).toBe(false);
  });
});
