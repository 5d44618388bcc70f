import type { FastifyReply, FastifyRequest } from 'fastify';
import { answer, type CommandRequest, commandRequest, idempotencyAnswers, type Outcome, runRequest } from './command.ts';
import type { Ctx, DeferredWrites } from './context.ts';
import type { Db, Tx } from './db.ts';
import { takeDeferred } from './deferred-writes.ts';
import { AppError } from './errors.ts';
import { Finished } from './finished.ts';
import { writeTogether } from './write-together.ts';

// Group commit, as a database or TigerBeetle does it: requests for the same command that arrive
// while earlier ones are being written share one transaction, so that a burst of them costs the
// database a handful of round trips and one commit instead of as many as there are requests. It is
// for a command that many callers send at once, one small thing each, and whose work for many is
// the same statements as for one: recording payments received, a thousand a second asked (issue
// 13), where each request's round trips (begin, insert, the ledger's read, its write, commit) were
// what the machine spent its time on, in socket writes, not the work they carried.
//
// Nothing waits for company: a request that arrives while fewer than `flights` groups are being
// written goes at once, alone. Those that arrive meanwhile queue, and the next group takes them all
// (at most `maxJobs`). Each request is still answered as runCommand answers it: its own status, its
// own Idempotency-Key stored with its own answer, its own audit rows under its own name.
//
// All or nothing, then each alone: the group's transaction either writes every request's effect or
// none. When anything in it fails (one request refused: its payer unknown, its bank reference taken;
// a key already answered; a deadlock), the group is rolled back and every request in it runs again
// alone through runRequest, which refuses, replays or writes it as if it had come alone. A refused
// request thus costs its group a second round; refusals are the rare case.
export type GroupRun<I, T> = (tx: Tx, jobs: readonly { ctx: Ctx; input: I }[]) => Promise<Finished<T[]>>;

type Job<I, T> = { request: CommandRequest; input: I; settle: (outcome: Promise<Outcome<T>>) => void };

export type CommandGroup<I, T> = (req: FastifyRequest, reply: FastifyReply, input: I) => Promise<T>;

export function commandGroup<I, T>(db: Db, run: GroupRun<I, T>, opts: { status: number; maxJobs?: number; flights?: number }): CommandGroup<I, T> {
  const maxJobs = opts.maxJobs ?? 64;
  const flights = opts.flights ?? 2;
  const queue: Job<I, T>[] = [];
  let flying = 0;

  const alone = (job: Job<I, T>): Promise<Outcome<T>> => runRequest(db, job.request, (tx, ctx) => run(tx, [{ ctx, input: job.input }]).then(oneOf));

  const settleAlone = (job: Job<I, T>): Promise<unknown> => {
    const outcome = alone(job);
    job.settle(outcome);
    return outcome;
  };

  const together = async (jobs: Job<I, T>[]): Promise<void> => {
    let bodies: T[];
    try {
      bodies = await db.transaction(async (tx) => {
        // One collection of audit rows and events for the group: each row still names its own
        // request's actor and id (audit.ts reads them from the context that records it).
        const deferred: DeferredWrites = { audits: [], events: [] };
        for (const j of jobs) j.request.ctx.deferred = deferred;
        const out = await run(
          tx,
          jobs.map((j) => ({ ctx: j.request.ctx, input: j.input })),
        );
        const keyed = jobs.flatMap((j, i) => (j.request.idem ? [{ idem: j.request.idem, body: out.result[i] }] : []));
        const now = jobs[0]!.request.ctx.now;
        await writeTogether(tx, [...out.writes, ...takeDeferred(jobs[0]!.request.ctx), ...(keyed.length > 0 ? [idempotencyAnswers(keyed, now)] : [])]);
        return out.result;
      });
    } catch (error) {
      // A refusal or a database's answer (a constraint, a deadlock): each alone says which is
      // whose. Anything else (the connection lost, perhaps at the commit) is everyone's error, as
      // it would have been alone: running them again could write twice what was written once.
      if (!(error instanceof AppError || hasSqlState(error))) {
        for (const j of jobs) j.settle(Promise.reject(error));
        return;
      }
      await Promise.allSettled(jobs.map((j) => settleAlone(j)));
      return;
    }
    for (const [i, j] of jobs.entries()) j.settle(Promise.resolve({ kind: 'fresh', body: bodies[i]! }));
  };

  const pump = () => {
    while (flying < flights && queue.length > 0) {
      const jobs = queue.splice(0, maxJobs);
      flying++;
      const flight = jobs.length === 1 ? settleAlone(jobs[0]!) : together(jobs);
      // Its outcome reaches its requests through settle; the flight only frees its place.
      void flight
        .catch(() => {})
        .finally(() => {
          flying--;
          pump();
        });
    }
  };

  return async (req, reply, input) => {
    const request = commandRequest(req, { status: opts.status });
    const outcome = await new Promise<Outcome<T>>((resolve, reject) => {
      queue.push({ request, input, settle: (o) => o.then(resolve, reject) });
      pump();
    });
    return answer(reply, request, outcome);
  };
}

function oneOf<T>(out: Finished<T[]>): Finished<T> {
  return new Finished(out.result[0]!, out.writes);
}

// An error PostgreSQL answered with (a five-character SQLSTATE), here or in its cause.
function hasSqlState(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return true;
  }
  return false;
}
