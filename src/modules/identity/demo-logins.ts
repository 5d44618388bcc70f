import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgKinds, allRoles, type Role } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { DEMO_PASSWORD, demoLogins } from '../../seed/demo-data.ts';

const DemoLoginsDto = z
  .object({
    password: z.string(),
    logins: z.array(z.object({ org: z.string(), kind: z.enum(orgKinds), email: z.string(), roles: z.array(z.enum(allRoles as [Role, ...Role[]])) })),
  })
  .meta({ id: 'DemoLogins' });

// The console's sign-in page lists the demo logins while the demo seed is loaded (ANPEI_ENV=demo).
// In production mode there is no such endpoint: it answers as an unknown route does.
export function demoLoginRoutes(app: FastifyInstance): void {
  const demo = app.services.config.env === 'demo';
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/demo-logins',
    {
      schema: { tags: ['auth'], summary: 'The demo logins and their password (demo mode only; 404 otherwise)', response: { 200: DemoLoginsDto } },
    },
    (req) => {
      if (!demo) throw new AppError('route_not_found', { method: req.method, url: req.url.split('?')[0] });
      return { password: DEMO_PASSWORD, logins: demoLogins() };
    },
  );
}
