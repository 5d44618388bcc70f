import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { secured } from '../../../platform/openapi.ts';
import { pageSchema } from '../../../platform/pagination.ts';
import { approveRefund, RefundReasonInput, refuseRefund, withdrawRefund } from './decide-refund.ts';
import { getRefund, ListRefundsQuery, listRefunds, RefundDto } from './refund-dto.ts';
import { RequestRefundInput, requestRefund } from './request-refund.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const tags = ['settlement'];
const KEY = ' Send an Idempotency-Key.';

// Refunds (退款): part of a payment no statement took, sent back to its payer once a second person
// approves.
export function refundRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/refunds',
    {
      schema: {
        tags,
        summary: 'Refunds, newest first (the platform all, a payer its own), by status, payer or payment',
        security: secured,
        querystring: ListRefundsQuery,
        response: { 200: pageSchema(RefundDto) },
      },
    },
    (req) => listRefunds(db, ctxOf(req), req.query),
  );

  r.get('/api/v1/refunds/:id', { schema: { tags, summary: 'One refund', security: secured, params: IdParams, response: { 200: RefundDto } } }, (req) => getRefund(db, ctxOf(req), req.params.id));

  r.post(
    '/api/v1/payments/:id/refunds',
    {
      schema: {
        tags,
        summary: `Ask to send back part of a payment no statement took (at most what is left unmatched): held on the payment until a second person approves or refuses it.${KEY}`,
        security: secured,
        params: IdParams,
        body: RequestRefundInput,
        response: { 201: RefundDto },
      },
    },
    (req, reply) => runCommand(req, reply, async (tx, ctx) => getRefund(tx, ctx, await requestRefund(tx, ctx, req.params.id, req.body)), { status: 201 }),
  );

  r.post(
    '/api/v1/refunds/:id/approve',
    {
      schema: {
        tags,
        summary: `Approve a refund: the platform’s bank sends it and the payer’s receivable is debited again; by a person signed in (403 person_required for an API key) other than who asked (403 four_eyes; a key counts as its maker); 409 refund_over_credit_limit when the payer would pass its limit.${KEY}`,
        security: secured,
        params: IdParams,
        response: { 200: RefundDto },
      },
    },
    (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await approveRefund(tx, ctx, req.params.id);
        return getRefund(tx, ctx, req.params.id);
      }),
  );

  const decide = (path: string, summary: string, run: typeof refuseRefund) =>
    r.post(`/api/v1/refunds/:id/${path}`, { schema: { tags, summary: `${summary}${KEY}`, security: secured, params: IdParams, body: RefundReasonInput, response: { 200: RefundDto } } }, (req, reply) =>
      runCommand(req, reply, async (tx, ctx) => {
        await run(tx, ctx, req.params.id, req.body);
        return getRefund(tx, ctx, req.params.id);
      }),
    );
  decide('refuse', 'Refuse a refund with a reason, by someone other than who asked (403 four_eyes): the amount is free on the payment again.', refuseRefund);
  decide('withdraw', 'Withdraw one’s own refund with a reason (403 refund_withdraw_own for anyone else’s): the amount is free on the payment again.', withdrawRefund);
}
