import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_MONEY_MOVE_FEN } from '../../../platform/bounds.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { derivedId, newId } from '../../../platform/ids.ts';
import { fenInput } from '../../../platform/money.ts';
import { type Finished, finished } from '../../../platform/finished.ts';
import { findPayer } from '../find-payer.ts';
import { accountRef, expectPosted, payerAccount, postTransfers } from '../../ledger/index.ts';
import { payment } from '../tables.ts';
import { allocatePayment } from './allocate-payment.ts';

export const RecordPaymentInput = z
  .strictObject({
    payerOrgId: z.uuid(),
    amountFen: fenInput(MAX_MONEY_MOVE_FEN, 1),
    receivedOn: z.iso.date(),
    bankRef: z.string().trim().min(1).max(64),
    payerName: z.string().trim().max(200).optional(),
    // The account the money came from (对方账号), by which a later bank statement import knows the payer.
    payerAccount: z.string().trim().max(64).optional(),
    note: z.string().trim().max(500).optional(),
    // Statements to match it to at once (the rest stays unmatched, visible, for later).
    allocations: z
      .array(z.strictObject({ statementId: z.uuid(), amountFen: fenInput(MAX_MONEY_MOVE_FEN, 1) }))
      .max(50)
      .optional(),
  })
  .meta({ id: 'RecordPaymentInput' });
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

// The platform's finance team records money a payer sent (收款登记), from the bank statement: the
// payer's receivable is credited at once (payment: cash debited), whether or not it is matched to
// a statement yet, and the same bank line twice is refused (its reference is unique). Matched
// parts go to their statements (allocate-payment.ts), which are paid when covered.
//
// Its answer is the payment's id and the ledger's writes, left for the command's last round trip
// (finished.ts): every payment moves the platform's one bank account, which its write locks until
// the commit (post-transfers.ts), so that write goes last, with the audit row and the key's answer,
// and payments wait on each other for that one statement and the commit only.
export async function recordPayment(tx: Tx, ctx: Ctx, input: RecordPaymentInput): Promise<Finished<string>> {
  requirePermission(ctx.actor, 'statements.manage');
  if (input.receivedOn > chinaDate(ctx.now)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'receivedOn', in: 'body', code: 'invalid' }]);
  const payer = await findPayer(tx, input.payerOrgId);
  const id = newId();
  const paymentNo = `PM${chinaDate(ctx.now).replaceAll('-', '')}${id.replaceAll('-', '').slice(-8).toUpperCase()}`;
  try {
    await tx.insert(payment).values({
      id,
      paymentNo,
      payerOrgId: payer.id,
      amountFen: input.amountFen,
      receivedOn: input.receivedOn,
      bankRef: input.bankRef,
      payerName: input.payerName ?? null,
      payerAccount: input.payerAccount || null,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
  } catch (e) {
    if (isUniqueViolation(e, 'payment_bank_ref_uq')) throw new AppError('conflict', { what: 'payment', value: input.bankRef });
    throw e;
  }
  await recordAudit(tx, ctx, {
    orgId: payer.id,
    objectType: 'payment',
    objectId: id,
    action: 'record',
    data: { paymentNo, amountFen: Number(input.amountFen), bankRef: input.bankRef, receivedOn: input.receivedOn },
  });
  for (const [i, a] of (input.allocations ?? []).entries()) {
    try {
      await allocatePayment(tx, ctx, id, a);
    } catch (e) {
      // The match's own fields, named where this request put them.
      if (e instanceof AppError && e.errors.length > 0)
        throw new AppError(
          e.code,
          e.params,
          e.errors.map((f) => ({ ...f, path: `allocations.${i}.${f.path}` })),
          e.headers,
        );
      throw e;
    }
  }
  // The ledger last: its read locks nothing but a receivable with a limit, and its writes go last.
  const receivable = payerAccount(payer.kind, payer.id);
  const posted = await postTransfers(
    tx,
    [
      {
        id: derivedId('ledger_transfer', id, 'payment'),
        phase: 'single',
        code: 'payment',
        debit: accountRef('platform_cash', null),
        credit: receivable,
        amountFen: input.amountFen,
        paymentId: id,
        partnerOrgId: payer.id,
      },
    ],
    ctx.now,
  );
  expectPosted(posted);
  return finished(id, posted.writes);
}
