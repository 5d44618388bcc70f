import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../../platform/command.ts';
import { AppError } from '../../../../platform/errors.ts';
import { secured } from '../../../../platform/openapi.ts';
import { MAX_BANK_LINES } from './bank-statement.ts';
import { ImportPaymentsInput, ImportResultDto, importPayments, MAX_IMPORT_ROWS } from './import-payments.ts';
import { PreviewDto, previewImport } from './preview-import.ts';

// A bank statement export is a few hundred kilobytes for a month; this leaves room for a year.
export const BANK_FILE_LIMIT_BYTES = 5 * 1024 * 1024;
const tags = ['settlement'];

// Importing payments from a bank statement (银行流水导入): a preview that suggests matches, then the
// rows the clerk confirmed.
export function paymentImportRoutes(app: FastifyInstance): void {
  // A plugin of its own, so the text/csv parser exists for the preview alone. The file is small and
  // its encoding must be guessed from its bytes (UTF-8 or GB18030), so it is read whole as bytes.
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: BANK_FILE_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const { db } = scope.services.database;

    // A POST because it carries a file, but it only reads: no Idempotency-Key is needed.
    r.post(
      '/api/v1/payments/import/preview',
      {
        bodyLimit: BANK_FILE_LIMIT_BYTES,
        schema: {
          tags,
          summary: 'Preview a bank statement CSV: its lines of money received, per-row errors, duplicates, and suggested payer and statement matches (changes nothing). Platform finance.',
          description: `The body is the bank's CSV export itself (content-type text/csv): UTF-8 with or without a BOM, or GB18030/GBK as Excel on Chinese Windows saves it. Columns are found by their header names, Chinese or English (交易日期/记账日期, 贷方金额/收入金额/金额 with or without 借贷标志, 对方户名/付款人, 对方账号, 流水号/交易流水号/银行流水号, 摘要/用途/附言); a preamble before the header and total rows are read past; debit lines are counted and ignored. At most ${MAX_BANK_LINES} credit lines. Each line: its errors (row, field, reason in the caller's language), whether its bank reference is already recorded, the suggested payer (by registered name, by the account or name of its earlier payments, or by a statement its memo names) and allocations with a reason each: memo_statement_no, exact_amount, oldest_first; a line with a payer but nothing open is payer_only, one without a payer none. A file whose header cannot be found answers 422 import_rejected.`,
          security: secured,
          consumes: ['text/csv'],
          body: z.unknown().meta({ type: 'string', format: 'binary', description: 'The bank statement CSV file' }),
          response: { 200: PreviewDto },
        },
      },
      (req) => {
        const ctx = ctxOf(req);
        if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { expected: 'text/csv' });
        return previewImport(db, ctx, req.body);
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/payments/import',
    {
      schema: {
        tags,
        summary: `Record the bank lines confirmed from a preview, each as POST /api/v1/payments records one (its bank reference once; its matches checked alike): per row recorded, duplicate or error, in one transaction with a savepoint per row, at most ${MAX_IMPORT_ROWS} rows. Platform finance. Send an Idempotency-Key.`,
        security: secured,
        body: ImportPaymentsInput,
        response: { 200: ImportResultDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => importPayments(tx, ctx, req.body)),
  );
}
