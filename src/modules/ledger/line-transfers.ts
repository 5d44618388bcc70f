import { and, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db.ts';
import { type LineTransfer, saleCodes } from './rules/sale-returned.ts';
import { ledgerAccount, ledgerTransfer } from './tables.ts';

const debitAccount = alias(ledgerAccount, 'debit_account');
const creditAccount = alias(ledgerAccount, 'credit_account');

// What the ledger posted for an order line's sale (rules/sale-returned.ts: saleCodes), posted or
// single and not itself a reversal, with its accounts named by what they are for: what a return
// after acceptance reverses.
export async function saleTransfersOf(exec: Executor, orderLineId: string): Promise<LineTransfer[]> {
  const t = ledgerTransfer;
  const rows = await exec
    .select({
      id: t.id,
      code: t.code,
      amountFen: t.amountFen,
      orderId: t.orderId,
      claimId: t.claimId,
      partnerOrgId: t.partnerOrgId,
      debit: { orgId: debitAccount.orgId, code: debitAccount.code, partnerOrgId: debitAccount.partnerOrgId },
      credit: { orgId: creditAccount.orgId, code: creditAccount.code, partnerOrgId: creditAccount.partnerOrgId },
    })
    .from(t)
    .innerJoin(debitAccount, eq(debitAccount.id, t.debitAccountId))
    .innerJoin(creditAccount, eq(creditAccount.id, t.creditAccountId))
    .where(and(eq(t.orderLineId, orderLineId), inArray(t.phase, ['post', 'single']), inArray(t.code, [...saleCodes]), isNull(t.reversesId)))
    .orderBy(t.seq);
  return rows;
}
