import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRegions } from './regions.ts';

const RegionDto = z.object({ code: z.string(), name: z.string(), level: z.number().int(), parent: z.string().nullable() }).meta({ id: 'Region' });

// Public reference data (GB/T 2260): no login needed, so sign-up forms and the console can use it.
export function regionRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'GB/T 2260 regions: provinces (level 1), cities (2), counties (3)',
        querystring: z.strictObject({
          level: z.enum(['1', '2', '3']).optional(),
          parent: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(RegionDto) }) },
      },
    },
    async (req, reply) => {
      // Reference data changes with a release, never between requests: let clients cache it.
      reply.header('cache-control', 'public, max-age=3600');
      const level = req.query.level ? (Number(req.query.level) as 1 | 2 | 3) : undefined;
      return { items: listRegions({ level, parent: req.query.parent }) };
    },
  );
}
