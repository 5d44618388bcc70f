import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { cancelPurchaseOrder } from './cancel-purchase-order.ts';
import { confirmPurchaseOrder } from './confirm-purchase-order.ts';
import { createPurchaseOrder } from './create-purchase-order.ts';
import { PurchaseOrderDto, PurchaseOrderSummaryDto } from './dto.ts';
import { getPurchaseOrder, ListPurchaseOrdersQuery, listPurchaseOrders } from './list-purchase-orders.ts';
import { receivePurchaseOrder, ReceivedPurchaseOrderDto } from './receive-purchase-order.ts';
import { refusePurchaseOrder } from './refuse-purchase-order.ts';
import { getReplenishmentRules, ReplenishmentRulesBody, ReplenishmentRulesDto, setReplenishmentRules } from './replenishment/rules.ts';
import { CancelPurchaseOrderInput, ConfirmPurchaseOrderInput, CreatePurchaseOrderInput, ReceivePurchaseOrderInput, RefusePurchaseOrderInput, ShipPurchaseOrderInput } from './schemas.ts';
import { sendPurchaseOrder } from './send-purchase-order.ts';
import { shipPurchaseOrder } from './ship-purchase-order.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const tags = ['purchasing'];
const KEY = ' Send an Idempotency-Key.';

// Purchase orders to suppliers (采购), receipts against them, and replenishment rules.
export function purchasingRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/purchase-orders',
    {
      schema: {
        tags,
        summary: 'Purchase orders, newest first (operators: their warehouses’; suppliers: those sent to them, never drafts; the platform: all)',
        security: secured,
        querystring: ListPurchaseOrdersQuery,
        response: { 200: pageSchema(PurchaseOrderSummaryDto) },
      },
    },
    (req) => listPurchaseOrders(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/purchase-orders',
    {
      schema: {
        tags,
        summary: `Write a draft purchase order to a supplier for a warehouse the caller runs: the supplier’s products, quantities, and prices (by default its valid offer for the warehouse’s region).${KEY}`,
        security: secured,
        body: CreatePurchaseOrderInput,
        response: { 201: PurchaseOrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createPurchaseOrder(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/purchase-orders/:id',
    {
      schema: { tags, summary: 'One purchase order with its lines, history and receipts', security: secured, params: IdParams, response: { 200: PurchaseOrderDto } },
    },
    (req) => getPurchaseOrder(db, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/purchase-orders/:id/send',
    {
      schema: {
        tags,
        summary: `Send a draft to its supplier (by the buyer); its lines become incoming at the warehouse.${KEY}`,
        security: secured,
        params: IdParams,
        response: { 200: PurchaseOrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => sendPurchaseOrder(tx, ctx, req.params.id)),
  );

  r.post(
    '/api/v1/purchase-orders/:id/confirm',
    {
      schema: {
        tags,
        summary: `The supplier’s answer, every line at once: confirm with a promised date, or refuse with a reason (all refused: the order is refused). Refused lines’ backorders are re-sourced or surfaced.${KEY}`,
        security: secured,
        params: IdParams,
        body: ConfirmPurchaseOrderInput,
        response: { 200: PurchaseOrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => confirmPurchaseOrder(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/purchase-orders/:id/refuse',
    {
      schema: { tags, summary: `The supplier refuses the whole order, with a reason.${KEY}`, security: secured, params: IdParams, body: RefusePurchaseOrderInput, response: { 200: PurchaseOrderDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => refusePurchaseOrder(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/purchase-orders/:id/ship',
    {
      schema: {
        tags,
        summary: `The supplier ships the confirmed goods: carrier and tracking number.${KEY}`,
        security: secured,
        params: IdParams,
        body: ShipPurchaseOrderInput,
        response: { 200: PurchaseOrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => shipPurchaseOrder(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/purchase-orders/:id/cancel',
    {
      schema: {
        tags,
        summary: `The buyer withdraws the order before anything of it arrived.${KEY}`,
        security: secured,
        params: IdParams,
        body: CancelPurchaseOrderInput,
        response: { 200: PurchaseOrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => cancelPurchaseOrder(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/purchase-orders/:id/receipts',
    {
      schema: {
        tags,
        summary: `Receive goods against the order at its warehouse (by its operator): per confirmed line, quantity and lot; trace codes issued for certified units; waiting backorders reserved first. Received when every line arrived in full, or closed short with final.${KEY}`,
        security: secured,
        params: IdParams,
        body: ReceivePurchaseOrderInput,
        response: { 201: ReceivedPurchaseOrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => receivePurchaseOrder(tx, ctx, req.params.id, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/warehouses/:id/replenishment-rules',
    {
      schema: {
        tags,
        summary: 'A warehouse’s replenishment rules (min/max per product), for its operator and the platform',
        security: secured,
        params: IdParams,
        response: { 200: ReplenishmentRulesDto },
      },
    },
    (req) => getReplenishmentRules(db, ctxOf(req), req.params.id),
  );

  r.put(
    '/api/v1/warehouses/:id/replenishment-rules',
    {
      schema: {
        tags,
        summary: `Replace a warehouse’s replenishment rules: per product, buy up to maxQty when available + incoming falls to minQty.${KEY}`,
        security: secured,
        params: IdParams,
        body: ReplenishmentRulesBody,
        response: { 200: ReplenishmentRulesDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => setReplenishmentRules(tx, ctx, req.params.id, req.body)),
  );
}
