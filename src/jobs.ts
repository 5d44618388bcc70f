import type pino from 'pino';
import { startReplenishmentJob } from './modules/purchasing/index.ts';
import { startPayoutJob } from './modules/settlement/index.ts';
import { startInquiryDeadlineJob } from './modules/quoting/inquiries/index.ts';
import { startWebhookWorker } from './modules/webhooks/index.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';

// Everything an app process runs on a timer, in one list (each on platform/jobs.ts's runner): the
// outbox's webhook deliveries, inquiry deadlines, the daily replenishment. Every process runs them
// all; each job does each piece of due work once however many do (see each job's file).
export type BackgroundJobs = { stop(): Promise<void> };

export function startBackgroundJobs(database: Database, config: Config, log: pino.Logger): BackgroundJobs {
  const running = [
    startWebhookWorker({ db: database.db, log, pollMs: config.workerPollMs, allowPrivateAddresses: config.webhookAllowPrivate }),
    startInquiryDeadlineJob({ db: database.db, log }),
    // Daily: every app process looks once an hour; per warehouse and day one runs it.
    startReplenishmentJob({ db: database.db, log }),
    // Daily: the payouts due by each payee's terms, each paid once a day.
    startPayoutJob({ db: database.db, log }),
  ];
  return {
    // Each waits for its running pass, so the database may close after.
    async stop() {
      await Promise.all(running.map((j) => j.stop()));
    },
  };
}
