import cluster from 'node:cluster';
import pino from 'pino';
import { buildApp } from './app.ts';
import { buildConsoleIfStale } from './console-build.ts';
import { CONSOLE_DIR } from './console.ts';
import type { Config } from './platform/config.ts';
import { loggerOptions } from './platform/log.ts';
import { describeDatabase, openConfiguredDatabase } from './platform/open.ts';
import { startBackgroundJobs } from './jobs.ts';
import { hasPlatformAdmin, productionProblems } from './production-check.ts';
import { demoClaimsMissing, seedDemoClaims } from './seed/claims/demo-claims.ts';
import { seedDemoHistory } from './seed/history/demo-history.ts';
import { demoWorldState, seedIfEmpty } from './seed/seed.ts';
import type { Database } from './platform/db.ts';

// `anpei serve`: open (and migrate) the database, seed the demo world on first start (demo mode) or
// refuse weak settings (production mode), serve the API and the console, run the background jobs
// (jobs.ts) in the same process, and stop cleanly on SIGTERM. With ANPEI_WORKERS > 1 (PostgreSQL
// only) the first process migrates and seeds or checks, then starts that many app processes
// sharing the port; everything they share lives in the database (sessions, rate limits of sign-in,
// idempotency keys, the outbox and due inquiries, taken with SKIP LOCKED, the daily
// replenishment's lock and marker), so they need no more.
export async function serve(config: Config): Promise<void> {
  const log = pino(loggerOptions(config.logLevel));
  // Once per start, before any app process serves it.
  if (!cluster.isWorker) await buildConsoleIfStale(config, log);
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config, log);
  log.info({ database: describeDatabase(config), env: config.env }, 'opening database');
  const database = await openConfiguredDatabase(config);
  if (!cluster.isWorker && !(await prepareDatabase(database, config, log))) return;

  const app = await buildApp({ database, config, logger: loggerOptions(config.logLevel), consoleDir: CONSOLE_DIR });
  const jobs = startBackgroundJobs(database, config, log);
  // PORT=0 takes a free port: the line names the one taken.
  const address = await app.listen({ port: config.port, host: config.host });
  log.info(`anpei is serving ${address}  (API docs: /api/docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stop taking requests and let running ones finish, then the background jobs, then the database.
    await app.close();
    await jobs.stop();
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
  if (!(await prepareDatabase(database, config, log))) return;
  await database.close();
  let stopping = false;
  // The app processes sign cookies with one secret: the one made for this start when none is set.
  for (let i = 0; i < config.workers; i++) cluster.fork({ ANPEI_SECRET: config.secret });
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

// The demo's claims go through the API, as people file them, by an app of its own that does not
// serve: after the first seed, and again at a start after one cut short (a claim already filed is
// left alone). A story that fails leaves the demo world without some claims, not without a server.
async function fileDemoClaims(database: Database, config: Config, log: pino.Logger): Promise<void> {
  if ((await demoWorldState(database.db)) !== 'complete') return;
  // The months before this one first (src/seed/history), on the days they happened; once.
  try {
    const history = await seedDemoHistory(database, config);
    if (!history.skipped) log.info(history, 'told the demo’s settled history');
  } catch (e) {
    log.error({ err: e }, 'the demo’s history could not all be told');
  }
  if (!(await demoClaimsMissing(database.db))) return;
  const story = await buildApp({ database, config, logger: false });
  try {
    log.info(await seedDemoClaims(story, database.db), 'filed the demo claims');
  } catch (e) {
    log.error({ err: e }, 'the demo claims could not all be filed');
  } finally {
    await story.close();
  }
}

// Before serving, once per start. Demo mode: seed the demo world into an empty database (or
// complete one an older version left half-seeded). Production mode: seed nothing, and refuse to
// start, listing every problem on stderr with exit code 1, when a setting or the database is weak.
// Returns whether to go on.
async function prepareDatabase(database: Database, config: Config, log: pino.Logger): Promise<boolean> {
  if (config.env === 'demo') {
    // The seed's stage lines go out through a synchronous destination: on PGlite the seed's queries
    // run on this thread back to back, and the server log's asynchronous writes would wait for the
    // end of the seed, which is when a stage line is no longer news.
    const progress = pino(loggerOptions(config.logLevel), pino.destination({ dest: 1, sync: true }));
    const seeded = await seedIfEmpty(database, { onStage: (stage) => progress.info({ stage }, 'seeding the demo world') });
    if (!seeded.skipped) log.info({ orgs: seeded.orgs, users: seeded.users, resumed: seeded.resumed, ...seeded.catalog, ...seeded.stock }, 'seeded demo data (password anpei-demo)');
    await fileDemoClaims(database, config, log);
    return true;
  }
  const problems = await productionProblems(config, database.db);
  if (problems.length > 0) {
    process.stderr.write(`anpei refuses to start in production mode (ANPEI_ENV=production):\n${problems.map((p) => `  - ${p}\n`).join('')}`);
    await database.close();
    process.exitCode = 1;
    return false;
  }
  if (!(await hasPlatformAdmin(database.db))) {
    log.warn('no platform administrator yet: create the first with `npx anpei users create --admin --email … --name … --org-name … --org-uscc … --org-region …`');
  }
  return true;
}
