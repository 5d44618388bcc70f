import { and, eq } from 'drizzle-orm';
import { bulkInsert } from './bulk-insert.ts';
import type { Stmt } from './stmt.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, actorId } from './access.ts';
import type { Ctx } from './context.ts';
import { type Db, isDeadlock, type Tx } from './db.ts';
import { startDeferred, takeDeferred } from './deferred-writes.ts';
import { AppError } from './errors.ts';
import { Finished } from './finished.ts';
import { isConcurrentWrite } from './concurrent-writes.ts';
import { sha256Hex } from './ids.ts';
import { MAX_JSON_DEPTH } from './json-body.ts';
import { localeOf } from './problem.ts';
import { writeTogether } from './write-together.ts';
import { idempotencyKey } from './tables.ts';
import './fastify-types.ts';

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}

export function ctxOf(req: FastifyRequest): Ctx {
  return { actor: actorOf(req), requestId: String(req.id), locale: localeOf(req), now: req.server.services.clock() };
}

// Key order must not change the fingerprint of a request body. The body is the parsed one, where
// zod may have turned money into bigints, which JSON.stringify cannot write. The JSON parser already
// refuses documents nested deeper than MAX_JSON_DEPTH; the bound here keeps the recursion safe for
// any other caller too, with the same refusal instead of a stack overflow.
export function stableJson(value: unknown, depth = 0): string {
  if (depth > MAX_JSON_DEPTH) throw new AppError('json_too_deep', { maxDepth: MAX_JSON_DEPTH });
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'idempotency-key', in: 'headers', code: 'invalid_format', params: { format: '1-200 visible ASCII characters' } }]);
  }
  return key;
}

// The request's Idempotency-Key, what its request looked like, and how its answer is kept.
export type IdempotencyState = {
  principalId: string;
  key: string;
  requestHash: string;
  status: number;
  storedForReplay?: (body: unknown) => unknown;
};

// The statement that stores requests' Idempotency-Keys with their commands' answers, sent in the
// commands' last round trip (runRequest, commandGroup).
export function idempotencyAnswers(answers: readonly { idem: IdempotencyState; body: unknown }[], now: Date): Stmt {
  return bulkInsert(
    idempotencyKey,
    answers.map(({ idem, body }) => {
      const stored = (idem.storedForReplay ? idem.storedForReplay(body) : body) ?? null;
      return { principalId: idem.principalId, key: idem.key, requestHash: idem.requestHash, responseStatus: idem.status, responseBody: stored, createdAt: now };
    }),
  );
}

// A few commands take locks in orders that can cross (goods arriving reserve stock and then move
// order lines; a cancellation locks the order's lines and then releases stock): PostgreSQL then
// rolls one of them back as a deadlock's victim. Nothing of it was written, so it is run again, a
// bounded number of times, before the caller sees an error.
//
// The same for a unique index that a module names here as one whose violation means "another
// transaction just wrote this row, at the same moment" and never a caller's mistake: the ledger's
// transfer ids, which are idempotency keys derived from what caused each transfer, and which two
// concurrent batches may both decide to write (post-transfers.ts says why they do not wait for each
// other). Run again, the command reads what the other committed and answers as a retry of it would
// (the transfer `exists`), instead of a 500. A module registers its indexes when it is loaded.
export const MAX_DEADLOCK_RETRIES = 3;

export async function retryDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(isDeadlock(error) || isConcurrentWrite(error)) || attempt > MAX_DEADLOCK_RETRIES) throw error;
    }
  }
}

export type Outcome<T> = { kind: 'fresh'; body: T } | { kind: 'replay'; status: number; body: unknown };

// A state-changing request as runCommand and commandGroup take it: the caller's context, the status
// its answer goes with, and its Idempotency-Key with the fingerprint of what it asked.
export type CommandRequest = { ctx: Ctx; status: number; idem: IdempotencyState | null };

export function commandRequest(req: FastifyRequest, opts: { status?: number; storedForReplay?: (body: never) => unknown } = {}): CommandRequest {
  const ctx = ctxOf(req);
  const status = opts.status ?? 200;
  const key = idempotencyKeyOf(req);
  if (!key) return { ctx, status, idem: null };
  const principalId = actorId(ctx.actor);
  const requestHash = sha256Hex(`${req.method} ${req.url.split('?')[0]} ${stableJson(req.body ?? null)}`);
  return { ctx, status, idem: { principalId, key, requestHash, status, storedForReplay: opts.storedForReplay as ((body: unknown) => unknown) | undefined } };
}

// Runs a state-changing request: one transaction, the caller's context, and Idempotency-Key
// handling. The command knows nothing of HTTP or keys: it returns its answer, or its answer and
// the writes it leaves for the end (finished.ts). Those writes, the audit rows and events it
// recorded, and the key with the answer go in one last round trip of the same transaction, so a
// key costs no round trip of its own. A retry runs the command again, and the outcome of the first decides:
// if the command succeeds, its key conflicts with the first's (waiting for the first to finish, if
// it is still running) and everything it did is rolled back; if it fails (the first's effect
// refuses it: the claim already ordered, the number taken), the failure is not the answer. Either
// way the first's stored answer is replayed. A refused request (an AppError) writes no key and
// changes nothing, so it may be corrected and retried under the same key.
//
// The one difference from taking the key first: a retry sent while the first is still running,
// which the first's effect would refuse but which does not wait on anything the first holds, can
// answer with that refusal before the first has stored its answer. It still has no effect.
export async function runCommand<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (tx: Tx, ctx: Ctx) => Promise<T | Finished<T>>,
  opts: {
    status?: number;
    // What to keep for a replay, when the answer holds a secret shown only once (an API key, a
    // webhook secret): the secret must not sit in clear in the idempotency store.
    storedForReplay?: (body: T) => T;
  } = {},
): Promise<T> {
  const request = commandRequest(req, opts as { status?: number; storedForReplay?: (body: never) => unknown });
  return answer(reply, request, await runRequest(req.server.services.database.db, request, fn));
}

// One request's command in its own transaction, retried after a deadlock, and replayed when its key
// was answered before (runCommand says how).
export async function runRequest<T>(db: Db, request: CommandRequest, fn: (tx: Tx, ctx: Ctx) => Promise<T | Finished<T>>): Promise<Outcome<T>> {
  const { ctx, idem } = request;
  try {
    return await retryDeadlocks(() =>
      db.transaction(async (tx): Promise<Outcome<T>> => {
        startDeferred(ctx);
        const out = await fn(tx, ctx);
        const { result, writes } = out instanceof Finished ? out : { result: out, writes: [] };
        // What the command left for the end, what it recorded (audit, events) and the key's
        // answer, in one round trip.
        await writeTogether(tx, [...writes, ...takeDeferred(ctx), ...(idem ? [idempotencyAnswers([{ idem, body: result }], ctx.now)] : [])]);
        return { kind: 'fresh', body: result };
      }),
    );
  } catch (error) {
    if (!idem) throw error;
    const [stored] = await db
      .select()
      .from(idempotencyKey)
      .where(and(eq(idempotencyKey.principalId, idem.principalId), eq(idempotencyKey.key, idem.key)));
    if (!stored) throw error;
    if (stored.requestHash !== idem.requestHash) throw new AppError('idempotency_key_reused', { key: idem.key });
    return { kind: 'replay', status: stored.responseStatus, body: stored.responseBody };
  }
}

// The outcome as the HTTP answer: a replay says so and keeps the first answer's status.
export function answer<T>(reply: FastifyReply, request: CommandRequest, outcome: Outcome<T>): T {
  if (outcome.kind === 'replay') {
    reply.header('idempotent-replayed', 'true');
    reply.code(outcome.status);
    // The stored body is the JSON of an earlier T, which is exactly what the first answer sent.
    return outcome.body as T;
  }
  reply.code(request.status);
  return outcome.body;
}
