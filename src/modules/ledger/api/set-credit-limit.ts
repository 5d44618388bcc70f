import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_CREDIT_LIMIT_FEN } from '../../../platform/bounds.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { fenInput } from '../../../platform/money.ts';
import { org } from '../../identity/index.ts';
import { accountId, accountRef } from '../account-id.ts';
import { ledgerAccount } from '../tables.ts';
import { findAccount, toAccountDto, type LedgerAccountDto } from './accounts.ts';

export const SetCreditLimitInput = z
  .strictObject({
    // The most the organisation may owe at once, pending sales included, in fen; null: no limit.
    limitFen: fenInput(MAX_CREDIT_LIMIT_FEN).nullable(),
  })
  .meta({ id: 'SetCreditLimitInput' });
export type SetCreditLimitInput = z.infer<typeof SetCreditLimitInput>;

// Sets the credit limit of a payer: an insurer's receivable, or a repair shop's for what it buys
// for itself. The posting function enforces it on every sale from then on (create-transfers.ts:
// an order that would pass it is refused whole, 409 credit_limit_exceeded); what is already owed
// stays, so a limit below it only stops new orders. The account is opened if the payer has never
// ordered (its id is derived, so opening it twice opens it once), and locked while it changes, so a
// sale being posted sees the old limit or the new one, never half of a change.
export async function setCreditLimit(tx: Tx, ctx: Ctx, orgId: string, input: SetCreditLimitInput): Promise<LedgerAccountDto> {
  requirePermission(ctx.actor, 'ledger.manage');
  const [o] = await tx.select({ id: org.id, kind: org.kind, name: org.name }).from(org).where(eq(org.id, orgId));
  if (!o) throw notFound('organisation');
  if (o.kind !== 'insurer' && o.kind !== 'repair_shop') throw new AppError('credit_limit_org_kind', { name: o.name });
  const code = o.kind === 'insurer' ? 'insurer_receivable' : 'shop_receivable';
  const id = accountId(accountRef(code, o.id));

  await tx.insert(ledgerAccount).values({ id, orgId: o.id, code, partnerOrgId: null, createdAt: ctx.now }).onConflictDoNothing({ target: ledgerAccount.id });
  const [before] = await tx.select({ limitFen: ledgerAccount.creditLimitFen }).from(ledgerAccount).where(eq(ledgerAccount.id, id)).for('update');
  await tx.update(ledgerAccount).set({ creditLimitFen: input.limitFen }).where(eq(ledgerAccount.id, id));
  await recordAudit(tx, ctx, {
    orgId: o.id,
    objectType: 'ledger_account',
    objectId: id,
    action: 'set_credit_limit',
    // Fen as strings: the audit row is JSON, and JSON has no bigint.
    data: { code, before: before?.limitFen?.toString() ?? null, after: input.limitFen?.toString() ?? null },
  });
  return toAccountDto(await findAccount(tx, ctx.actor, id), ctx.locale);
}
