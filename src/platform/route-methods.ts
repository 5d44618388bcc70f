import type { FastifyInstance } from 'fastify';

// Which methods each registered path answers, so that a request for a known path with another
// method (OPTIONS, PUT on a read-only resource) is told 405 with an Allow header rather than "no
// such endpoint". Fastify's router answers both alike with its 404 handler.

type Pattern = { regex: RegExp; methods: Set<string> };

// `/api/v1/orgs/:id` → /^\/api\/v1\/orgs\/[^/]+$/; a trailing `*` (static files) matches the rest.
export function patternOf(url: string): RegExp {
  const parts = url.split('/').map((segment) => {
    if (segment === '*') return '.*';
    if (segment.startsWith(':')) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('/')}$`);
}

export type RouteMethods = {
  // The methods registered for this path (no query string), sorted; empty when no route has it.
  allowed(path: string): string[];
};

// Must run before any route is registered: the onRoute hook sees only routes added after it.
export function collectRouteMethods(app: FastifyInstance): RouteMethods {
  const byUrl = new Map<string, Pattern>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let pattern = byUrl.get(route.url);
    if (!pattern) {
      pattern = { regex: patternOf(route.url), methods: new Set() };
      byUrl.set(route.url, pattern);
    }
    for (const m of methods) pattern.methods.add(m.toUpperCase());
  });
  return {
    allowed(path) {
      const found = new Set<string>();
      for (const { regex, methods } of byUrl.values()) if (regex.test(path)) for (const m of methods) found.add(m);
      return [...found].sort();
    },
  };
}
