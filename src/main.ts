import { Command, Option } from 'commander';
import { explainError } from './cli/errors.ts';
import { progressBar } from './cli/progress.ts';
import { cliCtx } from './cli/system-ctx.ts';
import './platform/zod-setup.ts';
import { loadConfig } from './platform/config.ts';
import { describeDatabase, openConfiguredDatabase } from './platform/open.ts';
import { CreateOrgInput, createOrg } from './modules/identity/create-org.ts';
import { CreateUserInput, createUser } from './modules/identity/create-user.ts';
import { ListOrgsQuery, listOrgs } from './modules/identity/list-orgs.ts';
import { registerImportCommand } from './modules/catalog/import/cli.ts';
import { registerStockCommand } from './modules/inventory/stock/cli.ts';
import { registerTraceCommand } from './modules/trace/index.ts';
import { serve } from './serve.ts';
import { runSeed } from './seed/seed.ts';
import type { Database } from './platform/db.ts';

const locale = process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN';

// Opens the configured database, runs the work, closes it; errors that are the operator's to fix
// are printed plainly with exit code 1.
async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await work(database);
  } catch (error) {
    const explained = explainError(error, locale);
    if (!explained) throw error;
    process.stderr.write(`${explained}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

const program = new Command()
  .name('anpei')
  .description('安配 anpei — insurer-driven B2b platform for accident-vehicle parts.\nDatabase: DATABASE_URL=postgres://… or the embedded PGlite under ANPEI_DATA_DIR (default ./data).')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the API and console (PORT, default 3000); migrates, and seeds demo data on first start')
  .action(async () => serve(loadConfig()));

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
    withDatabase(async (database) => {
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
users
  .command('create')
  .description('create a user in an organisation')
  .requiredOption('--org <id>', 'organisation id')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--password <password>', 'at least 10 characters')
  .requiredOption('--roles <roles>', 'comma-separated, e.g. adjuster,price_checker')
  .action((opts: { org: string; email: string; name: string; password: string; roles: string }) =>
    withDatabase(async ({ db }) => {
      const input = CreateUserInput.parse({ orgId: opts.org, email: opts.email, name: opts.name, password: opts.password, roles: opts.roles.split(',').map((r) => r.trim()).filter(Boolean) });
      const ctx = await cliCtx(db);
      const created = await db.transaction((tx) => createUser(tx, ctx, input));
      process.stdout.write(`${JSON.stringify(created)}\n`);
    }),
  );

registerImportCommand(program);
registerStockCommand(program);
registerTraceCommand(program);

await program.parseAsync(process.argv);
