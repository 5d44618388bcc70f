import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import type { Tx } from '../platform/db.ts';
import { CreateOrgInput, createOrg } from '../modules/identity/create-org.ts';
import { CreateUserInput, createUser } from '../modules/identity/create-user.ts';
import type { OrgDto } from '../modules/identity/dto.ts';
import { org } from '../modules/identity/index.ts';
import { generatePassword } from '../modules/identity/passwords.ts';
import { lockFirstStart } from '../seed/seed.ts';
import { cliCtx } from './system-ctx.ts';
import { UsageError, withDatabase } from './with-database.ts';

type Options = {
  email: string;
  name: string;
  password?: string;
  org?: string;
  roles?: string;
  admin?: boolean;
  orgName?: string;
  orgUscc?: string;
  orgRegion?: string;
};

const PLATFORM_OPTIONS = { orgName: '--org-name', orgUscc: '--org-uscc', orgRegion: '--org-region' } as const;

// `anpei users create`: a user in an organisation, or with --admin an administrator of the
// platform. On an empty database (no platform organisation: a production start seeds none) --admin
// creates the platform organisation too, which is how a production database gets its first
// administrator. Without --password a strong password is generated and printed once.
export function registerUsersCreateCommand(users: Command): void {
  users
    .command('create')
    .description('create a user; with --admin a platform administrator (on an empty database, with the platform organisation)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'at least 10 characters, not a common password, not the email; omitted: a random one, printed once')
    .option('--org <id>', 'organisation id (not with --admin)')
    .option('--roles <roles>', 'comma-separated, e.g. adjuster,price_checker (with --admin: roles besides admin)')
    .option('--admin', 'an administrator of the platform organisation')
    .option('--org-name <name>', 'with --admin on an empty database: the platform organisation’s registered name')
    .option('--org-uscc <code>', 'with --admin on an empty database: its 统一社会信用代码 (18 characters)')
    .option('--org-region <code>', 'with --admin on an empty database: its GB/T 2260 region code, e.g. 110105')
    .action((opts: Options) =>
      withDatabase(async ({ db }) => {
        checkCombination(opts);
        const generated = opts.password === undefined;
        const password = opts.password ?? generatePassword();
        const roles = (opts.roles ?? '')
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        // Checked before anything is written, with the reasons the API would give.
        const input = parseOptions(CreateUserInput, { orgId: opts.org, email: opts.email, name: opts.name, password, roles: opts.admin ? ['admin', ...roles] : roles }, { orgId: 'org' });
        const created = await db.transaction(async (tx) => {
          // The same lock as the demo seed's: a first start seeding at this moment waits, or sees
          // this platform and seeds nothing.
          await lockFirstStart(tx);
          const platform = opts.admin ? await ensurePlatform(tx, opts) : await requirePlatform(tx);
          const user = await createUser(tx, await cliCtx(tx), input);
          return { platform, user };
        });
        if (created.platform.created) process.stdout.write(`${JSON.stringify(created.platform.org)}\n`);
        process.stdout.write(`${JSON.stringify(created.user)}\n`);
        if (generated) process.stdout.write(`password: ${password}  (generated; shown only this once: store it now)\n`);
      }),
    );
}

function checkCombination(opts: Options): void {
  const platformOptions = Object.entries(PLATFORM_OPTIONS)
    .filter(([key]) => opts[key as keyof typeof PLATFORM_OPTIONS] !== undefined)
    .map(([, flag]) => flag);
  if (opts.admin && opts.org !== undefined) throw new UsageError('--admin makes an administrator of the platform organisation: leave out --org.');
  if (!opts.admin && platformOptions.length > 0) throw new UsageError(`${platformOptions.join(', ')} go with --admin (they create the platform organisation on an empty database).`);
  const missing = [opts.org === undefined && '--org', opts.roles === undefined && '--roles'].filter(Boolean);
  if (!opts.admin && missing.length > 0) throw new UsageError(`Missing ${missing.join(' and ')}: a user belongs to an organisation and has roles (or give --admin for a platform administrator).`);
}

type Platform = { created: boolean; org: { id: string; name: string } | OrgDto };

async function findPlatform(tx: Tx): Promise<{ id: string; name: string } | undefined> {
  const [platform] = await tx.select({ id: org.id, name: org.name }).from(org).where(eq(org.kind, 'platform')).limit(1);
  return platform;
}

async function requirePlatform(tx: Tx): Promise<Platform> {
  const platform = await findPlatform(tx);
  if (!platform)
    throw new UsageError(
      'This database has no platform organisation yet: create it with its first administrator, `anpei users create --admin --email … --name … --org-name … --org-uscc … --org-region …`.',
    );
  return { created: false, org: platform };
}

// The platform organisation: the existing one, or on an empty database a new one from the
// --org-* options, all three required.
async function ensurePlatform(tx: Tx, opts: Options): Promise<Platform> {
  const platform = await findPlatform(tx);
  const given = Object.entries(PLATFORM_OPTIONS)
    .filter(([key]) => opts[key as keyof typeof PLATFORM_OPTIONS] !== undefined)
    .map(([, flag]) => flag);
  if (platform) {
    if (given.length > 0) throw new UsageError(`The platform organisation exists already (${platform.name}): leave out ${given.join(', ')}, which only create it on an empty database.`);
    return { created: false, org: platform };
  }
  const missing = Object.entries(PLATFORM_OPTIONS)
    .filter(([key]) => opts[key as keyof typeof PLATFORM_OPTIONS] === undefined)
    .map(([, flag]) => flag);
  if (missing.length > 0) {
    throw new UsageError(
      `This database has no platform organisation yet; the first administrator creates it. Give ${missing.join(', ')} (its registered name, 统一社会信用代码 and GB/T 2260 region code).`,
    );
  }
  const input = parseOptions(
    CreateOrgInput,
    { kind: 'platform', name: opts.orgName, uscc: opts.orgUscc, regionCode: opts.orgRegion },
    { name: 'org-name', uscc: 'org-uscc', regionCode: 'org-region' },
  );
  return { created: true, org: await createOrg(tx, bootstrapCtx(input.regionCode), input) };
}

// Before the platform organisation exists, nobody acts for it: the creation is made by the CLI as
// a platform admin of no organisation yet (the nil id in the audit row's acting organisation).
function bootstrapCtx(regionCode: string): Ctx {
  return {
    actor: { type: 'user', userId: null, apiKeyId: null, orgId: '00000000-0000-0000-0000-000000000000', orgKind: 'platform', orgRegionCode: regionCode, roles: ['admin'] },
    requestId: 'cli-first-admin',
    locale: 'zh-CN',
    now: new Date(),
  };
}

// Parses with the API's schema; field errors name the command's options (--org-uscc, not uscc).
function parseOptions<S extends z.ZodType>(schema: S, value: unknown, renames: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: issue.path.map((p) => (typeof p === 'string' ? (renames[p] ?? p) : p)) })));
}
