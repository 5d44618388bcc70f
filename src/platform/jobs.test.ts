import { describe, expect, it } from 'vitest';
import { startJob } from './jobs.ts';

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('the job runner', () => {
  it('runs on its timer, and at once again while a run reports more waiting', async () => {
    const runs: number[] = [];
    let backlog = 3;
    const job = startJob(
      {
        name: 'drain',
        everyMs: 20,
        firstAfterMs: 0,
        run: async () => {
          runs.push(backlog);
          return backlog > 0 ? backlog-- : 0;
        },
        more: (left) => left > 0,
      },
      { info() {}, error() {} },
    );
    await waitFor(() => runs.length >= 5);
    await job.stop();
    // Three full batches back to back, then an idle run on the timer.
    expect(runs.slice(0, 5)).toEqual([3, 2, 1, 0, 0]);
  });

  it('logs a failed run and keeps running', async () => {
    const errors: string[] = [];
    let calls = 0;
    const job = startJob(
      {
        name: 'flaky',
        everyMs: 10,
        firstAfterMs: 0,
        run: async () => {
          calls++;
          if (calls === 1) throw new Error('database away');
          return calls;
        },
      },
      { info() {}, error: (_o, m) => void errors.push(m) },
    );
    await waitFor(() => calls >= 3);
    await job.stop();
    expect(errors).toEqual(['flaky failed']);
  });

  it('never runs one job twice at once, and stop waits for the running one', async () => {
    let running = 0;
    let most = 0;
    let finished = 0;
    const job = startJob(
      {
        name: 'slow',
        everyMs: 3_600_000,
        run: async (clock) => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 20));
          running--;
          finished++;
          return clock();
        },
      },
      { info() {}, error() {} },
    );
    const fixed = new Date('2026-12-05T08:00:00Z');
    const answers = await Promise.all([job.runOnce(fixed), job.runOnce(fixed), job.runOnce()]);
    expect(most).toBe(1);
    expect(answers[0]).toBe(fixed);
    const last = job.runOnce();
    await job.stop();
    expect(finished).toBe(4);
    await last;
    await expect(job.runOnce()).rejects.toThrow('slow is stopped');
  });
});
