import { Command, Option } from 'commander';
import { progressBar } from './cli/progress.ts';
import { cliCtx } from './cli/system-ctx.ts';
import { registerUsersCreateCommand } from './cli/users-create.ts';
import { locale, UsageError, withDatabase } from './cli/with-database.ts';
import { explainError } from './cli/errors.ts';
import './platform/zod-setup.ts';
import { loadConfig } from './platform/config.ts';
import { describeDatabase } from './platform/open.ts';
import { CreateOrgInput, createOrg } from './modules/identity/create-org.ts';
import { ListOrgsQuery, listOrgs } from './modules/identity/list-orgs.ts';
import { registerImportCommand } from './modules/catalog/import/cli.ts';
import { registerStockCommand } from './modules/inventory/stock/cli.ts';
import { registerLedgerCommand } from './modules/ledger/index.ts';
import { registerPayoutsCommand } from './modules/settlement/index.ts';
import { expectedIncoming } from './modules/purchasing/index.ts';
import { registerReplenishCommand } from './cli/replenish.ts';
import { registerTraceCommand } from './modules/trace/index.ts';
import { serve } from './serve.ts';
import { runSeed } from './seed/seed.ts';

const program = new Command()
  .name('anpei')
  .description('安配 anpei — insurer-driven B2b platform for accident-vehicle parts.\nDatabase: DATABASE_URL=postgres://… or the embedded PGlite under ANPEI_DATA_DIR (default ./data).')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the API and console (PORT, default 3000); migrates, and seeds demo data on first start (unless in production mode)')
  .option('--no-demo', 'production mode, as ANPEI_ENV=production: no demo data, and weak settings refuse to start')
  .action(async (opts: { demo: boolean }) => serve(loadConfig(opts.demo ? process.env : { ...process.env, ANPEI_ENV: 'production' })));

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() =>
    withDatabase(async () => {
      process.stdout.write(`migrated: ${describeDatabase(loadConfig())}\n`);
    }),
  );

program
  .command('seed')
  .description('load demo data (deterministic for a given --seed; safe to run again)')
  .addOption(new Option('--scale <scale>', 'how much data').choices(['demo', 'large']).default('demo'))
  .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 1)
  .action((opts: { scale: 'demo' | 'large'; seed: number }) =>
    withDatabase(async (database, config) => {
      if (config.env === 'production') throw new UsageError('ANPEI_ENV=production: the demo data is not loaded into a production database.');
      if (!Number.isSafeInteger(opts.seed)) throw new Error('--seed must be an integer');
      const bar = progressBar(`seed ${opts.scale}`);
      const report = await runSeed(database, { scale: opts.scale, seed: opts.seed, onProgress: bar.update });
      bar.stop();
      process.stdout.write(`${JSON.stringify({ scale: opts.scale, seed: opts.seed, ...report })}\n`);
    }),
  );

const orgs = program.command('orgs').description('manage organisations');
orgs
  .command('create')
  .description('create an organisation')
  .requiredOption('--kind <kind>', 'platform | insurer | supplier | operator | repair_shop')
  .requiredOption('--name <name>', 'registered name')
  .requiredOption('--uscc <code>', '统一社会信用代码 (18 characters, check character verified)')
  .requiredOption('--region <code>', 'GB/T 2260 region code, e.g. 330100')
  .action((opts: { kind: string; name: string; uscc: string; region: string }) =>
    withDatabase(async ({ db }) => {
      const input = CreateOrgInput.parse({ kind: opts.kind, name: opts.name, uscc: opts.uscc, regionCode: opts.region });
      const ctx = await cliCtx(db);
      const created = await db.transaction((tx) => createOrg(tx, ctx, input));
      process.stdout.write(`${JSON.stringify(created)}\n`);
    }),
  );
orgs
  .command('list')
  .description('list organisations')
  .option('--kind <kind>', 'only this kind')
  .option('--q <text>', 'name contains, or exact credit code')
  .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
  .action((opts: { kind?: string; q?: string; limit: number }) =>
    withDatabase(async ({ db }) => {
      const query = ListOrgsQuery.parse({ kind: opts.kind, q: opts.q, limit: opts.limit });
      const page = await listOrgs(db, await cliCtx(db), query);
      for (const o of page.items) process.stdout.write(`${o.id}  ${o.kind.padEnd(11)}  ${o.uscc}  ${o.regionCode}  ${o.name}\n`);
    }),
  );

const users = program.command('users').description('manage users');
registerUsersCreateCommand(users);

registerImportCommand(program);
// Incoming is checked against the purchase orders: purchasing says what they expect.
registerStockCommand(program, { expectedIncoming });
registerReplenishCommand(program);
registerTraceCommand(program);
registerLedgerCommand(program);
registerPayoutsCommand(program);

// Whatever escapes a command (a failed start of `serve`, say) is described the way the log keeps
// errors, never by Node's own report, which prints every field of a failed query: its parameters,
// password hashes included.
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${explainError(error, locale) ?? String(error)}\n`);
  process.exitCode = 1;
}
