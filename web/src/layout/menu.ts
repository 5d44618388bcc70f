import type { OrgKind } from '../api/types.ts';

// The workbenches, and who sees each in the menu: by role, and for the admin's pages by the kind
// of organisation too; finance by the permissions /api/v1/me lists. The pages themselves come with
// the later slices of issue 11.
export type MenuPage = { key: string; path: string; shows: (roles: string[], kind: OrgKind, permissions: readonly string[]) => boolean };

const has =
  (...wanted: string[]) =>
  (roles: string[]) =>
    roles.some((r) => wanted.includes(r));
// Finance is shown to whoever holds any of its permissions, whatever their roles: the platform's
// admin issues statements as the second person of four eyes, a supplier's admin reads its payouts.
const financePrefixes = ['statements.', 'payouts.', 'financing.', 'ledger.'];
export const hasFinancePermission = (permissions: readonly string[]) => permissions.some((p) => financePrefixes.some((prefix) => p.startsWith(prefix)));
const admin = (kind?: OrgKind) => (roles: string[], k: OrgKind) => roles.includes('admin') && (kind === undefined || k === kind);

export const menuPages: MenuPage[] = [
  { key: 'claims', path: '/claims', shows: (roles, kind) => has('adjuster')(roles) || admin('insurer')(roles, kind) },
  { key: 'priceCheck', path: '/price-check', shows: has('price_checker') },
  { key: 'orders', path: '/orders', shows: (roles, kind) => has('buyer', 'receiver')(roles) || admin('repair_shop')(roles, kind) },
  { key: 'receipts', path: '/receipts', shows: has('receiver') },
  { key: 'purchases', path: '/purchases', shows: has('buyer') },
  { key: 'inquiries', path: '/inquiries', shows: has('sales') },
  { key: 'products', path: '/products', shows: has('sales') },
  { key: 'purchaseOrders', path: '/purchase-orders', shows: (roles) => has('sales', 'warehouse', 'dispatcher')(roles) },
  { key: 'warehouse', path: '/warehouse', shows: has('warehouse') },
  { key: 'dispatch', path: '/dispatch', shows: has('dispatcher') },
  { key: 'catalog', path: '/catalog', shows: has('catalog') },
  { key: 'risk', path: '/risk', shows: has('risk') },
  { key: 'finance', path: '/finance', shows: (roles, _kind, permissions) => has('finance')(roles) || hasFinancePermission(permissions) },
  { key: 'orgs', path: '/orgs', shows: admin('platform') },
  { key: 'users', path: '/users', shows: admin() },
  { key: 'apiKeys', path: '/api-keys', shows: admin() },
  { key: 'webhooks', path: '/webhooks', shows: admin() },
  { key: 'audit', path: '/audit', shows: admin() },
];

export function pagesFor(roles: string[], kind: OrgKind, permissions: readonly string[] = []): MenuPage[] {
  return menuPages.filter((p) => p.shows(roles, kind, permissions));
}
