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
import { pgArray } from '../../../platform/bulk-insert.ts';
import { bare, stmt } from '../../../platform/stmt.ts';
import { type Finished, finished } from '../../../platform/finished.ts';
import { org } from '../../identity/index.ts';
import { accountRef, expectPosted, payerAccount, postTransfers } from '../../ledger/index.ts';
import { type PayerKind, payment } from '../tables.ts';
import type { PaymentDto } from './list-payments.ts';
import { allocatePayment } from './allocate-payment.ts';
import { documentNo } from '../document-no.ts';

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
// for that one statement and the commit only. Payments recorded together (below) wait for the rows
// of every payer in their group; command-group.ts bounds that wait.
//
// A payment is one HTTP request at a time, a thousand a second asked of it (issue 13), and on a busy
// machine every round trip to the database costs more than the work it carries: the payers are
// found and the payments inserted in one statement, and without matches the answer is what was
// written (`dto`), not read back. Payments that arrive together are recorded together
// (recordPayments, through commandGroup: routes.ts): one insert for their rows, one ledger batch
// for their transfers, one last write for all, so that a burst costs the database what one costs.
export type RecordedPayment = Finished<string> & { dto: PaymentDto | null };
export type PaymentJob = { ctx: Ctx; input: RecordPaymentInput };
type Recorded = { id: string; dto: PaymentDto | null };

const payerKinds: PayerKind[] = ['insurer', 'repair_shop'];

export async function recordPayment(tx: Tx, ctx: Ctx, input: RecordPaymentInput): Promise<RecordedPayment> {
  const done = await recordPayments(tx, [{ ctx, input }]);
  const [one] = done.result;
  return Object.assign(finished(one!.id, done.writes), { dto: one!.dto });
}

// What refuses a payment without the database: the caller's right to record it, and a day not yet
// come. Also checked before a request joins a group (routes.ts), so that it is refused alone.
export function checkPayment(ctx: Ctx, input: RecordPaymentInput): void {
  requirePermission(ctx.actor, 'statements.manage');
  if (input.receivedOn > chinaDate(ctx.now)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'receivedOn', in: 'body', code: 'invalid' }]);
}

// The payments of several requests (each its own caller, key and audit rows), in the caller's
// transaction; each one's answer in order, and the ledger's writes for the end. Any one refused
// refuses them all (commandGroup then records each alone, so that each gets its own answer).
export async function recordPayments(tx: Tx, jobs: readonly PaymentJob[]): Promise<Finished<Recorded[]>> {
  const rows = jobs.map(({ ctx, input }) => {
    checkPayment(ctx, input);
    const id = newId();
    return { id, paymentNo: documentNo('PM', chinaDate(ctx.now), id) };
  });
  const payers = await insertPayments(tx, jobs, rows);
  for (const [i, { ctx, input }] of jobs.entries()) {
    const found = payers[i];
    if (!found?.id) throw new AppError('validation_failed', { count: 1 }, [{ path: 'payerOrgId', in: 'body', code: 'unknown_reference', params: { what: 'organisation', value: input.payerOrgId } }]);
    if (!found.inserted) throw new AppError('validation_failed', { count: 1 }, [{ path: 'payerOrgId', in: 'body', code: 'invalid' }]);
    const { id, paymentNo } = rows[i]!;
    await recordAudit(tx, ctx, {
      orgId: found.id,
      objectType: 'payment',
      objectId: id,
      action: 'record',
      data: { paymentNo, amountFen: Number(input.amountFen), bankRef: input.bankRef, receivedOn: input.receivedOn },
    });
    for (const [n, a] of (input.allocations ?? []).entries()) {
      try {
        await allocatePayment(tx, ctx, id, a);
      } catch (e) {
        // The match's own fields, named where this request put them.
        if (e instanceof AppError && e.errors.length > 0)
          throw new AppError(
            e.code,
            e.params,
            e.errors.map((f) => ({ ...f, path: `allocations.${n}.${f.path}` })),
            e.headers,
          );
        throw e;
      }
    }
  }
  // The ledger last: its read locks nothing (a payment credits a receivable and debits the platform's
  // cash, and no check reads either: post-transfers.ts), and its writes go last.
  const posted = await postTransfers(
    tx,
    jobs.map(({ input }, i) => {
      const payer = payers[i]!;
      const id = rows[i]!.id;
      return {
        id: derivedId('ledger_transfer', id, 'payment'),
        phase: 'single' as const,
        code: 'payment' as const,
        debit: accountRef('platform_cash', null, payer.id!),
        credit: payerAccount(payer.kind!, payer.id!),
        amountFen: input.amountFen,
        paymentId: id,
        partnerOrgId: payer.id!,
      };
    }),
    jobs[0]!.ctx.now,
  );
  expectPosted(posted);
  return finished(
    jobs.map(({ ctx, input }, i) => {
      const { id, paymentNo } = rows[i]!;
      // Without matches the payment is exactly what was inserted above (list-payments.ts reads it
      // back the same: test/payments-record.test.ts compares the two); with matches, the caller
      // reads it.
      const matched = (input.allocations ?? []).length > 0;
      const dto: PaymentDto | null =
        matched || !can(ctx.actor, 'statements.read')
          ? null
          : {
              id,
              paymentNo,
              payer: { id: payers[i]!.id!, name: payers[i]!.name! },
              amountFen: fenToJson(input.amountFen),
              allocatedFen: fenToJson(0n),
              refundedFen: fenToJson(0n),
              unallocatedFen: fenToJson(input.amountFen),
              receivedOn: input.receivedOn,
              bankRef: input.bankRef,
              payerName: input.payerName ?? null,
              payerAccount: input.payerAccount || null,
              note: input.note ?? null,
              allocations: [],
              createdAt: ctx.now.toISOString(),
            };
      return { id, dto };
    }),
    posted.writes,
  );
}

type FoundPayer = { id: string | null; kind: PayerKind | null; name: string | null; inserted: boolean };

// Each payment's payer (one that pays the platform: an insurer or a repair shop, as find-payer.ts
// says) and, when it is one, the payment inserted; in the jobs' order, in one statement.
async function insertPayments(tx: Tx, jobs: readonly PaymentJob[], rows: readonly { id: string; paymentNo: string }[]): Promise<FoundPayer[]> {
  const p = payment;
  const col = <V>(f: (job: PaymentJob, i: number) => V) => pgArray(jobs.map(f));
  try {
    return await executePrepared<FoundPayer>(
      tx,
      stmt`with u as (
        select * from unnest(${col((_, i) => rows[i]!.id)}::uuid[], ${col((_, i) => rows[i]!.paymentNo)}::text[], ${col((j) => j.input.payerOrgId)}::uuid[],
            ${col((j) => j.input.amountFen.toString())}::bigint[], ${col((j) => j.input.receivedOn)}::date[], ${col((j) => j.input.bankRef)}::text[],
            ${col((j) => j.input.payerName ?? null)}::text[], ${col((j) => j.input.payerAccount || null)}::text[], ${col((j) => j.input.note ?? null)}::text[],
            ${col((j) => j.ctx.actor.userId)}::uuid[], ${col((j) => j.ctx.now.toISOString())}::timestamptz[])
          with ordinality as u(id, payment_no, payer, amount, received_on, bank_ref, payer_name, payer_account, note, created_by, created_at, n)),
      recorded as (
        insert into ${p} (${bare(p.id)}, ${bare(p.paymentNo)}, ${bare(p.payerOrgId)}, ${bare(p.amountFen)}, ${bare(p.receivedOn)}, ${bare(p.bankRef)}, ${bare(p.payerName)},
            ${bare(p.payerAccount)}, ${bare(p.note)}, ${bare(p.createdBy)}, ${bare(p.createdAt)})
          select u.id, u.payment_no, u.payer, u.amount, u.received_on, u.bank_ref, u.payer_name, u.payer_account, u.note, u.created_by, u.created_at
            from u join ${org} on ${org.id} = u.payer where ${org.kind} = any(${payerKinds}::text[])
          returning ${bare(p.id)} as id)
      select ${org.id} as id, ${org.kind} as kind, ${org.name} as name, exists (select 1 from recorded r where r.id = u.id) as inserted
        from u left join ${org} on ${org.id} = u.payer order by u.n`,
    );
  } catch (e) {
    if (isUniqueViolation(e, 'payment_bank_ref_uq')) throw new AppError('conflict', { what: 'payment', value: jobs.length === 1 ? jobs[0]!.input.bankRef : '' });
    throw e;
  }
}
