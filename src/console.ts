import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { homePage } from './home-page.ts';

// Where `anpei serve` builds the console (src/console-build.ts).
export const CONSOLE_DIR = path.resolve(import.meta.dirname, '..', 'web', 'dist');

// The console (issue 11), served by the API's own process at `/`: its hashed assets as files, and
// every other GET outside /api the app's index.html, so that client-side routes (/claims/…) load
// the app on a reload. /api stays the API's: an unknown endpoint there is still a problem+json 404.
// Without a built console (`dir` not given, as in the tests that build the app in-process, or not
// built) `/` is the plain start page instead.
export async function consoleRoutes(app: FastifyInstance, dir: string | undefined): Promise<void> {
  const indexFile = dir && path.join(dir, 'index.html');
  if (!indexFile || !existsSync(indexFile)) {
    homePage(app);
    return;
  }
  const index = readFileSync(indexFile);
  // One route per file (wildcard: false), so that a missing file falls through to the fallback
  // below; index.html only through the fallback, which forbids keeping a stale one.
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    globIgnore: ['index.html'],
    // The build writes each asset also as .br and .gz (web/vite.config.ts): sent as the browser
    // accepts, never compressed per request.
    preCompressed: true,
    // Vite names assets by their content: they never change under one name.
    setHeaders: (reply, file) => {
      if (file.includes(`${path.sep}assets${path.sep}`)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  // A hook rather than a `/*` route: such a route would claim every path, and an unknown API path
  // asked with POST would answer 405 ("only GET here") instead of 404.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.is404 || (req.method !== 'GET' && req.method !== 'HEAD')) return;
    const pathname = req.url.split('?')[0]!;
    if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) return;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  });
}
