import { eq, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { forbidden } from './errors.ts';

// The one access layer. Every query of tenant data takes its WHERE clause from tenantScope() and
// every command checks its permission with requirePermission(), so isolation is decided here and
// nowhere else. A foreign object is then simply not found (404), never "forbidden" (which would
// confirm that it exists).

// A funder (资金方: a bank or a factoring company) advances money to suppliers against what insurers
// owe them, beside the platform, on the requests addressed to it (issue 13).
export const orgKinds = ['platform', 'insurer', 'supplier', 'operator', 'repair_shop', 'funder'] as const;
export type OrgKind = (typeof orgKinds)[number];

// Roles each organisation kind may grant. Every kind has `admin`, who manages the org's own users,
// API keys and webhooks; the platform's admin also manages all organisations.
export const rolesByKind = {
  platform: ['admin', 'catalog', 'risk', 'finance'],
  insurer: ['admin', 'adjuster', 'price_checker', 'finance'],
  supplier: ['admin', 'sales', 'finance'],
  operator: ['admin', 'warehouse', 'dispatcher'],
  repair_shop: ['admin', 'buyer', 'receiver'],
  funder: ['admin', 'finance'],
} as const satisfies Record<OrgKind, readonly string[]>;
export type Role = (typeof rolesByKind)[OrgKind][number];
export const allRoles = [...new Set(Object.values(rolesByKind).flat())] as Role[];

export function roleFitsKind(role: string, kind: OrgKind): role is Role {
  return (rolesByKind[kind] as readonly string[]).includes(role);
}

export const permissions = [
  'orgs.manage', // create and change any organisation (platform only)
  'users.manage', // create and change users (own org; any org for the platform)
  'api_keys.manage',
  'webhooks.manage',
  'audit.read',
  'catalog.read', // search parts, vehicle models, offers (every signed-in organisation)
  'catalog.manage', // parts, vehicle models, fitment, certification bodies (the platform's catalog team)
  'products.manage', // a supplier's own products and offers
  'claims.read', // claims and assessments (insurers, repair shops, the platform; scoped to their own)
  'claims.write', // file claims, write assessments, ask for quotes (an insurer's adjusters, admins, their API keys)
  'insurer_rules.read', // read the insurer's procurement policy and price guide
  'insurer_rules.manage', // change the insurer's procurement policy and price guide
  'prices.approve', // price check (核价) of lines that need a human
  'inquiries.manage', // escalate or withdraw the insurer's inquiries
  'inquiries.bid', // a supplier's bids on inquiries sent to it
  'warehouses.manage', // an operator's warehouses and what they cover; a supplier's own stock (drop-ship)
  'stock.read', // stock by product, warehouse and lot (operators: their warehouses; suppliers: their products)
  'stock.receive', // inbound receipts (入库) at a warehouse
  'orders.read', // orders: payer, buyer, the suppliers and operators of their lines (each sees its part)
  'orders.place', // turn an approved assessment into an order, or (a shop) buy for itself
  'orders.cancel', // cancel lines before they ship
  'fulfilment.manage', // pick lists, pick and pack by scanning, ship, tracking events (warehouses; suppliers drop-shipping)
  'orders.receive', // the shop signs for lines (accept or reject), marks them installed
  'returns.manage', // approve or refuse a return, receive it back, restock or scrap (sellers and warehouses)
  'stock.adjust', // transfers between warehouses, stock counts
  'trace.recall', // which claims and VINs received units of a lot (the platform; a supplier for its own lots)
  'lots.recall', // recall (召回) a lot: block its stock, re-source its open lines, tell every recipient (issue 10)
  // Purchasing (issue 10): purchase orders to suppliers and replenishment.
  'purchasing.read', // purchase orders (operators: their warehouses'; suppliers: those sent to them; the platform: all)
  'purchasing.manage', // raise, send and cancel purchase orders, and set replenishment rules (a warehouse's operator, the platform)
  'purchasing.supply', // a supplier's answer to its purchase orders: confirm or refuse lines, ship
  // Settlement (issue 13): statements, payments, invoices, payouts.
  'statements.read', // statements (payers: their own; the platform: all)
  'statements.manage', // gather, issue and settle disputes on statements; record payments and invoices (the platform's finance team)
  'statements.answer', // the payer's answer to a statement: confirm or dispute lines
  'payouts.read', // payouts and their remittance advice (a supplier, shop or funder its own; the platform all)
  'payouts.manage', // run payouts, record the bank's confirmation or return (the platform's finance team)
  'financing.read', // receivables financing: a supplier its receivables, limit and requests; a funder the requests addressed to it; the platform all
  'financing.request', // a supplier asks for an advance on its receivables
  'financing.approve', // approve, refuse, fund or give up on financing requests (the platform's finance team on its own; a funder's on those addressed to it)
  // The ledger (issue 13): accounts, transfers, the trial balance, and what the platform sets on them.
  'ledger.read', // ledger accounts and their transfers (an organisation its own; the platform all, its own books included)
  'ledger.manage', // credit limits and suppliers' fee rates (the platform's administrators and finance team)
] as const;
export type Permission = (typeof permissions)[number];

// Which (kind, role) pairs hold a permission. `*` means any kind.
const grants: Record<Permission, readonly `${OrgKind | '*'}:${string}`[]> = {
  'orgs.manage': ['platform:admin'],
  'users.manage': ['*:admin'],
  'api_keys.manage': ['*:admin'],
  'webhooks.manage': ['*:admin'],
  'audit.read': ['*:admin', 'platform:risk'],
  'catalog.read': ['*:*'],
  'catalog.manage': ['platform:admin', 'platform:catalog'],
  'products.manage': ['supplier:admin', 'supplier:sales', 'platform:admin', 'platform:catalog'],
  'claims.read': ['insurer:*', 'repair_shop:*', 'platform:*'],
  'claims.write': ['insurer:adjuster', 'insurer:admin'],
  'insurer_rules.read': ['insurer:*', 'platform:admin'],
  'insurer_rules.manage': ['insurer:admin', 'insurer:price_checker'],
  'prices.approve': ['insurer:price_checker'],
  'inquiries.manage': ['insurer:adjuster', 'insurer:admin', 'insurer:price_checker'],
  'inquiries.bid': ['supplier:sales', 'supplier:admin'],
  'warehouses.manage': ['operator:admin', 'supplier:admin', 'platform:admin'],
  'stock.read': ['operator:*', 'supplier:*', 'platform:*'],
  'stock.receive': ['operator:admin', 'operator:warehouse', 'supplier:admin', 'supplier:sales'],
  'orders.read': ['insurer:*', 'repair_shop:*', 'supplier:*', 'operator:*', 'platform:*'],
  'orders.place': ['insurer:adjuster', 'insurer:admin', 'repair_shop:buyer', 'repair_shop:admin'],
  'orders.cancel': ['insurer:adjuster', 'insurer:admin', 'repair_shop:buyer', 'repair_shop:admin', 'platform:admin'],
  'fulfilment.manage': ['operator:admin', 'operator:warehouse', 'operator:dispatcher', 'supplier:admin', 'supplier:sales'],
  'orders.receive': ['repair_shop:receiver', 'repair_shop:buyer', 'repair_shop:admin'],
  'returns.manage': ['supplier:admin', 'supplier:sales', 'operator:admin', 'operator:warehouse', 'platform:admin'],
  'stock.adjust': ['operator:admin', 'operator:warehouse', 'supplier:admin', 'platform:admin'],
  'trace.recall': ['platform:*', 'supplier:admin', 'supplier:sales'],
  // Reading who received a lot is not acting on it: a recall stops stock in every warehouse and
  // reaches every shop and insurer, so it takes the platform's administrators or risk team, or the
  // supplier's administrator. Whoever may read but not recall is refused with 403 (trace.recall
  // lets them see the lot, so a 404 would not hide anything).
  'lots.recall': ['platform:admin', 'platform:risk', 'supplier:admin'],
  'purchasing.read': ['operator:*', 'supplier:*', 'platform:*'],
  'purchasing.manage': ['operator:admin', 'operator:warehouse', 'platform:admin'],
  'purchasing.supply': ['supplier:admin', 'supplier:sales'],
  'statements.read': ['insurer:admin', 'insurer:finance', 'repair_shop:admin', 'platform:admin', 'platform:finance'],
  'statements.manage': ['platform:admin', 'platform:finance'],
  'statements.answer': ['insurer:admin', 'insurer:finance', 'repair_shop:admin'],
  // A funder is a payee too: what the platform passes on to it when the insurers pay, with the
  // remittance advice naming the requests it repays.
  'payouts.read': ['supplier:admin', 'supplier:finance', 'repair_shop:admin', 'funder:admin', 'funder:finance', 'platform:admin', 'platform:finance'],
  'payouts.manage': ['platform:admin', 'platform:finance'],
  'financing.read': ['supplier:admin', 'supplier:finance', 'funder:admin', 'funder:finance', 'platform:admin', 'platform:finance'],
  'financing.request': ['supplier:admin', 'supplier:finance'],
  // Who decides a request is settled per request (move-financing.ts): the platform's team its own,
  // a funder's the requests addressed to it.
  'financing.approve': ['platform:admin', 'platform:finance', 'funder:admin', 'funder:finance'],
  // Money is read by those who answer for it: an organisation's finance team and its administrator
  // (a repair shop has no finance role, so its administrator alone); not the adjusters, buyers or
  // warehouses whose work moves it.
  'ledger.read': ['insurer:admin', 'insurer:finance', 'supplier:admin', 'supplier:finance', 'repair_shop:admin', 'platform:admin', 'platform:finance'],
  'ledger.manage': ['platform:admin', 'platform:finance'],
};

export type Actor = {
  // Who acts: a signed-in user, or an organisation's API key (an integration).
  type: 'user' | 'api_key';
  userId: string | null;
  apiKeyId: string | null;
  orgId: string;
  orgKind: OrgKind;
  // The organisation's GB/T 2260 region: where a shop's parts are delivered, for one.
  orgRegionCode: string;
  roles: readonly Role[];
};

// The user or the API key that acts: what records name as who did a thing, and what a second
// person's check compares (through identity's samePerson, which sees the person behind a key).
export function actorId(actor: Actor): string {
  const id = actor.userId ?? actor.apiKeyId;
  if (id === null) throw new Error('an actor without a user or an API key');
  return id;
}

export function can(actor: Actor, permission: Permission): boolean {
  return grants[permission].some((grant) => {
    const [kind, role] = grant.split(':');
    return (kind === '*' || kind === actor.orgKind) && (role === '*' || actor.roles.includes(role as Role));
  });
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

export function isPlatform(actor: Actor): boolean {
  return actor.orgKind === 'platform';
}

// The WHERE clause that limits a table to what the actor's organisation may see: the platform sees
// every row; anyone else only rows where one of the given owner columns is their organisation
// (an order, say, belongs to its payer, its buyer and its supplier at once). `undefined` means
// "no restriction" and is accepted by drizzle's and().
export function tenantScope(actor: Actor, ...ownerColumns: AnyPgColumn[]): SQL | undefined {
  if (ownerColumns.length === 0) throw new Error('tenantScope needs at least one owner column');
  if (isPlatform(actor)) return undefined;
  const conditions = ownerColumns.map((column) => eq(column, actor.orgId));
  return conditions.length === 1 ? conditions[0] : or(...conditions);
}

// For values rather than rows: may the actor act on something owned by this organisation?
export function mayActFor(actor: Actor, ownerOrgId: string): boolean {
  return isPlatform(actor) || actor.orgId === ownerOrgId;
}
