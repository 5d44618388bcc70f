import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { AuditDto, ListAuditQuery, listAudit } from './list-audit.ts';

export function auditRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: who changed what, when, from which state to which',
        security: secured,
        querystring: ListAuditQuery,
        response: { 200: pageSchema(AuditDto) },
      },
    },
    (req) => listAudit(app.services.database.db, ctxOf(req), req.query),
  );
}
