import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { CancelOrderInput, cancelOrder } from './cancel-order.ts';
import { OrderDto } from './dto.ts';
import { getOrder } from './get-order.ts';
import { ListOrdersQuery, listOrders } from './list-orders.ts';
import { createOrder } from './place/create-order.ts';
import { CreateOrderInput } from './place/schemas.ts';

const IdParams = z.strictObject({ id: z.uuid() });

export function orderRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.post('/api/v1/orders', {
    schema: {
      tags: ['orders'],
      summary: 'Place an order (下单): {assessmentId} turns an approved assessment version into an order paid by the insurer; {lines} is a shop buying for itself. Stock is reserved for every line or the order is refused (409 naming the lines that lack stock). Send an Idempotency-Key.',
      security: secured,
      body: CreateOrderInput,
      response: { 201: OrderDto },
    },
  }, (req, reply) => runCommand(req, reply, (tx, ctx) => createOrder(tx, ctx, req.body), { status: 201 }));

  r.get('/api/v1/orders', {
    schema: { tags: ['orders'], summary: 'Orders the caller is a party to, newest first (suppliers and operators see only their lines)', security: secured, querystring: ListOrdersQuery, response: { 200: pageSchema(OrderDto) } },
  }, (req) => listOrders(db, ctxOf(req), req.query));

  r.get('/api/v1/orders/:id', {
    schema: { tags: ['orders'], summary: 'One order with its lines and shipments; its status is derived from its lines', security: secured, params: IdParams, response: { 200: OrderDto } },
  }, (req) => getOrder(db, ctxOf(req), req.params.id));

  r.post('/api/v1/orders/:id/cancel', {
    schema: { tags: ['orders'], summary: 'Cancel lines (all when lineIds is left out) before they ship; their stock is released at once', security: secured, params: IdParams, body: CancelOrderInput, response: { 200: OrderDto } },
  }, (req, reply) => runCommand(req, reply, (tx, ctx) => cancelOrder(tx, ctx, req.params.id, req.body)));
}
