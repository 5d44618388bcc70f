import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { executePrepared, type Tx } from '../../../platform/db.ts';
import { derivedId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { stmtSql } from '../../../platform/sql-writer.ts';
import { bare, stmt } from '../../../platform/stmt.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { accountId, accountRef, expectPosted, ledgerTransfer, postTransfers } from '../../ledger/index.ts';
import { payout, payoutItem, type PayeeKind } from '../tables.ts';
import { isDueItem } from './due.ts';
import { payees } from './payees.ts';
import { documentNo } from '../document-no.ts';

export type PayeeOutcome = { payeeOrgId: string; outcome: 'paid' | 'done_already' | 'nothing_due'; payoutId: string | null; items: number; amountFen: bigint };

// The payout id of a payee on a run day: the run's idempotency key.
export function payoutIdOf(payeeOrgId: string, runDate: string): string {
  return derivedId('payout', payeeOrgId, runDate);
}

// Pays one payee on one run day, in the caller's transaction (one per payee: a run killed midway
// leaves every payee paid whole or not at all, and the rerun pays the rest). The payout row comes
// first under its derived id, so a second run of the day (or one running at the same moment) finds
// it and pays nothing. Then every transfer on the payee's payable posted up to `dueThrough` that no
// payout holds becomes an item (the primary key on the transfer: paid once, even by two runs of
// different days at once), what it was owed less what was taken is the amount, and the ledger's
// payable is debited by it, pending until the bank confirms. Nothing due (or less than nothing, a
// correction larger than the sales): nothing is written, and what is there waits for the next run.
export async function payPayee(tx: Tx, ctx: Ctx, input: { payeeOrgId: string; payeeKind: PayeeKind; runDate: string; dueThrough: string }): Promise<PayeeOutcome> {
  const id = payoutIdOf(input.payeeOrgId, input.runDate);
  const spec = payees[input.payeeKind];
  const account = accountId(accountRef(spec.code, input.payeeOrgId));
  const payoutNo = documentNo('PO', input.runDate, id);
  const p = payout;
  const [claimed] = await executePrepared<{ id: string }>(
    tx,
    stmt`insert into ${p} (${bare(p.id)}, ${bare(p.payoutNo)}, ${bare(p.payeeOrgId)}, ${bare(p.payeeKind)}, ${bare(p.runDate)}, ${bare(p.dueThrough)}, ${bare(p.status)}, ${bare(p.itemCount)}, ${bare(p.creditsFen)}, ${bare(p.debitsFen)}, ${bare(p.amountFen)}, ${bare(p.createdAt)}, ${bare(p.updatedAt)})
      values (${id}, ${payoutNo}, ${input.payeeOrgId}, ${input.payeeKind}, ${input.runDate}::date, ${input.dueThrough}::date, 'pending', 1, 1, 0, 1, ${ctx.now.toISOString()}::timestamptz, ${ctx.now.toISOString()}::timestamptz)
      on conflict do nothing returning ${bare(p.id)} as id`,
  );
  // No arbiter named: the payout number is made from the id, and a run of the same day inserting the
  // same row at the same moment may meet it on the number's index first, which a conflict on the id
  // alone would answer with a unique violation (found by the property test on PostgreSQL). A number
  // taken by another payee's payout (eight hex digits alike on one day) is not this payee's payout
  // done: that is said aloud.
  if (!claimed) {
    const [mine] = await tx.select({ id: payout.id }).from(payout).where(eq(payout.id, id));
    if (!mine) throw new Error(`payout number ${payoutNo} of ${input.runDate} is another payee's`);
    return { payeeOrgId: input.payeeOrgId, outcome: 'done_already', payoutId: id, items: 0, amountFen: 0n };
  }

  const t = ledgerTransfer;
  const i = payoutItem;
  const [sums] = await executePrepared<{ n: number; credits: string; debits: string }>(
    tx,
    stmt`with due as (
        select ${t.id} as transfer_id, case when ${t.creditAccountId} = ${account}::uuid then ${t.amountFen} else -${t.amountFen} end as amount
        from ${t}
        where (${t.creditAccountId} = ${account}::uuid or ${t.debitAccountId} = ${account}::uuid)
          and ${isDueItem(stmtSql, stmt`${input.dueThrough}::date`)}),
      taken as (
        insert into ${i} (${bare(i.transferId)}, ${bare(i.payoutId)}, ${bare(i.amountFen)})
        select transfer_id, ${id}::uuid, amount from due
        on conflict (${bare(i.transferId)}) do nothing
        returning ${bare(i.amountFen)} as amount)
      select count(*)::int as n, coalesce(sum(amount) filter (where amount > 0), 0)::text as credits, coalesce(-sum(amount) filter (where amount < 0), 0)::text as debits from taken`,
  );
  const credits = BigInt(sums!.credits);
  const debits = BigInt(sums!.debits);
  const amount = credits - debits;
  if (sums!.n === 0 || amount <= 0n) {
    // Undo this payee's claim on the day and its items: nothing is paid, nothing held.
    throw new NothingDue(input.payeeOrgId);
  }
  await tx.update(payout).set({ itemCount: sums!.n, creditsFen: credits, debitsFen: debits, amountFen: amount }).where(eq(payout.id, id));
  await recordAudit(tx, ctx, {
    orgId: input.payeeOrgId,
    objectType: 'payout',
    objectId: id,
    action: 'run',
    toState: 'pending',
    data: { payoutNo, runDate: input.runDate, dueThrough: input.dueThrough, items: sums!.n, amountFen: Number(amount) },
  });
  await emitEvents(tx, ctx, [{ orgId: input.payeeOrgId, type: 'payout.pending', payload: { payoutId: id, payoutNo, amountFen: Number(amount), runDate: input.runDate } }]);
  // The ledger last: its locks held shortest.
  const posted = await postTransfers(
    tx,
    [
      {
        id: derivedId('ledger_transfer', id, 'payout'),
        phase: 'pending',
        code: spec.transfer,
        debit: accountRef(spec.code, input.payeeOrgId),
        credit: accountRef('platform_cash', null, input.payeeOrgId),
        amountFen: amount,
        payoutId: id,
        partnerOrgId: input.payeeOrgId,
      },
    ],
    ctx.now,
  );
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
  return { payeeOrgId: input.payeeOrgId, outcome: 'paid', payoutId: id, items: sums!.n, amountFen: amount };
}

// Thrown to roll back a payee with nothing due (its transaction's claim on the day and items).
export class NothingDue extends Error {
  constructor(readonly payeeOrgId: string) {
    super(`nothing due to ${payeeOrgId}`);
  }
}
