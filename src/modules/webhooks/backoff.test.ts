import { describe, expect, it } from 'vitest';
import { afterAttempt, MAX_ATTEMPTS, MAX_DELAY_S, nextAttemptDelayS } from './backoff.ts';

describe('nextAttemptDelayS', () => {
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [4, 80],
    [9, 2560],
    [10, 3600],
    [15, 3600],
    [1000, 3600],
  ])('after attempt %i waits %i s', (attempts, delayS) => {
    expect(nextAttemptDelayS(attempts)).toBe(delayS);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s attempts', (attempts) => {
    expect(() => nextAttemptDelayS(attempts)).toThrow();
  });

  it('never shrinks and never exceeds the cap', () => {
    for (let n = 2; n <= 100; n++) {
      expect(nextAttemptDelayS(n)).toBeGreaterThanOrEqual(nextAttemptDelayS(n - 1));
      expect(nextAttemptDelayS(n)).toBeLessThanOrEqual(MAX_DELAY_S);
    }
  });

  it('retries for a few hours in all before giving up', () => {
    let totalS = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) totalS += nextAttemptDelayS(n);
    expect(totalS).toBe(26_710);
  });
});

describe('afterAttempt', () => {
  const at = new Date('2025-06-01T00:00:00Z');
  const plus = (s: number) => new Date(at.getTime() + s * 1000);
  it.each([
    { attempts: 1, ok: true, expected: { status: 'delivered', nextAttemptAt: null } },
    { attempts: MAX_ATTEMPTS, ok: true, expected: { status: 'delivered', nextAttemptAt: null } },
    { attempts: 1, ok: false, expected: { status: 'pending', nextAttemptAt: plus(10) } },
    { attempts: 3, ok: false, expected: { status: 'pending', nextAttemptAt: plus(40) } },
    { attempts: MAX_ATTEMPTS - 1, ok: false, expected: { status: 'pending', nextAttemptAt: plus(3600) } },
    { attempts: MAX_ATTEMPTS, ok: false, expected: { status: 'failed', nextAttemptAt: null } },
    { attempts: MAX_ATTEMPTS + 1, ok: false, expected: { status: 'failed', nextAttemptAt: null } },
  ])('attempt $attempts, ok=$ok → $expected.status', ({ attempts, ok, expected }) => {
    expect(afterAttempt(attempts, { ok }, at)).toEqual(expected);
  });
});
