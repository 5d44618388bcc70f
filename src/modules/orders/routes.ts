import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { BackorderDto, ListBackordersQuery, listBackorders } from './backorders/list-backorders.ts';
import { CancelOrderInput, cancelOrder } from './cancel-order.ts';
import { OrderDto } from './dto.ts';
import { getOrder } from './get-order.ts';
import { ListOrdersQuery, listOrders } from './list-orders.ts';
import { createOrder } from './place/create-order.ts';
import { CreateOrderInput } from './place/schemas.ts';
import { ListShipmentsQuery, ShipmentDetailDto, getShipment, listShipments } from './fulfilment/get-shipment.ts';
import { PackInput, packShipment } from './fulfilment/pack-shipment.ts';
import { PickListDto, pickList } from './fulfilment/pick-list.ts';
import { ShipInput, shipShipment } from './fulfilment/ship-shipment.ts';
import { TrackingEventInput, trackShipment } from './fulfilment/track-shipment.ts';
import { InstallInput, installLines } from './receipt/install-lines.ts';
import { ReceiptAnswerDto, ReceiptInput, receiveOrder } from './receipt/receive-order.ts';
import { ReturnDto } from './returns/dto.ts';
import { ListReturnsQuery, getReturn, listReturns } from './returns/list-returns.ts';
import { ReceiveReturnInput, RefuseReturnInput, moveReturn } from './returns/move-return.ts';
import { OpenReturnInput, openReturn } from './returns/open-return.ts';
import { replaceReturn } from './returns/replace-return.ts';
import { ShipBackInput, shipBack } from './returns/ship-back.ts';
import { ShipmentDto } from './dto.ts';
import { MAX_EXPORT_ROWS, sendXlsx, XLSX_TYPE } from '../../platform/xlsx.ts';
import { exportOrders, ordersFileName } from './export-orders.ts';

const IdParams = z.strictObject({ id: z.uuid() });

export function orderRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.post(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary:
          'Place an order (下单): {assessmentId} turns an approved assessment version into an order paid by the insurer; {lines} is a shop buying for itself. Lines in stock where they ship from are reserved; the others are backordered (awaiting_stock) on a transfer or a purchase order made in the same request. 409 unsourceable only names lines nothing can source; a shop may ask backorders=in_stock_only to be refused (409 insufficient_stock) rather than wait. Send an Idempotency-Key.',
        security: secured,
        body: CreateOrderInput,
        response: { 201: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createOrder(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Orders the caller is a party to, newest first (suppliers and operators see only their lines)',
        security: secured,
        querystring: ListOrdersQuery,
        response: { 200: pageSchema(OrderDto) },
      },
    },
    (req) => listOrders(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/orders/export.xlsx',
    {
      schema: {
        tags: ['orders'],
        summary: `The orders list as an Excel file (.xlsx), one row per order line: the same filters and scope as GET /api/v1/orders (suppliers and operators get only their lines), newest order first, amounts in yuan incl. VAT, headers and statuses in the caller's language, times in China time. More than ${MAX_EXPORT_ROWS} matching orders is 422 export_too_large.`,
        security: secured,
        querystring: ListOrdersQuery.omit({ cursor: true, limit: true }),
        produces: [XLSX_TYPE],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendXlsx(reply, ctx, ordersFileName, await exportOrders(db, ctx, req.query));
    },
  );

  r.get(
    '/api/v1/backorders',
    {
      schema: {
        tags: ['orders'],
        summary:
          'Backordered order lines (缺货待补), newest first: where they wait, what brings the goods, promised for when; status=unsourced lists those whose source failed and need someone to act (platform: all; operators: their warehouses; payers and buyers: their orders)',
        security: secured,
        querystring: ListBackordersQuery,
        response: { 200: pageSchema(BackorderDto) },
      },
    },
    (req) => listBackorders(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/orders/:id',
    {
      schema: { tags: ['orders'], summary: 'One order with its lines and shipments; its status is derived from its lines', security: secured, params: IdParams, response: { 200: OrderDto } },
    },
    (req) => getOrder(db, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/orders/:id/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel lines (all when lineIds is left out) before they ship; their stock is released at once',
        security: secured,
        params: IdParams,
        body: CancelOrderInput,
        response: { 200: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => cancelOrder(tx, ctx, req.params.id, req.body)),
  );

  // Fulfilment (仓配): pick list, pick and pack by scanning, ship, tracking.
  r.get(
    '/api/v1/warehouses/:id/pick-list',
    {
      schema: {
        tags: ['fulfilment'],
        summary: 'The lines a warehouse still has to pick, soonest ETA first, with the lots reserved for each',
        security: secured,
        params: IdParams,
        response: { 200: PickListDto },
      },
    },
    (req) => pickList(db, ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/shipments',
    {
      schema: {
        tags: ['fulfilment'],
        summary: 'The shipments the caller’s organisation sends (a warehouse operator, a drop-shipping supplier), newest first',
        security: secured,
        querystring: ListShipmentsQuery,
        response: { 200: pageSchema(ShipmentDto.extend({ orderId: z.uuid(), orderNo: z.string() })) },
      },
    },
    (req) => listShipments(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/shipments/:id',
    {
      schema: {
        tags: ['fulfilment'],
        summary: 'One shipment with its tracking events; late when past its ETA and not delivered',
        security: secured,
        params: IdParams,
        response: { 200: ShipmentDetailDto },
      },
    },
    (req) => getShipment(db, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/shipments/:id/pack',
    {
      schema: {
        tags: ['fulfilment'],
        summary: 'Pick and pack lines by scanning: each certified unit’s trace code must be of the line’s product and reserved lot, in stock here, and used once',
        security: secured,
        params: IdParams,
        body: PackInput,
        response: { 200: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => packShipment(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/shipments/:id/ship',
    {
      schema: {
        tags: ['fulfilment'],
        summary: 'Hand a packed shipment to the carrier: its reservations are posted and the ETA set',
        security: secured,
        params: IdParams,
        body: ShipInput,
        response: { 200: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => shipShipment(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/shipments/:id/events',
    {
      schema: {
        tags: ['fulfilment'],
        summary: 'A tracking event (picked up, in transit, out for delivery, delivered, exception); delivered moves the lines',
        security: secured,
        params: IdParams,
        body: TrackingEventInput,
        response: { 200: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => trackShipment(tx, ctx, req.params.id, req.body)),
  );

  // Receipt (签收), installation and returns (退货).
  r.post(
    '/api/v1/orders/:id/receipt',
    {
      schema: {
        tags: ['orders'],
        summary:
          'The shop signs for delivered lines: accepted, or rejected with reason and photos (opens a return); scanned trace codes that do not match are flagged (the line’s traceMismatch) and listed in the answer with why',
        security: secured,
        params: IdParams,
        body: ReceiptInput,
        response: { 200: ReceiptAnswerDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => receiveOrder(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/orders/:id/install',
    {
      schema: {
        tags: ['orders'],
        summary: 'Mark accepted lines installed on the claim’s vehicle (or the given VIN for a shop’s own purchase)',
        security: secured,
        params: IdParams,
        body: InstallInput,
        response: { 200: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => installLines(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/orders/:id/returns',
    {
      schema: {
        tags: ['returns'],
        summary:
          'The shop sends back a line it accepted and has not installed (售后退货), within 30 days of signing for it: a return for the seller to approve; when the warehouse has the goods back the line is returned and its sale reversed (a credit on the payer’s next statement)',
        security: secured,
        params: IdParams,
        body: OpenReturnInput,
        response: { 201: ReturnDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => openReturn(tx, ctx, req.params.id, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/returns',
    {
      schema: {
        tags: ['returns'],
        summary: 'Returns of the caller’s orders (a supplier: of its lines), newest first',
        security: secured,
        querystring: ListReturnsQuery,
        response: { 200: pageSchema(ReturnDto) },
      },
    },
    (req) => listReturns(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/returns/:id',
    {
      schema: { tags: ['returns'], summary: 'One return', security: secured, params: IdParams, response: { 200: ReturnDto } },
    },
    (req) => getReturn(db, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/returns/:id/approve',
    {
      schema: { tags: ['returns'], summary: 'The seller approves a return', security: secured, params: IdParams, response: { 200: ReturnDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => moveReturn(tx, ctx, req.params.id, { event: 'approve' })),
  );

  r.post(
    '/api/v1/returns/:id/refuse',
    {
      schema: { tags: ['returns'], summary: 'The seller refuses a return, with a reason', security: secured, params: IdParams, body: RefuseReturnInput, response: { 200: ReturnDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => moveReturn(tx, ctx, req.params.id, { event: 'refuse', reason: req.body.reason })),
  );

  r.post(
    '/api/v1/returns/:id/ship-back',
    {
      schema: {
        tags: ['returns'],
        summary: 'The shop sends an approved return back, with carrier and tracking no.',
        security: secured,
        params: IdParams,
        body: ShipBackInput,
        response: { 200: ReturnDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => shipBack(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/returns/:id/receive',
    {
      schema: {
        tags: ['returns'],
        summary: 'The warehouse receives returned goods: restock (sellable again) or scrap',
        security: secured,
        params: IdParams,
        body: ReceiveReturnInput,
        response: { 200: ReturnDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => moveReturn(tx, ctx, req.params.id, { event: 'receive', disposition: req.body.disposition })),
  );

  r.post(
    '/api/v1/returns/:id/replacement',
    {
      schema: {
        tags: ['returns'],
        summary: 'Order a replacement for an approved return: same product, quantity and prices, stock reserved or refused',
        security: secured,
        params: IdParams,
        response: { 201: OrderDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => replaceReturn(tx, ctx, req.params.id), { status: 201 }),
  );
}
