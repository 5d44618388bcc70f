import type { Actor } from './access.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';

// What the app carries on its Fastify instance and requests. Declared once here so routes stay
// typed without casts.
export type AppServices = { database: Database; config: Config };

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    // Set by the identity module's authentication hook when the request carries a credential.
    actor: Actor | null;
  }
}
