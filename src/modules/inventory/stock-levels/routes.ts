import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { secured } from '../../../platform/openapi.ts';
import { fileNameOf, saveUpload } from '../../../platform/csv-import/upload.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { importStockLevels } from './import-stock-levels.ts';
import { SetStockLevelsInput, StockLevelsDto } from './schemas.ts';
import { setStockLevels } from './set-stock-levels.ts';

const IdParams = z.strictObject({ id: z.uuid() });
// A file of the most lines allowed (schemas.ts) is well under 1 MiB.
export const STOCK_LEVELS_BODY_LIMIT_BYTES = 1024 * 1024;

const SUMMARY =
  'A supplier’s stock levels (库存水位) at its own warehouse, by the supplier or the platform: absolute levels per product (its total) or per lot; the differences are booked at once as adjustments. Refused: a level below what orders reserved (409), another supplier’s product, an unknown SKU, a platform warehouse (409).';

// A supplier's stock levels: as JSON, or as a CSV file.
export function stockLevelRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/v1/warehouses/:id/stock-levels',
    {
      schema: { tags: ['inventory'], summary: `${SUMMARY} Send an Idempotency-Key.`, security: secured, params: IdParams, body: SetStockLevelsInput, response: { 200: StockLevelsDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => setStockLevels(tx, ctx, req.params.id, req.body)),
  );

  // A plugin of its own, so the text/csv parser exists for this route alone.
  void app.register(async (scope) => {
    // Hands the request stream through unread: the file goes to disk, like every CSV upload.
    scope.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const { db } = scope.services.database;
    // No Idempotency-Key, like the CSV imports: the levels are absolute, so sending the same file
    // again changes nothing.
    s.post(
      '/api/v1/warehouses/:id/stock-levels.csv',
      {
        bodyLimit: STOCK_LEVELS_BODY_LIMIT_BYTES,
        schema: {
          tags: ['inventory'],
          summary: `${SUMMARY} As a CSV file (all or nothing).`,
          description:
            'The body is the CSV file itself (text/csv, UTF-8, header row). Columns: sku (the supplier’s article number), qty (the level), lot_no (optional; empty = the product’s total over its lots, a rise going into the lot SUPPLIER-STOCK). Any bad row answers 422 import_rejected listing every row, column and reason, and nothing changes; a level below what orders reserved answers 409 naming its row.',
          security: secured,
          consumes: ['text/csv'],
          params: IdParams,
          body: z.unknown().meta({ type: 'string', format: 'binary', description: 'The CSV file, UTF-8, with a header row' }),
          response: { 200: StockLevelsDto },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        // Refuse before receiving the file when the caller may not set these levels anyway.
        requirePermission(ctx.actor, 'stock.adjust');
        assertRuns(ctx.actor, await findWarehouse(db, ctx.actor, req.params.id), 'stock.adjust');
        if (!(req.body instanceof Readable)) throw new AppError('unsupported_media_type', { expected: 'text/csv' });
        const limitBytes = req.routeOptions.bodyLimit ?? STOCK_LEVELS_BODY_LIMIT_BYTES;
        if (Number(req.headers['content-length']) > limitBytes) throw new AppError('body_too_large', { limitBytes });
        const filePath = join(tmpdir(), `anpei-stock-levels-${newId()}.csv`);
        try {
          await saveUpload(req.body, filePath, limitBytes);
          return await importStockLevels(db, ctx, req.params.id, filePath, fileNameOf(req.headers['content-disposition']));
        } finally {
          await rm(filePath, { force: true });
        }
      },
    );
  });
}
