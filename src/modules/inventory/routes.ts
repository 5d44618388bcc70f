import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { countRoutes } from './counts/routes.ts';
import { createReceipt } from './receipts/create-receipt.ts';
import { CreateReceiptInput, ReceiptDto } from './receipts/schemas.ts';
import { ListStockQuery, StockRowDto, listStock } from './stock/list-stock.ts';
import { listStockPositions, StockPositionDto, StockPositionsQuery } from './stock/stock-positions.ts';
import { stockLevelRoutes } from './stock-levels/routes.ts';
import { transferRoutes } from './transfers/routes.ts';
import { createWarehouse } from './warehouses/create-warehouse.ts';
import { WarehouseDto } from './warehouses/dto.ts';
import { getWarehouse, ListWarehousesQuery, listWarehouses } from './warehouses/list-warehouses.ts';
import { CoverageBody, CreateWarehouseInput } from './warehouses/schemas.ts';
import { setCoverage } from './warehouses/set-coverage.ts';

const IdParams = z.strictObject({ id: z.uuid() });

// Warehouses, inbound receipts, stock, transfers, counts and suppliers' stock levels.
export function inventoryRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/warehouses',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Warehouses (the platform’s central and front ones; a supplier also sees its own) with the regions they deliver to',
        security: secured,
        querystring: ListWarehousesQuery,
        response: { 200: z.object({ items: z.array(WarehouseDto) }) },
      },
    },
    (req) => listWarehouses(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/warehouses',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Create a warehouse with its stock location and coverage (operators: central or front; suppliers: their own drop-ship stock)',
        security: secured,
        body: CreateWarehouseInput,
        response: { 201: WarehouseDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createWarehouse(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/warehouses/:id',
    {
      schema: { tags: ['inventory'], summary: 'One warehouse', security: secured, params: IdParams, response: { 200: WarehouseDto } },
    },
    (req) => getWarehouse(db, ctxOf(req), req.params.id),
  );

  r.put(
    '/api/v1/warehouses/:id/coverage',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Replace the regions a warehouse delivers to and their transit days',
        security: secured,
        params: IdParams,
        body: CoverageBody,
        response: { 200: WarehouseDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => setCoverage(tx, ctx, req.params.id, req.body.coverage)),
  );

  r.post(
    '/api/v1/warehouses/:id/receipts',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Inbound receipt (入库) from a supplier: products, quantities and lots, one trace code per certified unit; consignment stays the supplier’s until sold',
        security: secured,
        params: IdParams,
        body: CreateReceiptInput,
        response: { 201: ReceiptDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createReceipt(tx, ctx, req.params.id, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/stock',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Stock by product, warehouse, lot and owner (operators: their warehouses; suppliers: their products; the platform: all)',
        security: secured,
        querystring: ListStockQuery,
        response: { 200: z.object({ items: z.array(StockRowDto), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => listStock(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/stock/positions',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Stock per warehouse and product: on hand, reserved, available, and incoming (在途: purchase orders not yet received and transfers in transit), scoped like /api/v1/stock',
        security: secured,
        querystring: StockPositionsQuery,
        response: { 200: z.object({ items: z.array(StockPositionDto), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => listStockPositions(db, ctxOf(req), req.query),
  );

  transferRoutes(app);
  countRoutes(app);
  stockLevelRoutes(app);
}
