import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { accountCodes } from '../chart.ts';
import { ledgerAccount } from '../tables.ts';
import { accountScope, findAccount, selectAccounts, toAccountDto, type LedgerAccountDto } from './accounts.ts';

export const ListAccountsQuery = z.strictObject({
  // Whose accounts: an organisation's id, or `platform` for the platform's own books. Only the
  // platform sees other organisations' accounts; anyone else asking for them finds none.
  orgId: z.union([z.uuid(), z.literal('platform')]).optional(),
  code: z.enum(accountCodes).optional(),
  // The counterparty of the platform's accounts kept per payer or supplier.
  partnerOrgId: z.uuid().optional(),
  ...pageQuery,
});
export type ListAccountsQuery = z.infer<typeof ListAccountsQuery>;

// The accounts the caller may see (accounts.ts), by id: ids are derived from what an account is
// for, so the order means nothing but is stable, which is all a keyset page needs.
export async function listAccounts(db: Executor, ctx: Ctx, query: ListAccountsQuery): Promise<Page<LedgerAccountDto>> {
  requirePermission(ctx.actor, 'ledger.read');
  const after = decodeCursor(query.cursor);
  const rows = await selectAccounts(db)
    .where(
      and(
        accountScope(ctx.actor),
        query.orgId === 'platform' ? isNull(ledgerAccount.orgId) : query.orgId ? eq(ledgerAccount.orgId, query.orgId) : undefined,
        query.code ? eq(ledgerAccount.code, query.code) : undefined,
        query.partnerOrgId ? eq(ledgerAccount.partnerOrgId, query.partnerOrgId) : undefined,
        after ? gt(ledgerAccount.id, after) : undefined,
      ),
    )
    .orderBy(asc(ledgerAccount.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, id: r.account.id })),
    query.limit,
    (r) => toAccountDto(r, ctx.locale),
  );
}

export async function getAccount(db: Executor, ctx: Ctx, id: string): Promise<LedgerAccountDto> {
  requirePermission(ctx.actor, 'ledger.read');
  return toAccountDto(await findAccount(db, ctx.actor, id), ctx.locale);
}
