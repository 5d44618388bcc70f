import type { FastifyInstance } from 'fastify';

// Bring-up placeholder while this folder is being written; it registers nothing yet.
export function importRoutes(_app: FastifyInstance): void {}
