import type { LoggerOptions } from 'pino';
import type { Config } from './config.ts';

// What may reach a log line. Logs are read by more people, kept longer and copied to more places
// than the database, so no secret (session token, API key, webhook secret, password), no hash of
// one (argon2, the SHA-256 of a token) and no personal datum (a mobile number, a full VIN) is
// written, wherever it turns up. Four layers, each for a way data gets in:
// - `err`: a failed query's error carries its parameters (drizzle's message has "params: …", the
//   driver's error `params` and `query`, PostgreSQL's `detail` the key values or the whole failing
//   row, password hash included). Errors are rebuilt from a short list of fields: the SQLSTATE code,
//   the constraint and table, and for a query only the statement's first line.
// - `req`: a URL carries VINs and phone numbers in its path and query (/api/v1/vin/{vin}, ?q=…);
//   they are masked to their last characters (VIN) or 3+4 digits (phone).
// - `redact`: headers and fields named like a secret, where they are commonly logged.
// - everything else a line holds (its message, the other fields, nested objects and errors under
//   any name) is scrubbed by pattern: argon2 hashes, prefixed secrets, bearer tokens, 64-digit hex
//   digests, VINs and phone numbers. Ids (UUIDs) are left as they are.

const REDACTED = '[redacted]';

// Field names whose value is a secret whatever it looks like.
const SENSITIVE_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|password|new_?password|password_?hash|token|token_?hash|key_?hash|secret|api_?key|access_?token|refresh_?token)$/i;

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'secret',
  '*.secret',
];

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, or any truncated start of one.
const ARGON2 = /\$argon2(?:id|i|d)(?:\$v=\d+)?(?:\$[a-z]=\d+(?:,[a-z]=\d+)*)?(?:\$[A-Za-z0-9+/]+){0,2}/g;
const PREFIXED_SECRET = /\b(st|ak|whsec)_[A-Za-z0-9_-]{6,}/g;
const BEARER = /\b(bearer|basic)\s+[^\s"',;]+/gi;
const HEX_DIGEST = /\b[0-9a-f]{64}\b/gi;
// The password of a connection string or URL (postgres://user:password@host).
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;
// A VIN's alphabet (no I, O, Q), 17 characters standing alone. Only runs with both a letter and a
// digit count, so a 17-digit number (an amount in fen) or a word is left alone.
const VIN_LIKE = /(?<![A-Za-z0-9])[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![A-Za-z0-9])/g;
const CN_MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskVin(vin: string): string {
  return `${'*'.repeat(vin.length - 4)}${vin.slice(-4)}`;
}

function scrubPart(text: string): string {
  return text
    .replace(ARGON2, '[redacted hash]')
    .replace(PREFIXED_SECRET, (_, prefix: string) => `${prefix}_${REDACTED}`)
    .replace(BEARER, (_, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(HEX_DIGEST, '[redacted hash]')
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(VIN_LIKE, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? maskVin(run) : run))
    .replace(CN_MOBILE, '$1****$2');
}

// Masks secrets, hashes, VINs and mobile numbers in free text, leaving UUIDs (ids, request ids)
// untouched: a digit run inside one is not a phone number.
export function scrubText(text: string): string {
  return text
    .split(UUID)
    .map((part, i) => (i % 2 === 1 ? part : scrubPart(part)))
    .join('');
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

// A URL as it may be logged: path segments and query values scrubbed (a VIN in the path, a phone
// number in ?q=), query parameters named like a secret redacted. Unchanged parts keep their
// original encoding.
export function maskUrl(url: string): string {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = at < 0 ? undefined : url.slice(at + 1);
  const maskedPath = path
    .split('/')
    .map((segment) => {
      const plain = decoded(segment);
      const scrubbed = scrubText(plain);
      return scrubbed === plain ? segment : encodeURIComponent(scrubbed);
    })
    .join('/');
  if (query === undefined) return maskedPath;
  const maskedQuery = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = pair.slice(0, eq);
      if (SENSITIVE_KEY.test(decoded(key))) return `${key}=${REDACTED}`;
      const plain = decoded(pair.slice(eq + 1));
      const scrubbed = scrubText(plain);
      return scrubbed === plain ? pair : `${key}=${encodeURIComponent(scrubbed)}`;
    })
    .join('&');
  return `${maskedPath}?${maskedQuery}`;
}

type ErrorLike = Error & Record<string, unknown>;

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string' && typeof (value as { stack?: unknown }).stack === 'string')
  );
}

const MAX_MESSAGE_CHARS = 2000;
const MAX_STATEMENT_CHARS = 200;
const MAX_FRAMES = 20;
const MAX_CAUSES = 5;

// An error's message without what a query sent: drizzle's "Failed query: <sql>\nparams: <values>"
// keeps only the statement's first line (the statements are written with placeholders, but the
// parameters follow them in the message).
export function safeErrorMessage(error: { message: string }): string {
  const message = error.message;
  if (message.startsWith('Failed query:')) {
    const statement = message.slice('Failed query:'.length).trimStart().split('\n', 1)[0] ?? '';
    return `Failed query: ${scrubText(statement.slice(0, MAX_STATEMENT_CHARS))}`;
  }
  return scrubText(message.slice(0, MAX_MESSAGE_CHARS));
}

// Fields of an error kept as they are: codes and names, never values. `detail`, `where`, `hint`,
// `query`, `params`, `internalQuery` and whatever else an error carries are dropped.
const KEPT_FIELDS = ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'schema', 'routine', 'errno', 'syscall'] as const;

function typeOf(error: ErrorLike): string {
  const name = error.constructor?.name;
  return name && name !== 'Object' ? name : String(error.name ?? 'Error');
}

function framesOf(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
}

export type SerializedError = {
  type: string;
  message: string;
  stack: string;
  cause?: SerializedError;
  aggregateErrors?: SerializedError[];
} & Partial<Record<(typeof KEPT_FIELDS)[number], string | number>>;

// The `err` serializer: pino's standard one copies every enumerable field of an error and the
// message whole, which is exactly how parameters got into the log. The stack is rebuilt from its
// frames, since its first lines repeat the message.
export function serializeError(value: unknown, depth = 0): unknown {
  if (!isErrorLike(value)) return value;
  const type = typeOf(value);
  const message = safeErrorMessage(value);
  const out: SerializedError = { type, message, stack: [`${type}: ${message}`, ...framesOf(value.stack)].join('\n') };
  for (const field of KEPT_FIELDS) {
    const v = value[field];
    if (typeof v === 'string' || typeof v === 'number') out[field] = typeof v === 'string' ? scrubText(v) : v;
  }
  if (depth < MAX_CAUSES && value.cause !== undefined && isErrorLike(value.cause)) out.cause = serializeError(value.cause, depth + 1) as SerializedError;
  if (depth < MAX_CAUSES && Array.isArray(value.errors)) {
    out.aggregateErrors = value.errors.slice(0, 10).map((e) => serializeError(e, depth + 1) as SerializedError);
  }
  return out;
}

const MAX_DEPTH = 8;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// Any value of a log line: strings scrubbed, fields named like a secret redacted, errors under
// any name serialized as above. Other objects (a request, a reply) are left to their serializers.
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (isErrorLike(value)) return serializeError(value);
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SENSITIVE_KEY.test(key) ? REDACTED : scrubValue(v, depth + 1);
  return out;
}

type RequestLike = {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
};

// Fastify's request serializer with the URL masked.
export function serializeRequest(req: RequestLike): Record<string, unknown> {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? maskUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

// The options of every logger of the process: the standalone one of `serve` and Fastify's.
export function loggerOptions(level: Config['logLevel']): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: serializeError, req: serializeRequest },
    formatters: {
      // Runs before the serializers, on the fields the call passed (an error under `err` is left
      // to the err serializer, which sees the original).
      log: (object) => {
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(object)) {
          out[key] = key === 'err' || key === 'req' || key === 'res' ? v : SENSITIVE_KEY.test(key) ? REDACTED : scrubValue(v);
        }
        return out;
      },
    },
    hooks: {
      // The message: pino takes it from the error (`log.error(err)`, `log.error({ err })`) when none
      // is given, whole; and any string argument may hold what the fields must not.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const error = isErrorLike(first) ? first : first && typeof first === 'object' && isErrorLike((first as { err?: unknown }).err) ? (first as { err: ErrorLike }).err : undefined;
        const strings = rest.map((a) => (typeof a === 'string' ? scrubText(a) : a));
        if (isErrorLike(first)) {
          const msg = typeof strings[0] === 'string' ? strings[0] : safeErrorMessage(first);
          return method.apply(this, [{ err: first }, msg, ...strings.slice(1)] as Parameters<typeof method>);
        }
        if (typeof first === 'string') return method.apply(this, [scrubText(first), ...strings] as Parameters<typeof method>);
        if (error && typeof strings[0] !== 'string') return method.apply(this, [first, safeErrorMessage(error), ...strings] as Parameters<typeof method>);
        return method.apply(this, [first, ...strings] as Parameters<typeof method>);
      },
    },
  };
}

// An error as the command line prints it when it is not an expected refusal: the same fields as
// the log keeps, so a failed query does not print its parameters to the terminal either.
export function describeError(error: unknown): string {
  const serialized = serializeError(error);
  if (!serialized || typeof serialized !== 'object') return scrubText(String(error));
  const lines: string[] = [];
  let e: SerializedError | undefined = serialized as SerializedError;
  let first = true;
  while (e) {
    const code = e.code === undefined ? '' : ` [${e.code}]`;
    const where = e.constraint ? ` (constraint ${e.constraint})` : '';
    lines.push(`${first ? '' : 'caused by: '}${e.type}${code}: ${e.message}${where}`);
    if (first) lines.push(...e.stack.split('\n').slice(1));
    first = false;
    e = e.cause;
  }
  return lines.join('\n');
}
