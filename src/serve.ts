import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './platform/config.ts';
import { describeDatabase, openConfiguredDatabase } from './platform/open.ts';
import { startWebhookWorker } from './modules/webhooks/index.ts';
import { seedIfEmpty } from './seed/seed.ts';

// `anpei serve`: open (and migrate) the database, seed the demo world on first start, serve the API
// and the console, run the outbox worker in the same process, and stop cleanly on SIGTERM.
export async function serve(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  log.info({ database: describeDatabase(config) }, 'opening database');
  const database = await openConfiguredDatabase(config);
  const seeded = await seedIfEmpty(database);
  if (!seeded.skipped) log.info({ orgs: seeded.orgs, users: seeded.users }, 'seeded demo data (password anpei-demo)');

  const app = await buildApp({ database, config, logger: { level: config.logLevel } });
  const worker = startWebhookWorker({ db: database.db, log, pollMs: config.workerPollMs, allowPrivateAddresses: config.webhookAllowPrivate });
  await app.listen({ port: config.port, host: config.host });
  log.info(`anpei is serving http://${config.host}:${config.port}  (API docs: /api/docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stop taking requests and let running ones finish, then the worker, then the database.
    await app.close();
    await worker.stop();
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
