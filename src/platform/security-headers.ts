import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config.ts';

// Response headers that make the browser side safe: no MIME sniffing, no framing (clickjacking), a
// content security policy that lets the start page and the Swagger UI at /api/docs load only their
// own scripts, and HSTS when the operator says the service is reached over TLS only.
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'frame-ancestors': ["'none'"],
        // The console's scripts are files of its own ('self', as helmet's default), but antd writes
        // its styles at run time into <style> elements (CSS-in-JS), which only 'unsafe-inline' or a
        // per-response nonce admits. A nonce would have to reach the app's index.html and antd's
        // ConfigProvider on every load; inline styles cannot run script, so 'unsafe-inline' for
        // styles only is the trade, as in helmet's default (less its `https:`: nothing loads styles
        // from elsewhere).
        'style-src': ["'self'", "'unsafe-inline'"],
        // Damage photos and rejection photos are given by URL (the insurer's or shop's own image
        // store), so the console shows images from any https address; images cannot run script.
        'img-src': ["'self'", 'data:', 'https:'],
        // Helmet's default would make browsers fetch every asset over https, which breaks the demo
        // served over plain HTTP on a LAN address; behind TLS (ANPEI_HSTS) it is what we want.
        'upgrade-insecure-requests': config.hsts ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    // Over plain HTTP a browser ignores HSTS anyway; turned on, it pins the host to https for a
    // year, which only the operator of a TLS deployment can promise.
    hsts: config.hsts ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
  });
}

// Register after @fastify/cookie: onSend hooks run in the order they were added, and the cookie
// plugin writes Set-Cookie in its own, which this one looks at.
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply) => {
    if (mustNotStore(req, reply)) reply.header('cache-control', 'no-store');
  });
}

// Answers that no cache (the browser's, a proxy's) may keep: whatever a signed-in caller sees, a
// sign-in's answer (it carries the token, and sets the cookie) or sign-out's, and every problem.
export function mustNotStore(req: FastifyRequest, reply: FastifyReply): boolean {
  // The console's content-addressed assets (src/console.ts) are the same for everyone, signed in
  // or not: caching them is the point.
  if (String(reply.getHeader('cache-control') ?? '').includes('immutable')) return false;
  if (req.actor) return true;
  if (req.headers.authorization !== undefined) return true;
  if (reply.hasHeader('set-cookie')) return true;
  return reply.statusCode >= 400;
}
