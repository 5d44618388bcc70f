import { count, eq } from 'drizzle-orm';
import type { Database, Db } from '../platform/db.ts';
import { appUser, hashPassword, org, usccCheckCharacter } from '../modules/identity/index.ts';
import { listRegions } from '../modules/regions/index.ts';
import type { OrgKind, Role } from '../platform/access.ts';
import { findDemoSupplierIds, seedDemoCatalog, seedLargeCatalog } from './catalog/index.ts';
import { DEMO_PASSWORD, demoOrgs } from './demo-data.ts';
import { seedDemoStock } from './stock/demo-stock.ts';
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
};
export type SeedReport = {
  orgs: number;
  users: number;
  catalog: { vehicleModels: number; parts: number; offers: number };
  skipped: boolean;
};

const BATCH_ROWS = 500;
// The `large` scale adds this many generated repair shops (3 users each) across all cities.
const LARGE_SHOPS = 2000;

// 统一社会信用代码 = authority + category (2) + region (6) + organisation code (9) + check (1).
function uscc(prefix: '91' | '92', orgCode: string, regionCode: string): string {
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
      users.push({ id: seededId(seed, ordinal++, `user:${role}@${key}`), orgId, email: `${role}@${key}.large.demo`, name: `${key} ${role}`, roles: [role], passwordHash, status: 'active', createdAt: now });
    }
  }
  return { orgs, users };
}

// Loads the demo world: organisations and users, then the demo catalog; at `large`, thousands more
// shops and the generated catalog of a million parts. Deterministic for a given seed, and safe to
// run twice: rows are inserted by fixed id and existing ones are left alone.
export async function runSeed(database: Database, opts: SeedOptions): Promise<SeedReport> {
  const { db } = database;
  const identity = await seedIdentity(db, opts);
  if (opts.withoutCatalog) return { ...identity, catalog: { vehicleModels: 0, parts: 0, offers: 0 }, skipped: false };
  // Each stage reports its own progress; the bar restarts for each.
  const supplierOrgIds = await findDemoSupplierIds(db);
  const demo = await seedDemoCatalog(db, { seed: opts.seed, supplierOrgIds, onProgress: opts.onProgress });
  await seedDemoStock(db, { seed: opts.seed, onProgress: opts.onProgress });
  const catalog = { vehicleModels: demo.vehicleModels, parts: demo.parts, offers: demo.offers };
  if (opts.scale === 'large') {
    const large = await seedLargeCatalog(database, { seed: opts.seed, supplierOrgIds: Object.values(supplierOrgIds), onProgress: opts.onProgress });
    catalog.vehicleModels += large.vehicleModels;
    catalog.parts += large.parts;
    catalog.offers += large.offers;
  }
  return { ...identity, catalog, skipped: false };
}

async function seedIdentity(db: Db, opts: SeedOptions): Promise<{ orgs: number; users: number }> {
  const now = new Date(Date.UTC(2026, 0, 1));
  // Every seeded user has the same demo password, so it is hashed once: argon2 is deliberately
  // slow, and thousands of hashes of one known password protect nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demo = demoRows(opts.seed, passwordHash, now);
  const large = opts.scale === 'large' ? largeRows(opts.seed, passwordHash, now, demo.orgs.length + demo.users.length) : { orgs: [], users: [] };
  const orgs = [...demo.orgs, ...large.orgs];
  const users = [...demo.users, ...large.users];
  const total = orgs.length + users.length;
  let done = 0;
  opts.onProgress?.(done, total);
  const advance = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  for (let i = 0; i < orgs.length; i += BATCH_ROWS) {
    const batch = orgs.slice(i, i + BATCH_ROWS);
    await db.insert(org).values(batch).onConflictDoNothing();
    advance(batch.length);
  }
  for (let i = 0; i < users.length; i += BATCH_ROWS) {
    const batch = users.slice(i, i + BATCH_ROWS);
    await db.insert(appUser).values(batch).onConflictDoNothing();
    advance(batch.length);
  }
  return { orgs: orgs.length, users: users.length };
}

// On first start the database is empty; later starts reuse what is there.
export async function seedIfEmpty(database: Database, seed = 1): Promise<SeedReport> {
  const [row] = await database.db.select({ n: count() }).from(org).where(eq(org.kind, 'platform'));
  if ((row?.n ?? 0) > 0) return { orgs: 0, users: 0, catalog: { vehicleModels: 0, parts: 0, offers: 0 }, skipped: true };
  return runSeed(database, { scale: 'demo', seed });
}
