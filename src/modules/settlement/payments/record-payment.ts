import { z } from 'zod';
import { can, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_MONEY_MOVE_FEN } from '../../../platform/bounds.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { executePrepared, isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { derivedId, newId } from '../../../platform/ids.ts';
import { fenInput, fenToJson } from '../../../platform/money.ts';
import { bare, stmt } from '../../../platform/stmt.ts';
import { type Finished, finished } from '../../../platform/finished.ts';
import { org } from '../../identity/index.ts';
import { accountRef, expectPosted, payerAccount, postTransfers } from '../../ledger/index.ts';
import { type PayerKind, payment } from '../tables.ts';
import type { PaymentDto } from './list-payments.ts';
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
// (finished.ts): the accounts a payment moves (its payer's receivable and the platform's cash kept
// for that payer, chart.ts) are locked by that write until the commit (post-transfers.ts), so it
// goes last, with the audit row and the key's answer, and payments of one payer wait on each other
// for that one statement and the commit only; payments of different payers not at all.
//
// A payment is one HTTP request at a time, a thousand a second asked of it (issue 13), and on a busy
// machine every round trip to the database costs more than the work it carries: the payer is found
// and the payment inserted in one statement, and without matches the answer is what was written
// (`dto`), not read back. A request is then: its session, begin, this statement, the ledger's read,
// the last write, commit.
export type RecordedPayment = Finished<string> & { dto: PaymentDto | null };

const payerKinds: PayerKind[] = ['insurer', 'repair_shop'];

export async function recordPayment(tx: Tx, ctx: Ctx, input: RecordPaymentInput): Promise<RecordedPayment> {
  requirePermission(ctx.actor, 'statements.manage');
  if (input.receivedOn > chinaDate(ctx.now)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'receivedOn', in: 'body', code: 'invalid' }]);
  const id = newId();
  const paymentNo = `PM${chinaDate(ctx.now).replaceAll('-', '')}${id.replaceAll('-', '').slice(-8).toUpperCase()}`;
  const p = payment;
  let found: { id: string; kind: PayerKind; name: string; inserted: number } | undefined;
  try {
    // The payer (one that pays the platform: an insurer or a repair shop, as find-payer.ts says) and,
    // when it is one, the payment.
    [found] = await executePrepared<{ id: string; kind: PayerKind; name: string; inserted: number }>(
      tx,
      stmt`with payer as (select ${org.id} as id, ${org.kind} as kind, ${org.name} as name from ${org} where ${org.id} = ${input.payerOrgId}::uuid),
      recorded as (
        insert into ${p} (${bare(p.id)}, ${bare(p.paymentNo)}, ${bare(p.payerOrgId)}, ${bare(p.amountFen)}, ${bare(p.receivedOn)}, ${bare(p.bankRef)}, ${bare(p.payerName)},
            ${bare(p.payerAccount)}, ${bare(p.note)}, ${bare(p.createdBy)}, ${bare(p.createdAt)})
          select ${id}::uuid, ${paymentNo}, payer.id, ${input.amountFen.toString()}::bigint, ${input.receivedOn}::date, ${input.bankRef}, ${input.payerName ?? null},
              ${input.payerAccount || null}, ${input.note ?? null}, ${ctx.actor.userId}::uuid, ${ctx.now.toISOString()}::timestamptz
            from payer where payer.kind = any(${payerKinds}::text[])
          returning 1)
      select payer.id, payer.kind, payer.name, (select count(*) from recorded)::int as inserted from payer`,
    );
  } catch (e) {
    if (isUniqueViolation(e, 'payment_bank_ref_uq')) throw new AppError('conflict', { what: 'payment', value: input.bankRef });
    throw e;
  }
  if (!found) throw new AppError('validation_failed', { count: 1 }, [{ path: 'payerOrgId', in: 'body', code: 'unknown_reference', params: { what: 'organisation', value: input.payerOrgId } }]);
  if (found.inserted === 0) throw new AppError('validation_failed', { count: 1 }, [{ path: 'payerOrgId', in: 'body', code: 'invalid' }]);
  const payer = { id: found.id, kind: found.kind };
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
        debit: accountRef('platform_cash', null, payer.id),
        credit: receivable,
        amountFen: input.amountFen,
        paymentId: id,
        partnerOrgId: payer.id,
      },
    ],
    ctx.now,
  );
  expectPosted(posted);
  // Without matches the payment is exactly what was inserted above (list-payments.ts reads it back
  // the same: test/payments-record.test.ts compares the two); with matches, the caller reads it.
  const matched = (input.allocations ?? []).length > 0;
  const dto: PaymentDto | null =
    matched || !can(ctx.actor, 'statements.read')
      ? null
      : {
          id,
          paymentNo,
          payer: { id: payer.id, name: found.name },
          amountFen: fenToJson(input.amountFen),
          allocatedFen: fenToJson(0n),
          unallocatedFen: fenToJson(input.amountFen),
          receivedOn: input.receivedOn,
          bankRef: input.bankRef,
          payerName: input.payerName ?? null,
          payerAccount: input.payerAccount || null,
          note: input.note ?? null,
          allocations: [],
          createdAt: ctx.now.toISOString(),
        };
  return Object.assign(finished(id, posted.writes), { dto });
}
