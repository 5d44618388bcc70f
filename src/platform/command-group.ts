import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answer, type CommandRequest, commandRequest, idempotencyAnswers, type Outcome, runRequest } from './command.ts';
import type { Ctx, DeferredWrites } from './context.ts';
import { type Db, pgErrorOf, type Tx } from './db.ts';
import { takeDeferred } from './deferred-writes.ts';
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

// How long a group waits for a row another transaction holds before its requests go alone.
const GROUP_LOCK_TIMEOUT_MS = 1000;

export function commandGroup<I, T>(
  db: Db,
  run: GroupRun<I, T>,
  opts: {
    status: number;
    // What can be refused without the database (the caller's rights, the input's own rules), before
    // the request joins a group: a refusal there would cost its whole group a second round.
    check?: (ctx: Ctx, input: I) => void;
    maxJobs?: number;
    flights?: number;
  },
): CommandGroup<I, T> {
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
    let bodies: T[] = [];
    // Whether the group's work was done and only the commit was left when something failed.
    let committing = false;
    // One moment for the group: its rows, its transfers and its keys all say the same time.
    const now = jobs[0]!.request.ctx.now;
    try {
      await db.transaction(async (tx) => {
        // A group waits for the rows of every payer in it: one held by a long command (a statement
        // being issued, a payout run) would hold up the payments of every other payer in the
        // group too. After this long the group gives up, and each request waits alone.
        await tx.execute(sql.raw(`set local lock_timeout = '${GROUP_LOCK_TIMEOUT_MS}ms'`));
        // One collection of audit rows and events for the group: each row still names its own
        // request's actor and id (audit.ts reads them from the context that records it).
        const deferred: DeferredWrites = { audits: [], events: [] };
        for (const j of jobs) {
          j.request.ctx.now = now;
          j.request.ctx.deferred = deferred;
        }
        const out = await run(
          tx,
          jobs.map((j) => ({ ctx: j.request.ctx, input: j.input })),
        );
        const keyed = jobs.flatMap((j, i) => (j.request.idem ? [{ idem: j.request.idem, body: out.result[i] }] : []));
        await writeTogether(tx, [...out.writes, ...takeDeferred(jobs[0]!.request.ctx), ...(keyed.length > 0 ? [idempotencyAnswers(keyed, now)] : [])]);
        bodies = out.result;
        committing = true;
      });
    } catch (error) {
      // The group's work failed (a request refused, a key answered before, a constraint, a
      // deadlock, a bug): it was rolled back, and each request alone says which is whose. Its
      // commit failed: each alone only when PostgreSQL says the transaction was rolled back;
      // anything else (the connection lost at the commit) leaves it unknown whether the group was
      // written, and running the requests again could write twice what was written once, so it is
      // everyone's error, as it would have been alone.
      if (committing && !rolledBack(error)) {
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
    opts.check?.(request.ctx, input);
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

// PostgreSQL's answer that a transaction was rolled back at its commit: a serialization failure or
// deadlock (class 40) or a deferred constraint (class 23), here or in the error's cause.
function rolledBack(error: unknown): boolean {
  const code = pgErrorOf(error)?.code;
  return code !== undefined && (code.startsWith('40') || code.startsWith('23'));
}
