import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { secured } from '../../../platform/openapi.ts';
import { pageSchema } from '../../../platform/pagination.ts';
import { ProcurementPolicy } from '../rules/index.ts';
import { ownInsurerForWrite } from './access.ts';
import { fileNameOf, saveUpload } from '../../../platform/csv-import/upload.ts';
import { deleteGuideEntry } from './delete-guide-entry.ts';
import { getPolicy, PolicyQuery } from './get-policy.ts';
import { GuideEntryDto } from './guide-entry.ts';
import { importGuide } from './import-guide.ts';
import { listGuide, ListGuideQuery } from './list-guide.ts';
import { PolicyDto } from './policy-dto.ts';
import { putGuideEntry, PutGuideEntryInput, PutGuideEntryResult } from './put-guide-entry.ts';
import { putPolicy } from './put-policy.ts';

// A guide file may be this large: some 500,000 rows with every cap filled in.
export const GUIDE_IMPORT_BODY_LIMIT_BYTES = 100 * 1024 * 1024;

const IdParams = z.strictObject({ id: z.uuid() });
const tags = ['insurer rules'];

export const GuideImportResultDto = z
  .object({
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .meta({ id: 'PriceGuideImportResult' });

// The insurer's procurement policy and price guide: what its quotes may buy and pay. Every route
// works on the caller's own insurer; the platform's admin may read any insurer's with insurerOrgId.
export function insurerRulesRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/insurer/policy',
    {
      schema: {
        tags,
        summary: 'The insurer’s procurement policy (fen as integers) and its version; the default policy (version null) until it writes one',
        security: secured,
        querystring: PolicyQuery,
        response: { 200: PolicyDto },
      },
    },
    (req) => getPolicy(db, ctxOf(req), req.query),
  );

  r.put(
    '/api/v1/insurer/policy',
    {
      schema: {
        tags,
        summary: 'Replace the insurer’s procurement policy; the version goes up by one (an identical policy changes nothing)',
        security: secured,
        body: ProcurementPolicy,
        response: { 200: PolicyDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => putPolicy(tx, ctx, req.body)),
  );

  r.get(
    '/api/v1/insurer/price-guide',
    {
      schema: { tags, summary: 'The insurer’s price guide entries, newest first', security: secured, querystring: ListGuideQuery, response: { 200: pageSchema(GuideEntryDto) } },
    },
    (req) => listGuide(db, ctxOf(req), req.query),
  );

  r.put(
    '/api/v1/insurer/price-guide/entries',
    {
      schema: {
        tags,
        summary: 'Insert or replace one price guide entry, keyed by its part (or category) and region',
        security: secured,
        body: PutGuideEntryInput,
        response: { 200: PutGuideEntryResult },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => putGuideEntry(tx, ctx, req.body)),
  );

  r.delete(
    '/api/v1/insurer/price-guide/entries/:id',
    {
      schema: { tags, summary: 'Delete one price guide entry of the insurer', security: secured, params: IdParams, response: { 200: GuideEntryDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => deleteGuideEntry(tx, ctx, req.params.id)),
  );

  // A plugin of its own, so the text/csv parser exists for this route alone.
  void app.register(async (scope) => {
    // Hands the request stream through unread: the file goes to disk, never into memory whole.
    scope.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    // No Idempotency-Key, like the catalog import: the file is upserted by natural key, so sending
    // it again already changes nothing.
    s.post(
      '/api/v1/insurer/price-guide/imports',
      {
        bodyLimit: GUIDE_IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary: 'Import a price guide CSV file (all or nothing)',
          description:
            'The body is the CSV file itself (text/csv, UTF-8, header row). Columns: oe_no or category (one per row), region_code (GB/T 2260; empty or * = nationwide), oe_reference_fen (part rows only), and per grade (oem, oes, certified, aftermarket, recycled) <grade>_bp (basis points of the OE reference) or <grade>_max_fen. Any bad row answers 422 import_rejected listing every row, column and reason, and nothing is imported. Rows are upserted by part or category and region, so importing the same file again changes nothing; entries not in the file are kept.',
          security: secured,
          consumes: ['text/csv'],
          body: z.unknown().meta({ type: 'string', format: 'binary', description: 'The CSV file, UTF-8, with a header row' }),
          response: { 200: GuideImportResultDto },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        // Refuse before receiving the file when the caller may not import it anyway.
        ownInsurerForWrite(ctx.actor);
        if (!(req.body instanceof Readable)) throw new AppError('unsupported_media_type', { expected: 'text/csv' });
        const limitBytes = req.routeOptions.bodyLimit ?? GUIDE_IMPORT_BODY_LIMIT_BYTES;
        if (Number(req.headers['content-length']) > limitBytes) throw new AppError('body_too_large', { limitBytes });
        const filePath = join(tmpdir(), `anpei-price-guide-${newId()}.csv`);
        try {
          await saveUpload(req.body, filePath, limitBytes);
          return await importGuide(db, ctx, { filePath, fileName: fileNameOf(req.headers['content-disposition']) });
        } finally {
          await rm(filePath, { force: true });
        }
      },
    );
  });
}
