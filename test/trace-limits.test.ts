import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { traceUnit } from '../src/modules/inventory/index.ts';
import { insertTraceUnits } from '../src/modules/inventory/receipts/issue-trace-codes.ts';
import { newTraceCode } from '../src/modules/inventory/trace-code.ts';
import { TRACE_LOOKUPS_PER_WINDOW } from '../src/modules/trace/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, queryRows, type Database, type DatabaseKind } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { hitRateLimits, type RateLimit } from '../src/platform/rate-limit.ts';
import { rateLimitWindow } from '../src/platform/tables.ts';
import { databaseKinds } from './support/app.ts';
import { cloneDatabase, dropDatabase } from './support/databases.ts';

// Limits counted in the database hold across app processes, and trace codes are unique by the
// database with a clash drawn again. Two app instances share one database the way two processes
// do: on PGlite the same Database object, on PostgreSQL one pool each.
type Shared = { databases: Database[]; close(): Promise<void> };

async function sharedDatabase(kind: DatabaseKind): Promise<Shared> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', loadDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]) });
    return { databases: [database, database], close: () => database.close() };
  }
  const url = await cloneDatabase(inject('testDatabaseUrl'));
  const databases = [await openDatabase({ kind: 'pg', url }), await openDatabase({ kind: 'pg', url })];
  return {
    databases,
    async close() {
      for (const d of databases) await d.close();
      await dropDatabase(url);
    },
  };
}

const at = (iso: string) => new Date(iso);

for (const kind of databaseKinds()) {
  describe(`limits and codes across app instances on ${kind}`, () => {
    let shared: Shared;
    const apps: FastifyInstance[] = [];
    let db: Database['db'];

    beforeAll(async () => {
      shared = await sharedDatabase(kind);
      db = shared.databases[0]!.db;
      const config = loadConfig({ LOG_LEVEL: 'silent' });
      for (const database of shared.databases) {
        const app = await buildApp({ database, config, logger: false });
        await app.ready();
        apps.push(app);
      }
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await shared?.close();
    });

    it('stops one client at the limit however its lookups are spread over two app instances', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < TRACE_LOOKUPS_PER_WINDOW + 4; i++) {
        const res = await apps[i % 2]!.inject({ method: 'GET', url: '/api/v1/trace/NO-SUCH-CODE-1', remoteAddress: '198.51.100.23' });
        statuses.push(res.statusCode);
      }
      // Each instance saw only half of them: counted apart, neither would have said 429.
      expect(statuses.slice(0, TRACE_LOOKUPS_PER_WINDOW)).toEqual(Array(TRACE_LOOKUPS_PER_WINDOW).fill(404));
      expect(statuses.slice(TRACE_LOOKUPS_PER_WINDOW)).toEqual([429, 429, 429, 429]);
      // Another client, on either instance, is not held back.
      expect((await apps[1]!.inject({ method: 'GET', url: '/api/v1/trace/NO-SUCH-CODE-1', remoteAddress: '198.51.100.24' })).statusCode).toBe(404);
    });

    it('counts every address of an IPv6 /64 as one client', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= TRACE_LOOKUPS_PER_WINDOW; i++) {
        const res = await apps[i % 2]!.inject({ method: 'GET', url: '/api/v1/trace/NO-SUCH-CODE-1', remoteAddress: `2001:db8:7:7::${(i + 1).toString(16)}` });
        statuses.push(res.statusCode);
      }
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    });

    const limits = (client: string): RateLimit[] => [
      { key: `test:ip:${client}`, max: 3, windowS: 60 },
      { key: 'test:all', max: 5, windowS: 60 },
    ];

    it('counts a global limit over all clients, and a request refused for its client does not use it up', async () => {
      const now = at('2026-05-01T10:00:10Z');
      const verdicts = [];
      // a: three allowed, the fourth refused by its own limit; b: two allowed (the global count is
      // now 5); c: refused by the global limit, told to retry when its minute ends.
      for (const client of ['a', 'a', 'a', 'a', 'b', 'b', 'c']) verdicts.push(await hitRateLimits(db, limits(client), now));
      expect(verdicts).toEqual([
        { ok: true },
        { ok: true },
        { ok: true },
        { ok: false, key: 'test:ip:a', retryAfterS: 60 },
        { ok: true },
        { ok: true },
        { ok: false, key: 'test:all', retryAfterS: 60 },
      ]);
      expect(await hitRateLimits(db, limits('c'), at('2026-05-01T10:00:40Z'))).toEqual({ ok: false, key: 'test:all', retryAfterS: 30 });
      // When the window has ended, the next one starts afresh.
      expect(await hitRateLimits(db, limits('c'), at('2026-05-01T10:01:10Z'))).toEqual({ ok: true });
      expect(await hitRateLimits(db, limits('a'), at('2026-05-01T10:01:10Z'))).toEqual({ ok: true });
    });

    it('lets exactly the limit through when requests for one key race, from both instances', async () => {
      const now = at('2026-05-01T11:00:00Z');
      const race = Array.from({ length: 24 }, (_, i) => hitRateLimits(shared.databases[i % 2]!.db, [{ key: 'test:race', max: 7, windowS: 60 }], now));
      const verdicts = await Promise.all(race);
      expect(verdicts.filter((v) => v.ok)).toHaveLength(7);
      const [row] = await db.select().from(rateLimitWindow).where(eq(rateLimitWindow.key, 'test:race'));
      expect(row?.count).toBe(24);
    });

    it('deletes ended windows as it counts, two for each request, so that rows cannot pile up', async () => {
      const T = '2026-05-02T08:05:00Z';
      const ended = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from rate_limit_window where window_end <= ${T}::timestamptz`))[0]!.n;
      for (const client of ['p', 'q', 'r', 's']) await hitRateLimits(db, limits(client), at('2026-05-02T08:00:00Z'));
      const before = await ended();
      expect(before).toBeGreaterThanOrEqual(4);
      await hitRateLimits(db, [{ key: 'test:other', max: 1, windowS: 60 }], at(T));
      expect(await ended()).toBe(before - 2);
      // Refused or not, every count prunes.
      for (let i = 0; i < before; i++) await hitRateLimits(db, [{ key: 'test:other', max: 1, windowS: 60 }], at(T));
      expect(await ended()).toBe(0);
      expect(await db.select().from(rateLimitWindow).where(eq(rateLimitWindow.key, 'test:other'))).toEqual([expect.objectContaining({ count: before + 1 })]);
    });

    it('draws a trace code again when the one drawn is taken, instead of failing', async () => {
      const unit = () => ({ productId: newId(), lotId: newId(), locationId: newId(), status: 'in_stock' as const, receiptId: newId(), updatedAt: new Date() });
      const taken = newTraceCode();
      await db.insert(traceUnit).values({ ...unit(), code: taken });
      // The generator first repeats the code in use, then repeats itself, then behaves.
      const fresh = [newTraceCode(), newTraceCode(), newTraceCode()];
      const draws = [taken, fresh[0]!, fresh[0]!, fresh[1]!, fresh[2]!];
      const codes = await db.transaction((tx) => insertTraceUnits(tx, [unit(), unit(), unit()], () => draws.shift() ?? newTraceCode()));
      expect(codes).toHaveLength(3);
      expect(codes).not.toContain(taken);
      expect(new Set(codes).size).toBe(3);
      expect(codes.sort()).toEqual([...fresh].sort());
      const stored = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from trace_unit where code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})`,
      );
      expect(stored[0]!.n).toBe(3);
    });
  });
}
