import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/command.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { secured } from '../../../platform/openapi.ts';
import { importKinds } from './formats.ts';
import { runImport } from './run-import.ts';
import { resolveImportScope } from './scope.ts';
import { fileNameOf, saveUpload } from '../../../platform/csv-import/upload.ts';

// An upload may be this large: about 1.5 million rows of parts. The app's default body limit
// (1 MiB) is for JSON and would refuse any real catalog file.
export const IMPORT_BODY_LIMIT_BYTES = 200 * 1024 * 1024;

export const ImportQuery = z.strictObject({
  kind: z.enum(importKinds),
  // For products and offers imported by the platform: whose they are.
  supplierOrgId: z.string().max(100).optional(),
});

export const ImportResultDto = z
  .object({
    kind: z.enum(importKinds),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .meta({ id: 'CatalogImportResult' });

export function importRoutes(app: FastifyInstance): void {
  // A plugin of its own, so the text/csv parser below exists for this route alone: everywhere
  // else the API keeps speaking JSON only.
  void app.register(async (scope) => {
    // Hands the request stream through unread: the file goes to disk, never into memory whole.
    scope.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const { db } = scope.services.database;

    // No Idempotency-Key here, unlike other POSTs: an import is an upsert by natural key, so sending
    // the same file again already changes nothing, and storing a 200 MB body's answer under a key
    // would buy nothing.
    r.post(
      '/api/v1/catalog/imports',
      {
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['catalog'],
          summary: 'Import a CSV file of vehicle models, parts, fitment, products or offers (all or nothing)',
          description:
            'The body is the CSV file itself (content-type text/csv, UTF-8, header row). The whole file is validated first; any bad row answers 422 import_rejected listing every row, column and reason (the first 1,000), and nothing is imported. Rows are upserted by natural key, so importing the same file again changes nothing. vehicle_models, parts and fitment need catalog.manage; products and offers need products.manage and belong to the caller’s organisation (the platform names the supplier with supplierOrgId).',
          security: secured,
          consumes: ['text/csv'],
          // The body is the request stream itself (see the parser above); this schema only lets
          // validation pass it through untouched and tells OpenAPI readers it is a file.
          body: z.unknown().meta({ type: 'string', format: 'binary', description: 'The CSV file, UTF-8, with a header row' }),
          querystring: ImportQuery,
          response: { 200: ImportResultDto },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const { kind, supplierOrgId } = req.query;
        // Refuse before receiving the file when the caller may not import it anyway.
        await resolveImportScope(db, ctx, kind, supplierOrgId);
        if (!(req.body instanceof Readable)) throw new AppError('unsupported_media_type', { expected: 'text/csv' });
        const limitBytes = req.routeOptions.bodyLimit ?? IMPORT_BODY_LIMIT_BYTES;
        if (Number(req.headers['content-length']) > limitBytes) throw new AppError('body_too_large', { limitBytes });
        const filePath = join(tmpdir(), `anpei-import-${newId()}.csv`);
        try {
          await saveUpload(req.body, filePath, limitBytes);
          return await runImport(db, ctx, { kind, filePath, supplierOrgId, fileName: fileNameOf(req.headers['content-disposition']) });
        } finally {
          await rm(filePath, { force: true });
        }
      },
    );
  });
}
