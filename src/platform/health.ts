import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from './db.ts';
import { AppError } from './errors.ts';

// For load balancers and people: 200 when the database answers, 503 (problem+json) when not.
export function healthRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'pg']), uptimeS: z.number() }) },
      },
    },
    async () => {
      const { database } = app.services;
      const ok = await ping(database.db).catch(() => false);
      if (!ok) throw new AppError('unavailable');
      return { status: 'ok' as const, database: database.kind, uptimeS: Math.round(process.uptime()) };
    },
  );
}
