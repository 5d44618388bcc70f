import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';
import { format, pickLocale, type Locale } from './i18n.ts';
import { fieldCatalog, isFieldCode, objectNames, problemCatalog, type FieldCode } from './messages.ts';

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

export function localeOf(req: FastifyRequest): Locale {
  return pickLocale(req.headers['accept-language']);
}

// An object name among the parameters (`what: 'part'`) is shown in the caller's language.
function localiseParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const what = params.what;
  if (typeof what !== 'string' || !Object.hasOwn(objectNames, what)) return params;
  return { ...params, what: objectNames[what as keyof typeof objectNames][locale] };
}

// Turns an AppError into the RFC 9457 body in the caller's language.
export function renderProblem(error: AppError, locale: Locale, req: FastifyRequest): Problem {
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
    const push = (code: FieldCode, params?: Record<string, unknown>, at = path) =>
      out.push({ path: at, in: where, code, params });
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

// The single error edge of the API: whatever went wrong becomes application/problem+json.
export function registerProblemHandlers(app: FastifyInstance, bodyLimitBytes: number): void {
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
    if (err.statusCode === 429) return sendProblem(reply, new AppError('rate_limited'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx we have no better word for (a bad header, say): keep its status and text.
      req.log.info({ err }, 'client error');
      const body: Problem = {
        ...renderProblem(new AppError('validation_failed', { count: 1 }), localeOf(req), req),
        status: err.statusCode,
        detail: err.message,
      };
      return reply.code(err.statusCode).type('application/problem+json; charset=utf-8').send(body);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, new AppError('internal', { requestId: req.id }));
  });

  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, new AppError('route_not_found', { method: req.method, url: req.url.split('?')[0] })),
  );
}
