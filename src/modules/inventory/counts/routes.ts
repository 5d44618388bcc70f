import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runCommand } from '../../../platform/command.ts';
import { secured } from '../../../platform/openapi.ts';
import { createCount } from './create-count.ts';
import { CountDto, CreateCountInput } from './schemas.ts';

const IdParams = z.strictObject({ id: z.uuid() });

// Stock counts (盘点).
export function countRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/warehouses/:id/counts',
    {
      schema: {
        tags: ['inventory'],
        summary:
          'Stock count (盘点) by the warehouse’s operator: what was found per product and lot; differences are posted at once as adjustments to or from 盘亏 (a count below what orders reserved is refused, 409). Send an Idempotency-Key.',
        security: secured,
        params: IdParams,
        body: CreateCountInput,
        response: { 201: CountDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createCount(tx, ctx, req.params.id, req.body), { status: 201 }),
  );
}
