import type { Actor } from './access.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';

// What the app carries on its Fastify instance and requests. Declared once here so routes stay
// typed without casts.
// `clock` is what commands take as now (ctxOf): the wall clock, except for the demo's history,
// which is told through the API on the days it happened (src/seed/history).
export type AppServices = { database: Database; config: Config; clock: () => Date };

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    // Set by the identity module's authentication hook when the request carries a credential.
    actor: Actor | null;
  }
}
