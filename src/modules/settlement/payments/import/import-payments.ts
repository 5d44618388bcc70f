import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../../platform/access.ts';
import type { Ctx } from '../../../../platform/context.ts';
import type { Tx } from '../../../../platform/db.ts';
import { AppError } from '../../../../platform/errors.ts';
import { fenOutput, fenToJson } from '../../../../platform/money.ts';
import { renderProblem } from '../../../../platform/problem.ts';
import { payment } from '../../tables.ts';
import { RecordPaymentInput, recordPayment } from '../record-payment.ts';
import { writeTogether } from '../../../../platform/write-together.ts';

// Records the bank lines a clerk confirmed from the preview (preview-import.ts), each as a payment
// through recordPayment, its matches through allocatePayment, exactly as one recorded by hand: the
// same checks, the same ledger transfer, the same audit.
//
// One transaction for the request, a savepoint per row. Rows are independent facts (one bank line
// each), so one that fails (a statement paid by a colleague since the preview, a mistyped amount)
// is rolled back alone and answered as an error beside the others, and the clerk corrects that one.
// The whole answer still commits in one piece with the Idempotency-Key (runCommand): a replay
// gives back exactly what happened, and a crash midway leaves nothing half-imported to reconcile.
// The price is that the batch's locks (the platform's cash account above all) are held until it
// ends, which is why a request holds at most MAX_IMPORT_ROWS rows.

export const MAX_IMPORT_ROWS = 200;

export const ImportPaymentRow = RecordPaymentInput.extend({
  // The line's row in the bank file, echoed in the answer so the clerk finds it.
  row: z.number().int().min(1).max(1_000_000).optional(),
}).meta({ id: 'ImportPaymentRow' });

export const ImportPaymentsInput = z.strictObject({ rows: z.array(ImportPaymentRow).min(1).max(MAX_IMPORT_ROWS) }).meta({ id: 'ImportPaymentsInput' });
export type ImportPaymentsInput = z.infer<typeof ImportPaymentsInput>;

const RowProblemDto = z.object({
  code: z.string(),
  detail: z.string().describe("In the caller's language"),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});

export const ImportOutcomeDto = z
  .object({
    index: z.number().int().describe('The row’s place in the request'),
    row: z.number().int().nullable(),
    bankRef: z.string(),
    outcome: z.enum(['recorded', 'duplicate', 'error']),
    // The payment recorded now, or the one that holds the reference already.
    paymentId: z.uuid().nullable(),
    paymentNo: z.string().nullable(),
    unallocatedFen: fenOutput.nullable(),
    problem: RowProblemDto.nullable(),
  })
  .meta({ id: 'PaymentImportOutcome' });
export type ImportOutcomeDto = z.infer<typeof ImportOutcomeDto>;

export const ImportResultDto = z.object({ recorded: z.number().int(), duplicates: z.number().int(), errors: z.number().int(), rows: z.array(ImportOutcomeDto) }).meta({ id: 'PaymentImportResult' });
export type ImportResultDto = z.infer<typeof ImportResultDto>;

export async function importPayments(tx: Tx, ctx: Ctx, input: ImportPaymentsInput): Promise<ImportResultDto> {
  requirePermission(ctx.actor, 'statements.manage');
  // References recorded before this request, in one read; one repeated within the request meets the
  // unique index and is answered the same way.
  const recorded = new Map(
    (
      await tx
        .select({ id: payment.id, bankRef: payment.bankRef })
        .from(payment)
        .where(
          inArray(
            payment.bankRef,
            input.rows.map((r) => r.bankRef),
          ),
        )
    ).map((p) => [p.bankRef, p.id]),
  );
  const rows: Omit<ImportOutcomeDto, 'paymentNo'>[] = [];
  for (const [index, { row, ...line }] of input.rows.entries()) {
    const base = { index, row: row ?? null, bankRef: line.bankRef };
    const earlier = recorded.get(line.bankRef);
    if (earlier) {
      rows.push({ ...base, outcome: 'duplicate', paymentId: earlier, unallocatedFen: null, problem: null });
      continue;
    }
    try {
      // The payment's ledger writes go inside its savepoint: a row refused later takes them with it.
      const id = await inSavepoint(tx, ctx, async (sp) => {
        const done = await recordPayment(sp, ctx, line);
        await writeTogether(sp, done.writes);
        return done.result;
      });
      recorded.set(line.bankRef, id);
      const allocatedFen = (line.allocations ?? []).reduce((sum, a) => sum + a.amountFen, 0n);
      rows.push({ ...base, outcome: 'recorded', paymentId: id, unallocatedFen: fenToJson(line.amountFen - allocatedFen), problem: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'conflict' && error.params.what === 'payment') {
        rows.push({ ...base, outcome: 'duplicate', paymentId: recorded.get(line.bankRef) ?? null, unallocatedFen: null, problem: null });
        continue;
      }
      const problem = renderProblem(error, ctx.locale, { url: '/api/v1/payments/import', id: ctx.requestId });
      rows.push({
        ...base,
        outcome: 'error',
        paymentId: null,
        unallocatedFen: null,
        problem: { code: problem.code, detail: problem.detail, errors: (problem.errors ?? []).map((e) => ({ path: e.path, code: e.code, message: e.message })) },
      });
    }
  }
  // The payments' numbers, as the clerk finds them in the list, in one read at the end.
  const ids = [...new Set(rows.flatMap((r) => (r.paymentId ? [r.paymentId] : [])))];
  const numbers = new Map(ids.length === 0 ? [] : (await tx.select({ id: payment.id, paymentNo: payment.paymentNo }).from(payment).where(inArray(payment.id, ids))).map((p) => [p.id, p.paymentNo]));
  return {
    recorded: rows.filter((r) => r.outcome === 'recorded').length,
    duplicates: rows.filter((r) => r.outcome === 'duplicate').length,
    errors: rows.filter((r) => r.outcome === 'error').length,
    rows: rows.map((r) => ({ ...r, paymentNo: r.paymentId ? (numbers.get(r.paymentId) ?? null) : null })),
  };
}

// Runs one row in a savepoint. What the row recorded for the command's end (audit rows, events:
// deferred-writes.ts) is dropped with it when it fails, so the audit trail never names a payment
// that was rolled back.
async function inSavepoint<T>(tx: Tx, ctx: Ctx, fn: (sp: Tx) => Promise<T>): Promise<T> {
  const audits = ctx.deferred?.audits.length ?? 0;
  const events = ctx.deferred?.events.length ?? 0;
  try {
    return await tx.transaction((sp) => fn(sp as Tx));
  } catch (error) {
    ctx.deferred?.audits.splice(audits);
    ctx.deferred?.events.splice(events);
    throw error;
  }
}
