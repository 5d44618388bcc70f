import { and, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { tenantScope, type Actor } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/i18n.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { org } from '../../identity/index.ts';
import { accountCodes, chart } from '../chart.ts';
import { ledgerAccount } from '../tables.ts';

// An account as the API shows it, and who may see which: an organisation the accounts kept for it
// (org_id its own), the platform every account, its own books (org_id null) among them. An account
// outside the caller's scope does not exist for it (404).

export const LedgerOrgDto = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'LedgerOrg' });

export const LedgerAccountDto = z
  .object({
    id: z.uuid(),
    // Whose account: null for the platform's own books.
    org: LedgerOrgDto.nullable(),
    code: z.enum(accountCodes),
    // The code's name in the caller's language (the chart of accounts).
    codeName: z.string(),
    // The side that grows the account: debit for assets (receivables, cash, stock), credit for
    // what the platform owes and earns.
    normal: z.enum(['debit', 'credit']),
    // The counterparty of a platform account kept per payer or supplier.
    partner: LedgerOrgDto.nullable(),
    debitsPendingFen: fenOutput,
    debitsPostedFen: fenOutput,
    creditsPendingFen: fenOutput,
    creditsPostedFen: fenOutput,
    // Posted debits less posted credits, signed so that a balance on the normal side is positive
    // (what an insurer owes; what the platform owes a supplier).
    balanceFen: fenOutput,
    // The same of the pending amounts: sales placed and not yet accepted or rejected.
    pendingFen: fenOutput,
    // On a receivable, the most the platform lets it owe (pending included), null when unlimited;
    // and how much of it is left (negative when a lowered limit is already passed).
    creditLimitFen: fenOutput.nullable(),
    creditAvailableFen: fenOutput.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerAccount' });
export type LedgerAccountDto = z.infer<typeof LedgerAccountDto>;

export type AccountRow = typeof ledgerAccount.$inferSelect;

const owner = alias(org, 'owner_org');
const partner = alias(org, 'partner_org');

// The accounts with the names of their organisation and counterparty; the caller adds the
// conditions, order and limit.
export function selectAccounts(exec: Executor) {
  return exec
    .select({ account: ledgerAccount, ownerName: owner.name, partnerName: partner.name })
    .from(ledgerAccount)
    .leftJoin(owner, eq(owner.id, ledgerAccount.orgId))
    .leftJoin(partner, eq(partner.id, ledgerAccount.partnerOrgId));
}

export type AccountWithNames = { account: AccountRow; ownerName: string | null; partnerName: string | null };

// The central scope (platform/access.ts) on the account's owner column: the platform sees all.
export function accountScope(actor: Actor): SQL | undefined {
  return tenantScope(actor, ledgerAccount.orgId);
}

// One account the actor may see, or 404.
export async function findAccount(exec: Executor, actor: Actor, id: string): Promise<AccountWithNames> {
  const [row] = await selectAccounts(exec).where(and(accountScope(actor), eq(ledgerAccount.id, id)));
  if (!row) throw notFound('ledger_account');
  return row;
}

// The posted and pending balance of an account, signed by its normal side.
export function signedBalances(code: AccountRow['code'], b: Pick<AccountRow, 'debitsPending' | 'debitsPosted' | 'creditsPending' | 'creditsPosted'>): { balanceFen: bigint; pendingFen: bigint } {
  const sign = chart[code].normal === 'debit' ? 1n : -1n;
  return { balanceFen: sign * (b.debitsPosted - b.creditsPosted), pendingFen: sign * (b.debitsPending - b.creditsPending) };
}

export function toAccountDto(row: AccountWithNames, locale: Locale): LedgerAccountDto {
  const a = row.account;
  const spec = chart[a.code];
  const { balanceFen, pendingFen } = signedBalances(a.code, a);
  // What counts against the limit is what the posting function checks (create-transfers.ts):
  // debits pending and posted less credits posted.
  const used = a.debitsPending + a.debitsPosted - a.creditsPosted;
  return {
    id: a.id,
    org: a.orgId === null ? null : { id: a.orgId, name: row.ownerName ?? '' },
    code: a.code,
    codeName: locale === 'en' ? spec.en : spec.zh,
    normal: spec.normal,
    partner: a.partnerOrgId === null ? null : { id: a.partnerOrgId, name: row.partnerName ?? '' },
    debitsPendingFen: fenToJson(a.debitsPending),
    debitsPostedFen: fenToJson(a.debitsPosted),
    creditsPendingFen: fenToJson(a.creditsPending),
    creditsPostedFen: fenToJson(a.creditsPosted),
    balanceFen: fenToJson(balanceFen),
    pendingFen: fenToJson(pendingFen),
    creditLimitFen: a.creditLimitFen === null ? null : fenToJson(a.creditLimitFen),
    creditAvailableFen: spec.creditLimit && a.creditLimitFen !== null ? fenToJson(a.creditLimitFen - used) : null,
    createdAt: a.createdAt.toISOString(),
  };
}
