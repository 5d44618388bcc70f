import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// CSRF protection for the console's cookie sessions (issue 11), in two layers. The session cookie
// is SameSite=Strict, so browsers do not send it with another site's requests at all; and, for
// browsers or paths where that does not hold (an old browser, a sibling subdomain, which is
// "same-site"), a cookie-signed-in write must come from a page of this very origin: its Origin
// header, or its Referer when a browser sends no Origin, must be this server's. A request with
// neither is refused too: a browser always sends one of them with a cross-site write.
// Bearer tokens and API keys are exempt: a browser never adds an Authorization header by itself,
// so those requests cannot be forged by a foreign page.

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerCsrfCheck(app: FastifyInstance, sessionCookie: string): void {
  app.addHook('onRequest', async (req) => {
    if (!WRITES.has(req.method)) return;
    if (req.headers.authorization !== undefined || req.cookies?.[sessionCookie] === undefined) return;
    if (requestOrigin(req) !== ownOrigin(req)) throw new AppError('csrf_origin_mismatch');
  });
}

// The origin of the page that made the request, as the browser tells it.
function requestOrigin(req: FastifyRequest): string | undefined {
  // A sandboxed or privacy-sensitive context sends `Origin: null`, which is refused like a foreign one.
  const origin = req.headers.origin;
  if (origin !== undefined) return origin.toLowerCase().replace(/\/$/, '');
  const referer = req.headers.referer;
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

// This server as the browser addressed it: the protocol (https behind a trusted proxy that says so)
// and the Host header, port included.
function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`.toLowerCase().replace(DEFAULT_PORT[req.protocol] ?? /$^/, '');
}

// Browsers leave the default port out of Origin; a Host header may carry it.
const DEFAULT_PORT: Record<string, RegExp> = { http: /:80$/, https: /:443$/ };
