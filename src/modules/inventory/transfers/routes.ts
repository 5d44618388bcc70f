import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { secured } from '../../../platform/openapi.ts';
import { pageSchema } from '../../../platform/pagination.ts';
import { createTransfer } from './create-transfer.ts';
import { TransferDto } from './dto.ts';
import { getTransfer, listTransfers } from './list-transfers.ts';
import { receiveTransfer } from './receive-transfer.ts';
import { CreateTransferInput, ListTransfersQuery } from './schemas.ts';

const IdParams = z.strictObject({ id: z.uuid() });

// Transfers between warehouses (调拨).
export function transferRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.post(
    '/api/v1/transfers',
    {
      schema: {
        tags: ['inventory'],
        summary:
          'Send stock to another warehouse (调拨), by the source’s operator: from available stock (on hand − reserved), oldest lots first, with their trace codes; all lines or none (409 naming the short lines). Send an Idempotency-Key.',
        security: secured,
        body: CreateTransferInput,
        response: { 201: TransferDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createTransfer(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/transfers',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Transfers out of or into the caller’s warehouses (the platform: all), newest first',
        security: secured,
        querystring: ListTransfersQuery,
        response: { 200: pageSchema(TransferDto) },
      },
    },
    (req) => listTransfers(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/transfers/:id',
    {
      schema: { tags: ['inventory'], summary: 'One transfer with its lines and the trace codes still in transit', security: secured, params: IdParams, response: { 200: TransferDto } },
    },
    (req) => getTransfer(db, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/transfers/:id/receive',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Receive a transfer at its destination (by the destination’s operator): everything sent arrives, with its trace codes',
        security: secured,
        params: IdParams,
        response: { 200: TransferDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => receiveTransfer(tx, ctx, req.params.id)),
  );
}
