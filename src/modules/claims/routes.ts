import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { MAX_EXPORT_ROWS, sendXlsx, XLSX_TYPE } from '../../platform/xlsx.ts';
import { createAssessment } from './create-assessment.ts';
import { CreateClaimInput, createClaim } from './create-claim.ts';
import { AssessmentDto, ClaimDetailDto, ClaimFactsDto, CreatedClaimDto } from './dto.ts';
import { ClaimTimelineQuery, claimTimeline, TimelineEntryDto } from './claim-timeline.ts';
import { getAssessment } from './get-assessment.ts';
import { getClaim } from './get-claim.ts';
import { claimsFileName, exportClaims } from './export-claims.ts';
import { ClaimFiltersQuery, ListClaimsQuery, listClaims } from './list-claims.ts';
import { ListRepairShopsQuery, listRepairShops, RepairShopDto } from './list-repair-shops.ts';
import { replaceAssessmentLines } from './replace-assessment-lines.ts';
import { AssessmentLinesInput } from './schemas.ts';

const IdParams = z.strictObject({ id: z.uuid() });

export function claimRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.post(
    '/api/v1/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'File a claim (报案): the VIN is decoded and matched to a vehicle model; vehicleModelId picks one when it maps to several',
        security: secured,
        body: CreateClaimInput,
        response: { 201: CreatedClaimDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createClaim(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims visible to the caller (its insurer’s, or those assigned to its shop), newest first; q matches claim no., plate or VIN; accident and filing days (China) filter by range',
        security: secured,
        querystring: ListClaimsQuery,
        response: { 200: pageSchema(ClaimFactsDto) },
      },
    },
    (req) => listClaims(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/claims/export.xlsx',
    {
      schema: {
        tags: ['claims'],
        summary: `The claims list as an Excel file (.xlsx): the same filters and scope as GET /api/v1/claims, every matching claim newest first, headers and statuses in the caller's language, times in China time. More than ${MAX_EXPORT_ROWS} matching claims is 422 export_too_large.`,
        security: secured,
        querystring: ClaimFiltersQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendXlsx(reply, ctx, claimsFileName, await exportClaims(db, ctx, req.query));
    },
  );

  r.get(
    '/api/v1/claims/:id',
    {
      schema: { tags: ['claims'], summary: 'One claim with its assessment versions and their lines', security: secured, params: IdParams, response: { 200: ClaimDetailDto } },
    },
    (req) => getClaim(db, ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/claims/:id/timeline',
    {
      schema: {
        tags: ['claims'],
        summary: 'The claim’s history (操作记录), oldest first: audit entries of the claim, its assessment versions, quotes and orders, for whoever may read the claim',
        security: secured,
        params: IdParams,
        querystring: ClaimTimelineQuery,
        response: { 200: pageSchema(TimelineEntryDto) },
      },
    },
    (req) => claimTimeline(db, ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/repair-shops',
    {
      schema: {
        tags: ['claims'],
        summary: 'Active repair shops a claim may be assigned to (for those who file claims): name and region, by name fragment or region',
        security: secured,
        querystring: ListRepairShopsQuery,
        response: { 200: pageSchema(RepairShopDto) },
      },
    },
    (req) => listRepairShops(db, ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/claims/:id/assessments',
    {
      schema: {
        tags: ['claims'],
        summary: 'Write the next assessment version (1 = 定损, later = 追加定损 supplement) as a draft',
        security: secured,
        params: IdParams,
        body: AssessmentLinesInput,
        response: { 201: AssessmentDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createAssessment(tx, ctx, req.params.id, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/assessments/:id',
    {
      schema: { tags: ['claims'], summary: 'One assessment version with its lines', security: secured, params: IdParams, response: { 200: AssessmentDto } },
    },
    (req) => getAssessment(db, ctxOf(req), req.params.id),
  );

  r.put(
    '/api/v1/assessments/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'Replace the lines of a draft assessment version (frozen once quoted)',
        security: secured,
        params: IdParams,
        body: AssessmentLinesInput,
        response: { 200: AssessmentDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => replaceAssessmentLines(tx, ctx, req.params.id, req.body)),
  );
}
