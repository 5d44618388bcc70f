import type { Db } from '../../platform/db.ts';
import { startJob } from '../../platform/jobs.ts';
import { CLAIM_BATCH, deliverDue, LEASE_S, type WebhookLog } from './deliver.ts';
import { FAN_OUT_BATCH, fanOut } from './fan-out.ts';
import { ANY_HOST, PUBLIC_ONLY, systemResolve, type HostPolicy, type Resolve } from './address-guard.ts';
import { pinnedFetch } from './pinned-fetch.ts';
import type { FetchLike } from './send.ts';

export type WebhookWorkerOptions = {
  db: Db;
  log: WebhookLog;
  pollMs: number;
  // Tests may pass their own; the default is pinnedFetch: node:http(s) connecting only to the
  // addresses it resolved and checked.
  fetchImpl?: FetchLike;
  // Allow receivers on loopback and private networks (tests, local demos); off in production.
  allowPrivateAddresses?: boolean;
  // For tests of the guard itself: what may be reached (instead of allowPrivateAddresses) and how
  // names resolve (instead of the system resolver).
  hostPolicy?: HostPolicy;
  resolve?: Resolve;
  timeoutMs?: number;
};

export type PassResult = {
  // Outbox events turned into deliveries.
  fannedOut: number;
  // HTTP attempts made and recorded.
  attempted: number;
  // Deliveries that reached a 2xx in this pass.
  delivered: number;
  // Deliveries given up in this pass (out of attempts, or their endpoint was disabled).
  failed: number;
};

export type WebhookWorker = {
  // One pass now; `now` fixes the clock so tests can move time. Passes never overlap: a call made
  // while one runs waits for it.
  runOnce(now?: Date): Promise<PassResult>;
  // Stops polling and waits for a running pass to finish.
  stop(): Promise<void>;
};

export const DEFAULT_TIMEOUT_MS = 10_000;

// The outbox worker, run inside the app process: every pollMs it fans new outbox events out to the
// endpoints that want them and sends the deliveries that are due. Several processes may run it on
// one database; SKIP LOCKED and the claim lease keep them from sending the same attempt twice.
// Delivery is at least once: a process that dies between a receiver's 2xx and the commit of the
// result sends that delivery again after the lease, with the same event id.
export function startWebhookWorker(opts: WebhookWorkerOptions): WebhookWorker {
  const { db, log, pollMs } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl: FetchLike =
    opts.fetchImpl ??
    pinnedFetch({
      policy: opts.hostPolicy ?? (opts.allowPrivateAddresses ? ANY_HOST : PUBLIC_ONLY),
      resolve: opts.resolve ?? systemResolve,
    });
  if (!Number.isInteger(pollMs) || pollMs < 10) throw new Error(`pollMs must be an integer ≥ 10, got ${pollMs}`);
  // A call must end well inside its lease, or another worker could claim and send it again.
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > (LEASE_S * 1000) / 2) {
    throw new Error(`timeoutMs must be an integer from 100 to ${(LEASE_S * 1000) / 2}, got ${timeoutMs}`);
  }

  const job = startJob<PassResult & { full: boolean }>(
    {
      name: 'webhook pass',
      everyMs: pollMs,
      async run(clock) {
        const fannedOut = await fanOut(db, clock());
        const counts = await deliverDue({ db, log, fetchImpl, timeoutMs, clock });
        return { fannedOut, attempted: counts.attempted, delivered: counts.delivered, failed: counts.failed, full: fannedOut === FAN_OUT_BATCH || counts.claimed === CLAIM_BATCH };
      },
      // A full batch means more is probably waiting, so the next pass starts at once; the backlog
      // then drains at full speed, one bounded batch at a time.
      more: (r) => r.full,
      report(r, jobLog) {
        if (r.fannedOut + r.attempted + r.failed > 0) jobLog.info({ fannedOut: r.fannedOut, attempted: r.attempted, delivered: r.delivered, failed: r.failed }, 'webhook pass');
      },
    },
    log,
  );
  return {
    async runOnce(now) {
      const { full: _, ...result } = await job.runOnce(now);
      return result;
    },
    stop: () => job.stop(),
  };
}
