import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { secured } from '../../../platform/openapi.ts';
import { pageSchema } from '../../../platform/pagination.ts';
import { closeInquiry } from './close-inquiry.ts';
import { InquiryDetailDto, InquirySummaryDto } from './dto.ts';
import { EscalateInput, escalateInquiry } from './escalate-inquiry.ts';
import { getInquiry } from './get-inquiry.ts';
import { ListInquiriesQuery, listInquiries } from './list-inquiries.ts';
import { PlaceBidInput, PlacedBidDto, placeBid } from './place-bid.ts';
import { WithdrawInput, withdrawInquiry } from './withdraw-inquiry.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const tags = ['inquiries'];

export function inquiryRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/inquiries',
    {
      schema: {
        tags,
        summary: 'Inquiries (询价单) the caller may see: its insurer’s, or those sent to its supplier; newest first',
        security: secured,
        querystring: ListInquiriesQuery,
        response: { 200: pageSchema(InquirySummaryDto) },
      },
    },
    (req) => listInquiries(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/inquiries/:id',
    {
      schema: {
        tags,
        summary: 'One inquiry. The insurer sees only the number of bids until the deadline, then every bid; a supplier sees its own bids',
        security: secured,
        params: IdParams,
        response: { 200: InquiryDetailDto },
      },
    },
    (req) => getInquiry(db, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/inquiries/:id/bids',
    {
      schema: {
        tags,
        summary: 'Bid (sealed) on an inquiry sent to the caller’s supplier, before the deadline; bidding the same product again replaces the bid',
        security: secured,
        params: IdParams,
        body: PlaceBidInput,
        response: { 200: PlacedBidDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => placeBid(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/inquiries/:id/escalate',
    {
      schema: {
        tags,
        summary: 'Invite more suppliers (the named ones, or every supplier serving the region) and optionally extend the deadline',
        security: secured,
        params: IdParams,
        body: EscalateInput,
        response: { 200: InquiryDetailDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => escalateInquiry(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/inquiries/:id/withdraw',
    {
      schema: { tags, summary: 'Call an open inquiry off, with a reason; its bids stay sealed', security: secured, params: IdParams, body: WithdrawInput, response: { 200: InquiryDetailDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => withdrawInquiry(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/inquiries/:id/close',
    {
      schema: { tags, summary: 'End bidding before the deadline and unseal the bids', security: secured, params: IdParams, response: { 200: InquiryDetailDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => closeInquiry(tx, ctx, req.params.id)),
  );
}
