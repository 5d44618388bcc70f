import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.ts';
import type { FieldCode } from './messages.ts';

// Text that no column can hold. PostgreSQL refuses the NUL character in text and a lone UTF-16
// surrogate (half of a pair, "\ud800") has no UTF-8 form, so either would reach the database as a
// driver error and answer 500 from whichever route stored or searched it. Every request is checked
// here once, before its schema, so that no route has to remember.

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Enough to show what is wrong without echoing a whole hostile document back.
const MAX_REPORTED = 20;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function badTextCode(text: string): FieldCode | null {
  if (text.includes(NUL)) return 'nul_character';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

// The path shown to the caller must itself be valid text: offending characters in a key become the
// replacement character.
function printable(key: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is replaced, so a refusal can name the key.
  return key.replace(/\u0000/g, '\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

// A record of data: a parsed JSON object, or the query and params objects Fastify builds (which
// have null or null-derived prototypes). Not a stream, buffer or other class instance.
function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const ctor = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  return ctor === undefined || ctor === Object;
}

// Every string and object key in a parsed request part that the database could not store, as field
// errors with dotted paths (`lines.0.lotNo`). Iterative, so that no nesting can exhaust the stack;
// other values (a CSV upload's stream, numbers) are left alone.
export function findBadText(value: unknown, where: FieldError['in']): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const code = badTextCode(v);
      if (code) errors.push({ path, in: where, code });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], path: join(path, String(i)) });
    } else if (isRecord(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i]!;
        const keyCode = badTextCode(key);
        if (keyCode) errors.push({ path: join(path, printable(key)), in: where, code: keyCode });
        else stack.push({ value: v[key], path: join(path, key) });
      }
    }
  }
  return errors.slice(0, MAX_REPORTED);
}

// A PATCH says what to change; one that names nothing would run an UPDATE with nothing to set.
export function isEmptyPatch(req: Pick<FastifyRequest, 'method' | 'body'>): boolean {
  const { body } = req;
  return req.method === 'PATCH' && isRecord(body) && Object.keys(body).length === 0;
}

export function registerInputGuards(app: FastifyInstance): void {
  // preValidation: after the body is parsed, before the route's schema and handler. Refusals are
  // AppErrors, so they answer the usual validation problem in the caller's language.
  app.addHook('preValidation', async (req) => {
    const errors = [...findBadText(req.params, 'params'), ...findBadText(req.query, 'querystring'), ...findBadText(req.body, 'body')].slice(0, MAX_REPORTED);
    if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
    if (isEmptyPatch(req)) {
      throw new AppError('validation_failed', { count: 1 }, [{ path: '', in: 'body', code: 'nothing_to_change' }]);
    }
  });
}
