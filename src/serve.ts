import cluster from 'node:cluster';
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './platform/config.ts';
import { loggerOptions } from './platform/log.ts';
import { describeDatabase, openConfiguredDatabase } from './platform/open.ts';
import { startWebhookWorker } from './modules/webhooks/index.ts';
import { seedIfEmpty } from './seed/seed.ts';

// `anpei serve`: open (and migrate) the database, seed the demo world on first start, serve the API
// and the console, run the outbox worker in the same process, and stop cleanly on SIGTERM. With
// ANPEI_WORKERS > 1 (PostgreSQL only) the first process migrates and seeds, then starts that many
// app processes sharing the port; everything they share lives in the database (sessions, rate
// limits of sign-in, idempotency keys, the outbox, taken with SKIP LOCKED), so they need no more.
export async function serve(config: Config): Promise<void> {
  const log = pino(loggerOptions(config.logLevel));
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config, log);
  log.info({ database: describeDatabase(config) }, 'opening database');
  const database = await openConfiguredDatabase(config);
  const seeded = cluster.isWorker ? { skipped: true, orgs: 0, users: 0 } : await seedIfEmpty(database);
  if (!seeded.skipped) log.info({ orgs: seeded.orgs, users: seeded.users }, 'seeded demo data (password anpei-demo)');

  const app = await buildApp({ database, config, logger: loggerOptions(config.logLevel) });
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

// The primary of a cluster: prepares the database once, forks the app processes, and stops them on
// SIGTERM. A process that dies on its own takes the whole server down with an error, for the
// service manager to restart: half a server silently serving is worse.
async function superviseWorkers(config: Config, log: pino.Logger): Promise<void> {
  if (!config.databaseUrl) throw new Error('ANPEI_WORKERS > 1 needs DATABASE_URL: PGlite serves one process');
  const database = await openConfiguredDatabase(config);
  const seeded = await seedIfEmpty(database);
  if (!seeded.skipped) log.info({ orgs: seeded.orgs, users: seeded.users }, 'seeded demo data (password anpei-demo)');
  await database.close();
  let stopping = false;
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    log.error({ pid: worker.process.pid, code }, 'an app process stopped unexpectedly; stopping the server');
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exitCode = 1;
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: config.workers }, 'shutting down the app processes');
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  log.info(`anpei is serving http://${config.host}:${config.port} with ${config.workers} app processes`);
}
