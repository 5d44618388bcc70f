// The process's one way of running work on a timer: the outbox's deliveries, inquiry deadlines,
// the daily replenishment, and what is to come (reservation expiry, payouts, risk rules). Each job
// is a function of the clock that does what is due and returns what it did; the runner calls it
// every `everyMs`, at once again while it reports a full batch (more is waiting), never two runs of
// one job at a time in a process, and logs a failure instead of stopping. Several app processes
// each run every job on one database: a job does each piece of due work exactly once by taking it
// under a row lock (SKIP LOCKED) or an advisory lock and recording it in the same transaction, so
// the runner itself needs no coordination.

export type JobLog = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

export type Job<R> = {
  // For the log: 'webhooks', 'inquiry deadlines', …
  name: string;
  everyMs: number;
  // The first run after start (everyMs when absent); a start is not slowed by it either way.
  firstAfterMs?: number;
  // The clock is the real one, read as the run goes (a long pass's later steps see later times),
  // or the time a test fixed through runOnce(now).
  run(clock: () => Date): Promise<R>;
  // Whether a run left work waiting (a full batch): the next run starts at once.
  more?(result: R): boolean;
  // What of a run is worth a log line (nothing when absent or null: an idle run is silent).
  report?(result: R, log: JobLog): void;
};

export type RunningJob<R> = {
  // One run now (`now` fixes the clock for tests); runs never overlap: a call made while one runs
  // waits for it.
  runOnce(now?: Date): Promise<R>;
  // Stops the timer and waits for a running run to finish.
  stop(): Promise<void>;
};

export function startJob<R>(job: Job<R>, log: JobLog): RunningJob<R> {
  if (!Number.isInteger(job.everyMs) || job.everyMs < 10) throw new Error(`${job.name}: everyMs must be an integer ≥ 10, got ${job.everyMs}`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  function runAfterTail(now: Date | undefined): Promise<R> {
    const run = tail.then(() => job.run(now ? () => now : () => new Date()));
    tail = run.catch(() => {});
    return run;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    let more = false;
    try {
      const result = await runAfterTail(undefined);
      more = job.more?.(result) ?? false;
      job.report?.(result, log);
    } catch (err) {
      // A database outage, a bug in one row's data: logged, and tried again at the next run.
      log.error({ err, job: job.name }, `${job.name} failed`);
    }
    schedule(more ? 0 : job.everyMs);
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => void tick(), delayMs);
    // A job alone must not keep the process alive.
    timer.unref();
  }

  schedule(job.firstAfterMs ?? job.everyMs);
  return {
    async runOnce(now) {
      if (stopped) throw new Error(`${job.name} is stopped`);
      return runAfterTail(now);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await tail;
    },
  };
}
