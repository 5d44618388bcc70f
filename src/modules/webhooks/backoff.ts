// When a failed delivery is tried again. The delay doubles from BASE_DELAY_S after each failure
// and stops growing at MAX_DELAY_S; after MAX_ATTEMPTS attempts the delivery is given up (`failed`).
// With these numbers a receiver gets retries for about 7½ hours (10 s, 20 s, … 42 min 40 s, then
// hourly), long enough to ride out a deploy or a short outage on their side.
//
// There is no jitter: deliveries fail at different moments, so their retries are already spread,
// and the worker claims at most a small batch per pass. Deterministic delays keep the schedule
// testable and explainable to an insurer's IT team.

export const BASE_DELAY_S = 10;
export const MAX_DELAY_S = 3600;
export const MAX_ATTEMPTS = 16;

// Seconds to wait after the attempts-th failed attempt (attempts ≥ 1) before the next one.
export function nextAttemptDelayS(attempts: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`attempts must be a positive integer, got ${attempts}`);
  // Capping the exponent first keeps 2^n finite however large attempts grows.
  const exponent = Math.min(attempts - 1, 20);
  return Math.min(BASE_DELAY_S * 2 ** exponent, MAX_DELAY_S);
}

export type AttemptOutcome = { ok: boolean };

export type DeliveryUpdate = { status: 'delivered'; nextAttemptAt: null } | { status: 'pending'; nextAttemptAt: Date } | { status: 'failed'; nextAttemptAt: null };

// The delivery's state after its attempts-th attempt (counting this one) ended at `at`.
export function afterAttempt(attempts: number, outcome: AttemptOutcome, at: Date): DeliveryUpdate {
  if (outcome.ok) return { status: 'delivered', nextAttemptAt: null };
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', nextAttemptAt: null };
  return { status: 'pending', nextAttemptAt: new Date(at.getTime() + nextAttemptDelayS(attempts) * 1000) };
}
