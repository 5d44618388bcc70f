import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

// No request of this API nests deeper than a handful of levels (an order's lines, a line's trace
// codes). A deeply nested document is refused before it is parsed: code that walks a body
// recursively (validators, the idempotency fingerprint) would otherwise overflow the stack on a few
// kilobytes of brackets and answer 500.
export const MAX_JSON_DEPTH = 64;

// How deeply a JSON text nests, counting brackets outside strings, and stopping as soon as `limit`
// is passed. It does not validate: JSON.parse still does that after.
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // a backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

// Replaces Fastify's JSON parser with the same one (prototype-poisoning checks included) behind the
// depth check.
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new AppError('json_too_deep', { maxDepth: MAX_JSON_DEPTH }), undefined);
      return;
    }
    parse(req, text, done);
  });
}
