import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit.ts';
import { queryRows, type Database, type Executor, type Tx } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { auditEvent } from '../platform/tables.ts';
import { appUser, hashPassword, org, usccCheckCharacter } from '../modules/identity/index.ts';
import { listRegions } from '../modules/regions/index.ts';
import type { OrgKind, Role } from '../platform/access.ts';
import { findDemoSupplierIds, seedDemoCatalog, seedLargeCatalog } from './catalog/index.ts';
import { DEMO_PASSWORD, demoOrgs } from './demo-data.ts';
import { seedDemoStock } from './stock/demo-stock.ts';
import { seedLargeStock } from './stock/large-stock.ts';
import { pick, rng, seededId } from './rng.ts';

export type SeedScale = 'demo' | 'large';
export type SeedOptions = {
  scale: SeedScale;
  seed: number;
  // Leave the catalog out (the test template: catalog tests bring their own small fixture, so
  // their assertions do not drift with the demo data). Default: included.
  withoutCatalog?: boolean;
  // Called as work advances, for the CLI's progress bar.
  onProgress?: (done: number, total: number) => void;
  // Called as each stage begins, for the server's log.
  onStage?: (stage: SeedStage) => void;
};
export type SeedStage = 'identity' | 'catalog' | 'stock' | 'large shops' | 'large catalog' | 'large stock';
export type SeedReport = {
  orgs: number;
  users: number;
  catalog: { vehicleModels: number; parts: number; offers: number };
  stock: { warehouses: number; receipts: number; units: number };
  skipped: boolean;
  // The demo world was there in part (a seed cut short by an older version) and was completed.
  resumed?: boolean;
};

const BATCH_ROWS = 500;
// The `large` scale adds this many generated repair shops (3 users each) across all cities.
const LARGE_SHOPS = 2000;

// 统一社会信用代码 = authority + category (2) + region (6) + organisation code (9) + check (1).
export function uscc(prefix: '91' | '92', orgCode: string, regionCode: string): string {
  const first17 = `${prefix}${regionCode}${orgCode}`;
  return first17 + usccCheckCharacter(first17);
}

type OrgRow = typeof org.$inferInsert;
type UserRow = typeof appUser.$inferInsert;

function demoRows(seed: number, passwordHash: string, now: Date): { orgs: OrgRow[]; users: UserRow[] } {
  const orgs: OrgRow[] = [];
  const users: UserRow[] = [];
  let ordinal = 0;
  for (const o of demoOrgs) {
    const orgId = seededId(seed, ordinal++, `org:${o.key}`);
    orgs.push({ id: orgId, kind: o.kind, name: o.name, uscc: uscc('91', o.usccBody, o.regionCode), regionCode: o.regionCode, status: 'active', createdAt: now, updatedAt: now });
    for (const u of o.users) {
      users.push({ id: seededId(seed, ordinal++, `user:${u.email}`), orgId, email: u.email, name: u.name, roles: u.roles, passwordHash, status: 'active', createdAt: now });
    }
  }
  return { orgs, users };
}

const SHOP_WORDS = ['安达', '顺捷', '骏驰', '诚信', '京安', '恒通', '宏运', '鑫达', '永盛', '华通', '联合', '众诚'];

// Generated repair shops for load and pagination work: one per (random) prefecture-level city.
function largeRows(seed: number, passwordHash: string, now: Date, firstOrdinal: number): { orgs: OrgRow[]; users: UserRow[] } {
  const random = rng(seed);
  const cities = listRegions({ level: 2 });
  const orgs: OrgRow[] = [];
  const users: UserRow[] = [];
  let ordinal = firstOrdinal;
  for (let i = 0; i < LARGE_SHOPS; i++) {
    const city = pick(random, cities);
    const key = `shop${String(i).padStart(5, '0')}`;
    const orgId = seededId(seed, ordinal++, `org:${key}`);
    const orgCode = `F${String(i).padStart(8, '0')}`;
    orgs.push({
      id: orgId,
      kind: 'repair_shop' satisfies OrgKind,
      name: `${city.name}${pick(random, SHOP_WORDS)}汽车维修${i}号店`,
      uscc: uscc('92', orgCode, city.code),
      regionCode: city.code,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    for (const role of ['admin', 'buyer', 'receiver'] satisfies Role[]) {
      users.push({
        id: seededId(seed, ordinal++, `user:${role}@${key}`),
        orgId,
        email: `${role}@${key}.large.demo`,
        name: `${key} ${role}`,
        roles: [role],
        passwordHash,
        status: 'active',
        createdAt: now,
      });
    }
  }
  return { orgs, users };
}

// Loads the demo world: organisations and users, the demo catalog and the demo warehouses' stock,
// all in one transaction, which ends by recording that the world is complete (demoWorldState). A
// process killed half-way leaves nothing behind, so the next start seeds again from scratch. At
// `large`, thousands more shops and the generated catalog of a million parts follow, each in a
// transaction of its own and skipped when already there: an interrupted `seed --scale large`
// is resumed by running it again. Deterministic for a given seed, and safe to run twice: rows are
// inserted by fixed id and existing ones are left alone.
export async function runSeed(database: Database, opts: SeedOptions): Promise<SeedReport> {
  const passwordHash = await demoPasswordHash();
  const report = await database.db.transaction(async (tx) => {
    await lockFirstStart(tx);
    return seedDemoWorld(tx, opts, passwordHash);
  });
  if (opts.scale !== 'large' || opts.withoutCatalog) return report;
  opts.onStage?.('large shops');
  // The shops' seeded ids continue the demo rows' ordinals.
  const demo = demoRows(opts.seed, passwordHash, SEEDED_AT);
  const shops = largeRows(opts.seed, passwordHash, SEEDED_AT, demo.orgs.length + demo.users.length);
  const large = await database.db.transaction((tx) => insertIdentity(tx, shops, opts.onProgress));
  opts.onStage?.('large catalog');
  const supplierOrgIds = await findDemoSupplierIds(database.db);
  const catalog = await seedLargeCatalog(database, { seed: opts.seed, supplierOrgIds: Object.values(supplierOrgIds), onProgress: opts.onProgress });
  // The platform's warehouses hold a share of the generated catalog (large-stock.ts).
  opts.onStage?.('large stock');
  const stock = await seedLargeStock(database, { onProgress: opts.onProgress });
  return {
    ...report,
    orgs: report.orgs + large.orgs,
    users: report.users + large.users,
    catalog: {
      vehicleModels: report.catalog.vehicleModels + catalog.vehicleModels,
      parts: report.catalog.parts + catalog.parts,
      offers: report.catalog.offers + catalog.offers,
    },
    stock: { ...report.stock, receipts: report.stock.receipts + stock.receipts, units: report.stock.units + stock.units },
  };
}

// The first start, in demo mode: seeds the demo world into an empty database, completes one that
// an older version (which committed stage by stage) left half-seeded, and leaves a complete demo
// world, or a database that is not the demo's, alone. The check and the seed share one
// transaction under the first-start lock, so two processes starting at once seed once.
export async function seedIfEmpty(database: Database, opts: { seed?: number; onStage?: SeedOptions['onStage'] } = {}): Promise<SeedReport> {
  const seed = opts.seed ?? 1;
  // Every later start finds the world complete: it is told so by one read, without the argon2 hash
  // (slow on purpose) the seed needs. The state is read again under the lock, which decides.
  const seen = await demoWorldState(database.db);
  if (seen === 'complete' || seen === 'not_demo') return { ...EMPTY_REPORT, skipped: true };
  const passwordHash = await demoPasswordHash();
  return database.db.transaction(async (tx) => {
    await lockFirstStart(tx);
    const state = await demoWorldState(tx);
    if (state === 'complete' || state === 'not_demo') return { ...EMPTY_REPORT, skipped: true };
    const report = await seedDemoWorld(tx, { scale: 'demo', seed, onStage: opts.onStage }, passwordHash);
    return { ...report, resumed: state === 'incomplete' };
  });
}

// Serialises whatever creates the first organisations of a database (the demo seed, the first
// platform admin of `users create --admin`) across processes; held until the transaction ends.
export async function lockFirstStart(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('anpei:first-start', 0))`);
}

export type DemoWorldState = 'empty' | 'complete' | 'incomplete' | 'not_demo';

// What the database holds: nothing yet (no platform organisation), the demo world complete (its
// seed's closing audit record is there; it commits with the world), the demo platform without
// that record (a seed cut short before seeding was one transaction), or a platform of its own.
export async function demoWorldState(exec: Executor): Promise<DemoWorldState> {
  const platforms = await exec.select({ id: org.id, uscc: org.uscc }).from(org).where(eq(org.kind, 'platform')).limit(10);
  if (platforms.length === 0) return 'empty';
  const platform = platforms.find((p) => p.uscc === demoPlatformUscc());
  if (!platform) return 'not_demo';
  const [done] = await exec
    .select({ id: auditEvent.id })
    .from(auditEvent)
    .where(and(eq(auditEvent.objectId, platform.id), eq(auditEvent.objectType, DEMO_WORLD_RECORD.objectType), eq(auditEvent.action, DEMO_WORLD_RECORD.action)))
    .limit(1);
  return done ? 'complete' : 'incomplete';
}

// Signs of the demo world in a database, for production mode to refuse: the demo organisations'
// (fictional) credit codes, and users under `.demo`, a top-level domain that does not exist, so
// that only the seed makes such addresses.
export async function demoWorldTraces(exec: Executor): Promise<{ orgs: number; users: number }> {
  const usccs = demoOrgs.map((o) => uscc('91', o.usccBody, o.regionCode));
  const [row] = await queryRows<{ orgs: number; users: number }>(
    exec,
    sql`select
      (select count(*) from ${org} where ${org.uscc} in (${sql.join(
        usccs.map((u) => sql`${u}`),
        sql`, `,
      )}))::int as orgs,
      (select count(*) from ${appUser} where ${appUser.email} like '%.demo')::int as users`,
  );
  return { orgs: row?.orgs ?? 0, users: row?.users ?? 0 };
}

const SEEDED_AT = new Date(Date.UTC(2026, 0, 1));
const EMPTY_REPORT: SeedReport = { orgs: 0, users: 0, catalog: { vehicleModels: 0, parts: 0, offers: 0 }, stock: { warehouses: 0, receipts: 0, units: 0 }, skipped: false };
const DEMO_WORLD_RECORD = { objectType: 'demo_world', action: 'seeded' } as const;

function demoPlatformUscc(): string {
  const platform = demoOrgs.find((o) => o.kind === 'platform')!;
  return uscc('91', platform.usccBody, platform.regionCode);
}

// Every seeded user has the same demo password, so it is hashed once: argon2 is deliberately
// slow, and thousands of hashes of one known password protect nothing. (The demo password is
// below the password policy on purpose: it is the demo's, and only the seed sets it.)
function demoPasswordHash(): Promise<string> {
  return hashPassword(DEMO_PASSWORD);
}

async function seedDemoWorld(tx: Tx, opts: SeedOptions, passwordHash: string): Promise<SeedReport> {
  opts.onStage?.('identity');
  const identity = await insertIdentity(tx, demoRows(opts.seed, passwordHash, SEEDED_AT), opts.onProgress);
  let report: SeedReport = { ...EMPTY_REPORT, ...identity };
  if (!opts.withoutCatalog) {
    // Each stage reports its own progress; the bar restarts for each.
    opts.onStage?.('catalog');
    const supplierOrgIds = await findDemoSupplierIds(tx);
    const demo = await seedDemoCatalog(tx, { seed: opts.seed, supplierOrgIds, onProgress: opts.onProgress });
    opts.onStage?.('stock');
    const stock = await seedDemoStock(tx, { seed: opts.seed, onProgress: opts.onProgress });
    report = {
      ...report,
      catalog: { vehicleModels: demo.vehicleModels, parts: demo.parts, offers: demo.offers },
      stock: { warehouses: stock.warehouses, receipts: stock.receipts, units: stock.units },
    };
  }
  // The closing record: its presence is what says the demo world is complete (demoWorldState).
  // A second run over a complete world adds none.
  if ((await demoWorldState(tx)) === 'complete') return report;
  const [platform] = await tx.select({ id: org.id }).from(org).where(eq(org.uscc, demoPlatformUscc()));
  if (!platform) throw new Error('demo seed: the demo platform organisation is missing after seeding it');
  await recordAudit(
    tx,
    { actor: null, requestId: `seed-${newId()}`, now: new Date() },
    {
      orgId: platform.id,
      objectType: DEMO_WORLD_RECORD.objectType,
      objectId: platform.id,
      action: DEMO_WORLD_RECORD.action,
      data: { seed: opts.seed, catalog: !opts.withoutCatalog },
    },
  );
  return report;
}

async function insertIdentity(tx: Tx, rows: { orgs: OrgRow[]; users: UserRow[] }, onProgress: SeedOptions['onProgress']): Promise<{ orgs: number; users: number }> {
  const total = rows.orgs.length + rows.users.length;
  let done = 0;
  onProgress?.(done, total);
  for (const [table, list] of [
    [org, rows.orgs],
    [appUser, rows.users],
  ] as const) {
    for (let i = 0; i < list.length; i += BATCH_ROWS) {
      const batch = list.slice(i, i + BATCH_ROWS);
      // Each list's rows match its table; the union of tables defeats drizzle's inference.
      await tx
        .insert(table)
        .values(batch as never[])
        .onConflictDoNothing();
      done += batch.length;
      onProgress?.(done, total);
    }
  }
  return { orgs: rows.orgs.length, users: rows.users.length };
}
