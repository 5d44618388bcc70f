import type { FastifyInstance } from 'fastify';

// Bring-up placeholder while this folder is being written; it registers nothing yet.
export function productRoutes(_app: FastifyInstance): void {}
