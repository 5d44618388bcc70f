import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from './errors.ts';
import { format, pickLocale, type Locale } from './i18n.ts';
import { newId } from './ids.ts';
import { fieldCatalog, isFieldCode, objectNames, problemCatalog, type FieldCode, type ProblemCode } from './messages.ts';
import type { RouteMethods } from './route-methods.ts';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: { path: string; in: FieldError['in']; code: string; message: string }[];
};

// The problem's shape for the OpenAPI document (component `Problem`), documented as every route's
// 4XX and 5XX answer. Documentation only: problems are rendered by renderProblem, never through
// this schema.
export const ProblemSchema = z
  .object({
    type: z.string().describe('urn:anpei:problem:<code>'),
    title: z.string().describe("The problem's title in the caller's language (Accept-Language: zh-CN or en)"),
    status: z.number().int(),
    detail: z.string().describe("What went wrong, in the caller's language"),
    code: z.enum(Object.keys(problemCatalog) as [ProblemCode, ...ProblemCode[]]),
    instance: z.string().describe('The request target'),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string().describe('Dotted path into the request part, e.g. `lines.0.qty`'),
          in: z.enum(['body', 'querystring', 'params', 'headers']),
          code: z.enum(Object.keys(fieldCatalog) as [FieldCode, ...FieldCode[]]),
          message: z.string().describe("The field's error in the caller's language"),
        }),
      )
      .optional()
      .describe('One entry per field the request got wrong'),
  })
  .meta({ id: 'Problem', description: 'An error, as application/problem+json (RFC 9457)' }) satisfies z.ZodType<Problem>;

export function localeOf(req: FastifyRequest): Locale {
  return pickLocale(req.headers['accept-language']);
}

// An object name among the parameters (`what: 'part'`) is shown in the caller's language.
function localiseParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const what = params.what;
  if (typeof what !== 'string' || !Object.hasOwn(objectNames, what)) return params;
  return { ...params, what: objectNames[what as keyof typeof objectNames][locale] };
}

// Turns an AppError into the RFC 9457 body in the caller's language. `req` is the request, or what
// is known of one that never became a request (a connection's unparsable bytes).
export function renderProblem(error: AppError, locale: Locale, req: { url: string; id: unknown }): Problem {
  const entry = problemCatalog[error.code];
  const params = localiseParams(error.params, locale);
  const problem: Problem = {
    type: `urn:anpei:problem:${error.code}`,
    title: entry.title[locale],
    status: entry.status,
    detail: format(entry.detail[locale], params),
    code: error.code,
    instance: req.url,
    requestId: String(req.id),
  };
  if (error.errors.length > 0) {
    problem.errors = error.errors.map((e) => ({
      path: e.path,
      in: e.in,
      code: e.code,
      message: format(fieldCatalog[e.code][locale], localiseParams(e.params ?? {}, locale)),
    }));
  }
  return problem;
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = renderProblem(error, localeOf(reply.request), reply.request);
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

type ZodIssueLike = {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
};

function dotted(instancePath: string): string {
  return instancePath.split('/').filter(Boolean).join('.');
}

// Zod's issues become our field errors, so that their wording is ours and translated.
export function fieldErrorsFromZod(issues: ZodIssueLike[], where: FieldError['in']): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const path = dotted(issue.instancePath);
    const p = issue.params;
    const push = (code: FieldCode, params?: Record<string, unknown>, at = path) => out.push({ path: at, in: where, code, params });
    if (isFieldCode(issue.message)) {
      // Our own refinements and the `required` marker set in zod-setup.ts carry the code as message.
      push(issue.message, p);
      continue;
    }
    switch (issue.keyword) {
      case 'invalid_type':
        push('invalid_type', { expected: p.expected });
        break;
      case 'too_small':
      case 'too_big': {
        const origin = p.origin === 'string' || p.origin === 'array' ? p.origin : 'number';
        push(`${issue.keyword}_${origin}` as FieldCode, { minimum: p.minimum, maximum: p.maximum });
        break;
      }
      case 'invalid_format':
        push('invalid_format', { format: p.format });
        break;
      case 'invalid_value':
        push('invalid_value', { values: p.values });
        break;
      case 'unrecognized_keys':
        for (const key of (p.keys as string[] | undefined) ?? []) {
          push('unknown_field', {}, path ? `${path}.${key}` : key);
        }
        break;
      default:
        push('invalid');
    }
  }
  return out;
}

function expectedMediaType(req: FastifyRequest): string {
  const body = req.routeOptions.schema?.consumes;
  return Array.isArray(body) && body.length > 0 ? body.join(', ') : 'application/json';
}

// A path segment (a route parameter) may be this long; a longer one answers 414 uri_too_long.
export const MAX_PARAM_LENGTH = 100;

// Headers every problem carries even when it leaves before the app's hooks have run (a bad URL, a
// connection the HTTP parser gave up on): never sniffed as HTML, never framed, never cached.
export const BASELINE_PROBLEM_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

// Fastify's own 4xx become our problems, each with its own code; one we have no word for keeps
// its status under the generic bad_request.
const STATUS_PROBLEMS: Partial<Record<number, ProblemCode>> = {
  404: 'route_not_found',
  408: 'request_timeout',
  413: 'body_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

function problemForStatus(status: number, req: FastifyRequest, bodyLimitBytes: number): AppError {
  const code = STATUS_PROBLEMS[status] ?? 'bad_request';
  const params: Record<string, unknown> =
    {
      route_not_found: { method: req.method, url: req.url.split('?')[0] },
      body_too_large: { limitBytes: bodyLimitBytes },
      uri_too_long: { maxLength: MAX_PARAM_LENGTH },
      unsupported_media_type: { expected: expectedMediaType(req) },
    }[code as string] ?? {};
  return new AppError(code, params);
}

// Errors Fastify raises before a request reaches routing (Fastify's `frameworkErrors` option): a
// parameter over MAX_PARAM_LENGTH, a URL that does not decode. No hook has run for these requests,
// so the headers hooks would have set are set here.
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  reply.headers({ ...BASELINE_PROBLEM_HEADERS, 'x-request-id': String(req.id) });
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, new AppError('uri_too_long', { maxLength: MAX_PARAM_LENGTH }));
  } else if (err.code === 'FST_ERR_BAD_URL') {
    sendProblem(reply, new AppError('bad_url'));
  } else {
    req.log.error({ err }, 'framework error');
    sendProblem(reply, new AppError('internal', { requestId: req.id }));
  }
}

// Client errors from Node's HTTP parser (Fastify's `clientErrorHandler` option): an unknown method,
// an invalid header, a bad Content-Length, headers too large, a request that never finished. There
// is no request object, only the socket and the bytes read so far, from which the caller's
// Accept-Language and request target are taken when they can be read.
export function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Fastify types the packet as its JSON form; Node hands over the Buffer itself.
  const raw: unknown = err.rawPacket;
  const code: ProblemCode = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const head = Buffer.isBuffer(raw) ? raw.subarray(0, 16 * 1024).toString('latin1') : '';
  const language = /\r\naccept-language:[ \t]*([^\r\n]{0,200})/i.exec(head)?.[1];
  const target = /^[A-Za-z]{1,20} ([\x21-\x7e]{1,2000}) HTTP\//.exec(head)?.[1] ?? '';
  const id = newId();
  const body = JSON.stringify(renderProblem(new AppError(code), pickLocale(language), { url: target, id }));
  const status = problemCatalog[code].status;
  // The code only: the error carries the raw bytes, credentials included.
  this.log.debug({ code: err.code, requestId: id }, 'client error');
  if (socket.writable) {
    const headers = Object.entries({ ...BASELINE_PROBLEM_HEADERS, 'x-request-id': id })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

// The single error edge of the API: whatever went wrong becomes application/problem+json.
export function registerProblemHandlers(app: FastifyInstance, bodyLimitBytes: number, routes: RouteMethods): void {
  // Node's server is told not to refuse a request without Host itself (it would answer an empty
  // 400); HTTP/1.1 still requires one, so it is refused here, as a problem.
  app.addHook('onRequest', async (req) => {
    if (req.raw.httpVersion === '1.1' && !req.headers.host) throw new AppError('bad_request');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendProblem(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err.validationContext ?? 'body') as FieldError['in'];
      const errors = fieldErrorsFromZod(err.validation as unknown as ZodIssueLike[], where);
      return sendProblem(reply, new AppError('validation_failed', { count: errors.length }, errors));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, new AppError('malformed_json'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, new AppError('body_too_large', { limitBytes: bodyLimitBytes }));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        // A route that takes another type than JSON (the CSV import) says so in its schema.
        return sendProblem(reply, new AppError('unsupported_media_type', { expected: expectedMediaType(req) }));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's (or a plugin's) own 4xx: its status, in our words and the caller's language.
      req.log.info({ err }, 'client error');
      const error = problemForStatus(err.statusCode, req, bodyLimitBytes);
      const body: Problem = { ...renderProblem(error, localeOf(req), req), status: err.statusCode };
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.code(err.statusCode).type('application/problem+json; charset=utf-8').send(body);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, new AppError('internal', { requestId: req.id }));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = routes.allowed(path);
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, new AppError('method_not_allowed', { method: req.method }));
    }
    return sendProblem(reply, new AppError('route_not_found', { method: req.method, url: path }));
  });
}
