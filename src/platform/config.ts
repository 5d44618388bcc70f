import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

// Every setting comes from the environment, validated once at start, so a typo in PORT fails loudly
// instead of serving on a surprise port.
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ANPEI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  // App processes serving the same port (node:cluster). More than one needs DATABASE_URL: PGlite's
  // files belong to one process.
  ANPEI_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // Behind a reverse proxy: take the client's address from X-Forwarded-For (set by the proxy), so
  // that sign-in and trace-lookup limits count per visitor rather than per proxy. Only when the
  // proxy is the sole way in: otherwise anyone could forge the header.
  ANPEI_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Served over TLS only (directly or behind a TLS-terminating proxy): send Strict-Transport-Security
  // so browsers never fall back to plain HTTP for this host. Off by default: the demo is plain HTTP.
  ANPEI_HSTS: z.enum(['true', 'false']).default('false'),
  // `off`: `anpei serve` does not build the console (web/) even when it is missing or stale: for
  // the tests that start the real server, and for deployments that build it beforehand.
  ANPEI_CONSOLE_BUILD: z.enum(['auto', 'off']).default('auto'),
  // Connections to a PostgreSQL server each process keeps at most.
  ANPEI_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ANPEI_SESSION_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  ANPEI_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  ANPEI_WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  ANPEI_LOGIN_MAX_FAILS_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  ANPEI_LOGIN_MAX_FAILS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(30),
  // Webhook receivers on loopback or private networks: for local demos and tests only (SSRF guard).
  ANPEI_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  ANPEI_LOGIN_WINDOW_S: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(15 * 60),
  // Production mode. `demo` (the default, what `npm start` runs) seeds the demo world into an empty
  // database and lists its logins on the start page; `production` does neither, and `serve` refuses
  // to start on weak settings (configProblems below, and the database's own in production-check.ts).
  ANPEI_ENV: z.enum(['demo', 'production']).default('demo'),
  // The server's secret: @fastify/cookie signs cookies with it (the console's CSRF token). Required
  // in production (≥ 32 random characters, e.g. `openssl rand -base64 48`); in demo mode, when
  // unset, each start makes a random one (signed cookies then last until the next restart).
  ANPEI_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(1000).optional()),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolMax: number;
  workers: number;
  trustProxy: boolean;
  hsts: boolean;
  consoleBuild: 'auto' | 'off';
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  sessionTtlS: number;
  bodyLimitBytes: number;
  workerPollMs: number;
  webhookAllowPrivate: boolean;
  login: { maxFailsPerAccount: number; maxFailsPerAddress: number; windowS: number };
  // Production mode (ANPEI_ENV, or `serve --no-demo`).
  env: 'demo' | 'production';
  secret: string;
  // Whether the secret came from ANPEI_SECRET or was made for this start (demo mode only).
  secretGiven: boolean;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.ANPEI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolMax: e.ANPEI_DB_POOL_MAX,
    workers: e.ANPEI_WORKERS,
    trustProxy: e.ANPEI_TRUST_PROXY === 'true',
    hsts: e.ANPEI_HSTS === 'true',
    consoleBuild: e.ANPEI_CONSOLE_BUILD,
    logLevel: e.LOG_LEVEL,
    sessionTtlS: e.ANPEI_SESSION_TTL_S,
    bodyLimitBytes: e.ANPEI_BODY_LIMIT_BYTES,
    workerPollMs: e.ANPEI_WORKER_POLL_MS,
    webhookAllowPrivate: e.ANPEI_WEBHOOK_ALLOW_PRIVATE === 'true',
    login: {
      maxFailsPerAccount: e.ANPEI_LOGIN_MAX_FAILS_PER_ACCOUNT,
      maxFailsPerAddress: e.ANPEI_LOGIN_MAX_FAILS_PER_ADDRESS,
      windowS: e.ANPEI_LOGIN_WINDOW_S,
    },
    env: e.ANPEI_ENV,
    secret: e.ANPEI_SECRET ?? randomBytes(32).toString('base64url'),
    secretGiven: e.ANPEI_SECRET !== undefined,
  };
}

// Settings that production refuses, each as a sentence naming the variable and the fix. The
// database's own problems (the demo world, the demo password) are checked at start by
// production-check.ts, which lists these together with them.
export function configProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!config.secretGiven) {
    problems.push('ANPEI_SECRET is not set: give it at least 32 random characters, e.g. `openssl rand -base64 48`.');
  } else {
    const weakness = secretWeakness(config.secret);
    if (weakness) problems.push(`ANPEI_SECRET ${weakness}: give it at least 32 random characters, e.g. \`openssl rand -base64 48\`.`);
  }
  if (config.webhookAllowPrivate) {
    problems.push('ANPEI_WEBHOOK_ALLOW_PRIVATE=true lets webhooks reach loopback and private addresses (SSRF): remove it.');
  }
  return problems;
}

// Words that make a secret a phrase someone chose rather than random bytes.
const CHOSEN_WORDS = ['secret', 'password', 'passw0rd', 'changeme', 'change-me', 'anpei', 'example', 'default', 'qwerty', '123456', 'abcdef'];

// Randomness cannot be measured from one string, but the secrets people type can be recognised:
// too short, a few characters repeated, a run of consecutive characters, or a phrase with a word
// like "secret" in it. Anything from a random generator (32 hex or base64 characters or more)
// passes: 32 random characters from 16 or more symbols hold 10 or more distinct ones except with
// negligible probability. Returns why the secret is weak, or undefined.
export function secretWeakness(secret: string): string | undefined {
  const chars = [...secret];
  if (chars.length < 32) return `has ${chars.length} characters, fewer than 32`;
  if (new Set(chars).size < 10) return 'repeats too few distinct characters to be random';
  let consecutive = 0;
  for (let i = 1; i < chars.length; i++) {
    if (Math.abs(chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!) <= 1) consecutive++;
  }
  if (consecutive * 2 > chars.length) return 'is mostly a run of consecutive characters';
  const lower = secret.toLowerCase();
  const word = CHOSEN_WORDS.find((w) => lower.includes(w));
  if (word) return `contains the word "${word}", so it was chosen rather than generated`;
  return undefined;
}
