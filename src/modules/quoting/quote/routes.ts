import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { secured } from '../../../platform/openapi.ts';
import { approveAssessment } from '../approve/approve-assessment.ts';
import { ApproveInput } from '../approve/schemas.ts';
import { listWaitingQuotes, ListWaitingQuery, WaitingQuoteDto } from '../approve/list-waiting.ts';
import { pageSchema } from '../../../platform/pagination.ts';
import { QuoteDto } from './dto.ts';
import { closeDueInquiriesOfVersion } from '../approve/close-due-inquiries.ts';
import { getQuote } from './get-quote.ts';
import { quoteAssessment } from './quote-assessment.ts';

const IdParams = z.strictObject({ id: z.uuid() });

// Quoting (询价/报价) and the price check (核价) of an assessment version.
export function quoteRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.post(
    '/api/v1/assessments/:id/quote',
    {
      schema: {
        tags: ['quoting'],
        summary:
          'Quote a draft assessment version: rank every part line’s offers under the insurer’s policy and guide, auto-approve what the thresholds allow, open inquiries for the rest, and freeze the version',
        security: secured,
        params: IdParams,
        response: { 201: QuoteDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => quoteAssessment(tx, ctx, req.params.id), { status: 201 }),
  );

  r.get(
    '/api/v1/price-checks',
    {
      schema: {
        tags: ['quoting'],
        summary: 'The price checker’s queue (核价待办): quoted versions of the caller’s insurer with lines that need a human, oldest quote first',
        security: secured,
        querystring: ListWaitingQuery,
        response: { 200: pageSchema(WaitingQuoteDto) },
      },
    },
    (req) => listWaitingQuotes(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/assessments/:id/quote',
    {
      schema: {
        tags: ['quoting'],
        summary: 'The quote of an assessment version (the insurer sees the ranking; the shop the approved amounts and its handling fees)',
        security: secured,
        params: IdParams,
        response: { 200: QuoteDto },
      },
    },
    (req) => getQuote(db, ctxOf(req), { assessmentId: req.params.id }),
  );

  r.get(
    '/api/v1/quotes/:id',
    {
      schema: {
        tags: ['quoting'],
        summary: 'One quote (the insurer sees the ranking; the shop the approved amounts and its handling fees)',
        security: secured,
        params: IdParams,
        response: { 200: QuoteDto },
      },
    },
    (req) => getQuote(db, ctxOf(req), { quoteId: req.params.id }),
  );

  r.post(
    '/api/v1/assessments/:id/approve',
    {
      schema: {
        tags: ['quoting'],
        summary: 'Price check (核价) of a quoted version by the insurer’s price checker: accept, correct (another offer or a price cap) or send back each line that needs a human',
        security: secured,
        params: IdParams,
        body: ApproveInput,
        response: { 200: QuoteDto },
      },
    },
    async (req, reply) => {
      // Bids whose deadline has passed are merged first, so the check decides on what the lines hold.
      await closeDueInquiriesOfVersion(db, req.params.id, ctxOf(req).now);
      return runCommand(req, reply, (tx, ctx) => approveAssessment(tx, ctx, req.params.id, req.body));
    },
  );
}
