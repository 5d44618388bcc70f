import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { commandGroup } from '../../platform/command-group.ts';
import { finished } from '../../platform/finished.ts';
import { secured } from '../../platform/openapi.ts';
import { decodeCursor, pageQuery, pageSchema } from '../../platform/pagination.ts';
import { sendXlsx, XLSX_TYPE } from '../../platform/xlsx.ts';
import { ListInvoicesQuery, listInvoices } from './invoices/list-invoices.ts';
import { InvoiceDto, RecordInvoiceInput, recordInvoice } from './invoices/record-invoice.ts';
import { AllocatePaymentInput, allocatePayment } from './payments/allocate-payment.ts';
import { paymentImportRoutes } from './payments/import/routes.ts';
import { refundRoutes } from './refunds/routes.ts';
import { getPayment, ListPaymentsQuery, listPayments, PaymentDto } from './payments/list-payments.ts';
import { checkPayment, RecordPaymentInput, recordPayment, recordPayments } from './payments/record-payment.ts';
import { confirmStatement, DisputeStatementInput, disputeStatement } from './statements/answer-statement.ts';
import { CreateStatementInput, createStatement, MAX_STATEMENT_LINES } from './statements/create-statement.ts';
import { StatementDto, StatementLineDto } from './statements/dto.ts';
import { exportStatementCsv, exportStatementXlsx, statementFileName } from './statements/export-statement.ts';
import { findStatement } from './statements/find-statement.ts';
import { cancelStatement, issueStatement } from './statements/issue-statement.ts';
import { getStatement, ListStatementsQuery, listStatements } from './statements/list-statements.ts';
import { ResolveDisputeInput, resolveDispute } from './statements/resolve-dispute.ts';
import { lineCursor, readLineCursor, readStatementLines } from './statements/statement-lines.ts';
import { requirePermission } from '../../platform/access.ts';
import { chinaDate } from '../../platform/china-date.ts';
import { AppError } from '../../platform/errors.ts';
import { fenOutput } from '../../platform/money.ts';
import { getPayout, ListPayoutsQuery, listPayouts, PayoutDto, RemittanceLineDto, remittanceLines } from './payouts/list-payouts.ts';
import { ConfirmPayoutInput, movePayout, ReturnPayoutInput } from './payouts/move-payout.ts';
import { runPayouts } from './payouts/run-payouts.ts';
import { approveFinancing, defaultFinancing, fundFinancing, RefuseFinancingInput, refuseFinancing } from './financing/move-financing.ts';
import { RequestFinancingInput, requestFinancing } from './financing/request-financing.ts';
import { FinancingDto, FunderDto, getFinancing, getLimit, LimitDto, ListFinancingQuery, listFinancing, listFunders, listReceivables, ReceivableDto, SupplierQuery } from './financing/views.ts';
import { getSettlementTerms, SetSettlementTermsInput, SettlementTermsDto, setSettlementTerms } from './terms.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const PayoutRunDto = z
  .object({ runDate: z.string(), paid: z.number().int(), amountFen: fenOutput, doneAlready: z.number().int(), nothingDue: z.number().int(), notPayDay: z.number().int(), payoutIds: z.array(z.uuid()) })
  .meta({ id: 'PayoutRun' });
const tags = ['settlement'];
const KEY = ' Send an Idempotency-Key.';

// Statements to payers (对账单), the payments they make (收款), and invoices (发票).
export function settlementRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;
  // Payments without matches, recorded together when they arrive together (command-group.ts).
  const recordTogether = commandGroup<RecordPaymentInput, PaymentDto>(
    db,
    async (tx, jobs) => {
      const recorded = await recordPayments(tx, jobs);
      // A caller without the right to read payments gets what it may read (none of them do today).
      const dtos = await Promise.all(recorded.result.map(async (r, i) => r.dto ?? (await getPayment(tx, jobs[i]!.ctx, r.id))));
      return finished(dtos, recorded.writes);
    },
    { status: 201, check: checkPayment },
  );

  r.get(
    '/api/v1/statements',
    {
      schema: {
        tags,
        summary: 'Statements, newest first (payers: their own, issued and after; the platform: all, drafts included)',
        security: secured,
        querystring: ListStatementsQuery,
        response: { 200: pageSchema(StatementDto) },
      },
    },
    (req) => listStatements(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/statements',
    {
      schema: {
        tags,
        summary: `Gather a draft statement for a payer and period (China days, both included): every accepted line its receivable posted in the period and no other statement holds, at most ${MAX_STATEMENT_LINES} (the rest goes on the next); 422 statement_empty when there is none. Platform finance.${KEY}`,
        security: secured,
        body: CreateStatementInput,
        response: { 201: StatementDto },
      },
    },
    (req, reply) =>
      runCommand(
        req,
        reply,
        async (tx, ctx) => {
          const { id } = await createStatement(tx, ctx, req.body);
          return getStatement(tx, ctx, id);
        },
        { status: 201 },
      ),
  );

  r.get(
    '/api/v1/statements/:id',
    { schema: { tags, summary: 'One statement with its totals, payments matched, invoices recorded and dispute', security: secured, params: IdParams, response: { 200: StatementDto } } },
    (req) => getStatement(db, ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/statements/:id/lines',
    {
      schema: {
        tags,
        summary: 'A statement’s lines, a page at a time: each accepted order line (claim no., order no., part, grade, quantity, amounts, saving against OE) and the credits',
        security: secured,
        params: IdParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageSchema(StatementLineDto) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requirePermission(ctx.actor, 'statements.read');
      const s = await findStatement(db, ctx.actor, req.params.id);
      const rows = await readStatementLines(db, s.id, readLineCursor(req.query.cursor), req.query.limit + 1);
      const more = rows.length > req.query.limit;
      const kept = rows.slice(0, req.query.limit);
      return { items: kept.map(({ key: _key, ...l }) => l), nextCursor: more ? lineCursor(kept.at(-1)!.key) : null };
    },
  );

  r.get(
    '/api/v1/statements/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The statement as an Excel file (.xlsx): every line, amounts in yuan (credits negative), headers in the caller’s language',
        security: secured,
        params: IdParams,
        produces: [XLSX_TYPE],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { s, file } = await exportStatementXlsx(db, ctx, req.params.id);
      return sendXlsx(reply, ctx, statementFileName(s), file);
    },
  );

  r.get(
    '/api/v1/statements/:id/export.csv',
    { schema: { tags, summary: 'The statement as CSV (UTF-8 with BOM, for Excel and WPS): the same columns as the .xlsx', security: secured, params: IdParams, produces: ['text/csv'] } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { s, file } = await exportStatementCsv(db, ctx, req.params.id);
      const name = statementFileName(s);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name.en}.csv"; filename*=UTF-8''${encodeURIComponent(`${name[ctx.locale]}.csv`)}`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  const step = (path: string, summary: string, run: (tx: Parameters<Parameters<typeof runCommand>[2]>[0], ctx: Parameters<Parameters<typeof runCommand>[2]>[1], id: string) => Promise<void>) =>
    r.post(`/api/v1/statements/:id/${path}`, { schema: { tags, summary: `${summary}${KEY}`, security: secured, params: IdParams, response: { 200: StatementDto } } }, (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await run(tx, ctx, req.params.id);
        return getStatement(tx, ctx, req.params.id);
      }),
    );
  step('issue', 'Issue a draft to its payer: by a second person of the platform’s finance team (403 four_eyes for whoever gathered it)', issueStatement);
  step('cancel', 'Withdraw a draft: its lines are free for the next statement', cancelStatement);
  step('confirm', 'The payer confirms the statement (paid at once if payments already cover it)', confirmStatement);

  r.post(
    '/api/v1/statements/:id/dispute',
    {
      schema: {
        tags,
        summary: `The payer disputes lines of an issued statement, each with a reason.${KEY}`,
        security: secured,
        params: IdParams,
        body: DisputeStatementInput,
        response: { 200: StatementDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await disputeStatement(tx, ctx, req.params.id, req.body);
        return getStatement(tx, ctx, req.params.id);
      }),
  );

  r.post(
    '/api/v1/statements/:id/resolve',
    {
      schema: {
        tags,
        summary: `The platform settles a dispute, every disputed line at once: confirmed, or credited (a credit note in the ledger and a credit line on the statement); the statement is then confirmed. Returns the credits leave no room for (the total would fall below zero) move to the payer’s next statement, the newest first.${KEY}`,
        security: secured,
        params: IdParams,
        body: ResolveDisputeInput,
        response: { 200: StatementDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await resolveDispute(tx, ctx, req.params.id, req.body);
        return getStatement(tx, ctx, req.params.id);
      }),
  );

  r.get(
    '/api/v1/payments',
    {
      schema: {
        tags,
        summary: 'Payments received, newest first, with their matches and what is left unmatched',
        security: secured,
        querystring: ListPaymentsQuery,
        response: { 200: pageSchema(PaymentDto) },
      },
    },
    (req) => listPayments(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/payments',
    {
      schema: {
        tags,
        summary: `Record money a payer sent (from the bank statement; its reference once): the payer’s receivable is credited at once; matched to statements now or later.${KEY}`,
        security: secured,
        body: RecordPaymentInput,
        response: { 201: PaymentDto },
      },
    },
    (req, reply) =>
      (req.body.allocations ?? []).length === 0
        ? recordTogether(req, reply, req.body)
        : runCommand(
            req,
            reply,
            async (tx, ctx) => {
              const recorded = await recordPayment(tx, ctx, req.body);
              // With matches the payment is read back, as they left it.
              return finished(await getPayment(tx, ctx, recorded.result), recorded.writes);
            },
            { status: 201 },
          ),
  );

  r.post(
    '/api/v1/payments/:id/allocations',
    {
      schema: {
        tags,
        summary: `Match part of a payment to one of its payer’s statements (at most what is left of either).${KEY}`,
        security: secured,
        params: IdParams,
        body: AllocatePaymentInput,
        response: { 200: PaymentDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await allocatePayment(tx, ctx, req.params.id, req.body);
        return getPayment(tx, ctx, req.params.id);
      }),
  );

  paymentImportRoutes(app);
  refundRoutes(app);

  r.get(
    '/api/v1/invoices',
    {
      schema: {
        tags,
        summary: 'A statement’s invoices (its payer and the platform) or a payout’s (its payee and the platform), red-letter ones among them, in the order they were recorded',
        security: secured,
        querystring: ListInvoicesQuery,
        response: { 200: z.object({ items: z.array(InvoiceDto) }) },
      },
    },
    (req) => listInvoices(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/invoices',
    {
      schema: {
        tags,
        summary: `Record a VAT invoice (发票): number (once nationwide), 专票/普票, amount and tax. The platform’s to a payer for a statement (statementId; at most the statement’s total), a payee’s to the platform for a payout (payoutId; at most what the payout paid for before fees), or a red-letter one (红字发票, reversesInvoiceId) taking back part or all of one of those, kept negative.${KEY}`,
        security: secured,
        body: RecordInvoiceInput,
        response: { 201: InvoiceDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => recordInvoice(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/payouts',
    { schema: { tags, summary: 'Payouts, newest first (a supplier or shop its own; the platform all)', security: secured, querystring: ListPayoutsQuery, response: { 200: pageSchema(PayoutDto) } } },
    (req) => listPayouts(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/payout-runs',
    {
      schema: {
        tags,
        summary: 'Run the day’s payouts now (as the daily job and `anpei payouts run` do): every payee paid what its terms make due, once a day however often it runs. Platform finance.',
        security: secured,
        body: z.strictObject({ runDate: z.iso.date() }),
        response: { 200: PayoutRunDto },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requirePermission(ctx.actor, 'payouts.manage');
      if (req.body.runDate > chinaDate(ctx.now)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'runDate', in: 'body', code: 'invalid' }]);
      const report = await runPayouts(db, ctx, req.body.runDate);
      return {
        runDate: report.runDate,
        paid: report.payees.filter((p) => p.outcome === 'paid').length,
        amountFen: Number(report.payees.reduce((a, p) => a + p.amountFen, 0n)),
        doneAlready: report.payees.filter((p) => p.outcome === 'done_already').length,
        nothingDue: report.payees.filter((p) => p.outcome === 'nothing_due').length,
        notPayDay: report.notPayDay,
        payoutIds: report.payees.flatMap((p) => (p.outcome === 'paid' ? [p.payoutId!] : [])),
      };
    },
  );

  r.get('/api/v1/payouts/:id', { schema: { tags, summary: 'One payout', security: secured, params: IdParams, response: { 200: PayoutDto } } }, (req) => getPayout(db, ctxOf(req), req.params.id));

  r.get(
    '/api/v1/payouts/:id/lines',
    {
      schema: {
        tags,
        summary: 'A payout’s remittance advice (付款通知), a page at a time: each sale, purchase, fee or correction it paid, with its order, claim and part',
        security: secured,
        params: IdParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageSchema(RemittanceLineDto) },
      },
    },
    async (req) => {
      const after = decodeCursor(req.query.cursor);
      const rows = await remittanceLines(db, ctxOf(req), req.params.id, after, req.query.limit + 1);
      const kept = rows.slice(0, req.query.limit);
      return { items: kept, nextCursor: rows.length > req.query.limit ? Buffer.from(kept.at(-1)!.transferId, 'utf8').toString('base64url') : null };
    },
  );

  r.post(
    '/api/v1/payouts/:id/confirm',
    {
      schema: {
        tags,
        summary: `The bank confirmed the payout: its reference recorded, the payable’s debit posted.${KEY}`,
        security: secured,
        params: IdParams,
        body: ConfirmPayoutInput,
        response: { 200: PayoutDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await movePayout(tx, ctx, req.params.id, { event: 'confirm', bankRef: req.body.bankRef });
        return getPayout(tx, ctx, req.params.id);
      }),
  );

  r.post(
    '/api/v1/payouts/:id/return',
    {
      schema: {
        tags,
        summary: `The bank returned the payout: the payable’s debit voided, its items free for the next run.${KEY}`,
        security: secured,
        params: IdParams,
        body: ReturnPayoutInput,
        response: { 200: PayoutDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await movePayout(tx, ctx, req.params.id, { event: 'return', reason: req.body.reason });
        return getPayout(tx, ctx, req.params.id);
      }),
  );

  const OrgParams = z.strictObject({ orgId: z.uuid() });
  r.get(
    '/api/v1/settlement-terms/:orgId',
    {
      schema: {
        tags,
        summary: 'An organisation’s settlement terms (账期): invoices required of a payer, a payee’s T+N and cycle; the defaults when none are set',
        security: secured,
        params: OrgParams,
        response: { 200: SettlementTermsDto },
      },
    },
    (req) => getSettlementTerms(db, ctxOf(req), req.params.orgId),
  );
  r.put(
    '/api/v1/settlement-terms/:orgId',
    {
      schema: {
        tags,
        summary: `Set an insurer’s, shop’s or supplier’s settlement terms (platform finance).${KEY}`,
        security: secured,
        params: OrgParams,
        body: SetSettlementTermsInput,
        response: { 200: SettlementTermsDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => setSettlementTerms(tx, ctx, req.params.orgId, req.body)),
  );

  // Receivables financing (应收账款融资).
  const ftags = ['financing'];
  r.get(
    '/api/v1/financing/receivables',
    {
      schema: {
        tags: ftags,
        summary:
          'A supplier’s financeable receivables: lines the shop accepted and the insurer approved (on a confirmed statement), not paid out, not financed; with what each is worth (the platform names the supplier)',
        security: secured,
        querystring: SupplierQuery,
        response: { 200: z.object({ items: z.array(ReceivableDto), annualRateBp: z.number().int(), payerPaymentDays: z.number().int() }) },
      },
    },
    (req) => listReceivables(db, ctxOf(req), req.query.supplierOrgId),
  );
  r.get(
    '/api/v1/financing/limit',
    {
      schema: {
        tags: ftags,
        summary: 'A supplier’s financing limit today, with the formula’s inputs, what is held, and what is available',
        security: secured,
        querystring: SupplierQuery,
        response: { 200: LimitDto },
      },
    },
    (req) => getLimit(db, ctxOf(req), req.query.supplierOrgId),
  );
  r.get(
    '/api/v1/financing/funders',
    {
      schema: {
        tags: ftags,
        summary: 'Who may fund a request (资金方): the platform (id null) and the active funder organisations, with the rate advances are priced at',
        security: secured,
        response: { 200: z.object({ items: z.array(FunderDto) }) },
      },
    },
    (req) => listFunders(db, ctxOf(req)),
  );
  r.get(
    '/api/v1/financing/requests',
    {
      schema: {
        tags: ftags,
        summary: 'Financing requests, newest first (a supplier its own; a funder those addressed to it; the platform all: status=requested&funder=platform is its approval queue)',
        security: secured,
        querystring: ListFinancingQuery,
        response: { 200: pageSchema(FinancingDto) },
      },
    },
    (req) => listFinancing(db, ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/financing/requests',
    {
      schema: {
        tags: ftags,
        summary: `A supplier asks for an advance on chosen receivables, of the platform or of the funder organisation it names (funderOrgId), within its available limit: fee = face × annual rate × days to the expected payment ÷ 365, rounded half up to the fen; advance = face − fee.${KEY}`,
        security: secured,
        body: RequestFinancingInput,
        response: { 201: FinancingDto },
      },
    },
    (req, reply) =>
      runCommand(
        req,
        reply,
        async (tx, ctx) => {
          const id = await requestFinancing(tx, ctx, req.body);
          return getFinancing(tx, ctx, id);
        },
        { status: 201 },
      ),
  );
  r.get('/api/v1/financing/requests/:id', { schema: { tags: ftags, summary: 'One financing request with its lines', security: secured, params: IdParams, response: { 200: FinancingDto } } }, (req) =>
    getFinancing(db, ctxOf(req), req.params.id),
  );
  const decide = (path: string, summary: string, run: (tx: Parameters<Parameters<typeof runCommand>[2]>[0], ctx: Parameters<Parameters<typeof runCommand>[2]>[1], id: string) => Promise<void>) =>
    r.post(`/api/v1/financing/requests/:id/${path}`, { schema: { tags: ftags, summary: `${summary}${KEY}`, security: secured, params: IdParams, response: { 200: FinancingDto } } }, (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await run(tx, ctx, req.params.id);
        return getFinancing(tx, ctx, req.params.id);
      }),
    );
  // Each decided by whoever funds the request: the platform's finance team its own, a funder's people
  // those addressed to it (the platform only reads those: 403 financing_other_funder).
  decide('approve', 'Approve a request within the supplier’s limit (its funder: platform finance, or the funder organisation’s)', approveFinancing);
  decide(
    'fund',
    'Release the advance: face − fee to the supplier, the face held until the insurer pays (its funder, not whoever approved it: 403 four_eyes; a funder organisation pays from its own bank, the receivables assigned to it)',
    fundFinancing,
  );
  decide('default', 'Give up on an overdue advance (its funder)', defaultFinancing);
  r.post(
    '/api/v1/financing/requests/:id/refuse',
    {
      schema: {
        tags: ftags,
        summary: `Refuse a request, with a reason (its funder); its lines are released.${KEY}`,
        security: secured,
        params: IdParams,
        body: RefuseFinancingInput,
        response: { 200: FinancingDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await refuseFinancing(tx, ctx, req.params.id, req.body.reason);
        return getFinancing(tx, ctx, req.params.id);
      }),
  );
}
