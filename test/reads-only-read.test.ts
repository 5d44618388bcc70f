import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inquiry } from '../src/modules/quoting/tables.ts';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { runPayouts } from '../src/modules/settlement/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { queryRows } from '../src/platform/db.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

// Reads only read (issue 12): every GET route of the API, as found in its own OpenAPI document (so
// a route added later is covered too), called with real ids of the demo world by each kind of user,
// an inquiry past its deadline among them (which reads once closed by writing), leaves the database
// as it was. "As it was" is PostgreSQL's own word for it: a transaction that writes is given a
// transaction id, one that only reads is not, so the next id to be given (the snapshot's xmax)
// stays put while nothing writes. The public trace lookups are left out: they count each lookup in
// the database on purpose, to limit them per client (rate-limit.ts).

type Page<T> = { items: T[] };
type Operation = { path: string; query: { name: string; required?: boolean }[] };

const LEFT_OUT = [/^\/api\/v1\/trace\//];

for (const kind of databaseKinds()) {
  describe(`GET requests write nothing on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const people = {
      admin: 'admin@anpei.demo',
      adjuster: 'adjuster@picc.demo',
      checker: 'checker@picc.demo',
      buyer: 'buyer@sh-anda.demo',
      operator: 'admin@hz-ops.demo',
      supplier: 'sales@yuetong.demo',
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn(people);
      // Money (issue 13): the shop signs for the delivered order, the platform gathers PICC's
      // statement and runs the payouts thirty days on, so the money routes have real ids too.
      await users.signIn({ receiver: 'receiver@sh-anda.demo' });
      const delivered = (await call('receiver', 'GET', '/api/v1/orders?lineStatus=delivered')).json<{ items: { id: string; payerOrgId: string; lines: { id: string }[] }[] }>().items[0]!;
      await call('receiver', 'POST', `/api/v1/orders/${delivered.id}/receipt`, { lines: delivered.lines.map((l) => ({ orderLineId: l.id, result: 'accepted' })) });
      const day = chinaDate(new Date());
      expect((await call('admin', 'POST', '/api/v1/statements', { payerOrgId: delivered.payerOrgId, from: day, to: day })).statusCode).toBe(201);
      await runPayouts(t.database.db, await cliCtx(t.database.db), addDays(day, 30));
    }, 300_000);
    afterAll(() => t?.close());

    const nextXid = async () => (await queryRows<{ x: string }>(t.database.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`))[0]!.x;

    it('answers every GET route with real ids, as every kind of user, and no answer writes', async () => {
      const first = async <T>(who: string, url: string) => (await call(who, 'GET', url)).json<Page<T>>().items?.[0];
      // An inquiry still open, put past its deadline: a read used to close it.
      const claim = (await first<{ id: string }>('adjuster', '/api/v1/claims?limit=1'))!;
      const filed = await call('adjuster', 'POST', `/api/v1/claims/${claim.id}/assessments`, {
        lines: [{ description: '左前雾灯支架（目录无此件）', quantity: 1, operation: 'replace', labourHours: 1 }],
      });
      const assessmentId = filed.json<{ id: string }>().id;
      await call('adjuster', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
      const overdue = (await first<{ id: string; status: string }>('adjuster', '/api/v1/inquiries?status=open&limit=1'))!;
      await t.database.db.update(inquiry).set({ deadlineAt: sql`now() - interval '1 minute'` }).where(eq(inquiry.id, overdue.id));

      const order = (await first<{ id: string; shipments: { id: string }[]; lines: { traceCodes: string[] }[] }>('buyer', '/api/v1/orders?limit=1'))!;
      const model = (await first<{ id: string; sampleVin: string }>('adjuster', '/api/v1/vehicle-models?limit=1'))!;
      const lot = (await first<{ lotNo: string }>('operator', '/api/v1/stock?limit=1'))!;
      // Ids by the collection a path names; the rest from that collection's first item.
      const ids: Record<string, string> = {
        claims: claim.id,
        assessments: assessmentId,
        inquiries: overdue.id,
        orders: order.id,
        shipments: order.shipments[0]!.id,
        'vehicle-models': model.id,
        vin: model.sampleVin,
        lots: lot.lotNo,
      };
      const quote = await call('adjuster', 'GET', `/api/v1/assessments/${ids.assessments}/quote`);
      ids.quotes = quote.json<{ id: string }>().id;
      const values: Record<string, string> = { vehicleModelId: model.id, regionCode: '310115', q: '大灯', lotNo: lot.lotNo };
      // The ledger's routes (issue 13) share one prefix, so their ids go by parameter name: PICC's
      // receivable (the demo's order is pending on it) and a supplier.
      ids.ledger = (await first<{ id: string }>('admin', '/api/v1/ledger/accounts?code=insurer_receivable'))!.id;
      values.accountId = ids.ledger;
      values.supplierOrgId = users.orgs.supplier!;
      values.orgId = users.orgs.supplier!;

      const doc = (await call('admin', 'GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>> }>();
      const operations: Operation[] = Object.entries(doc.paths)
        .filter(([path, ops]) => ops.get && !LEFT_OUT.some((re) => re.test(path)))
        .map(([path, ops]) => ({ path, query: (ops.get!.parameters ?? []).filter((p) => p.in === 'query') }));
      expect(operations.length).toBeGreaterThan(40);

      const urls: string[] = [];
      for (const op of operations) {
        const collection = op.path.split('/')[3]!;
        let url = op.path;
        for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
          // Listed by whoever may list it.
          for (const who of Object.keys(people)) {
            if (ids[collection]) break;
            const item = await first<{ id: string }>(who, `/api/v1/${collection}`);
            if (item) ids[collection] = item.id;
          }
          url = url.replace(`{${name}}`, encodeURIComponent(values[name!] ?? ids[collection] ?? 'unknown'));
        }
        const query = op.query.filter((p) => p.required || values[p.name]).map((p) => `${p.name}=${encodeURIComponent(values[p.name] ?? '1')}`);
        urls.push(query.length > 0 ? `${url}?${query.join('&')}` : url);
      }

      const writers: string[] = [];
      const answered = new Map<string, number>();
      for (const url of urls) {
        for (const who of Object.keys(people)) {
          const before = await nextXid();
          const res = await call(who, 'GET', url);
          expect(res.statusCode, `${who} GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if ((await nextXid()) !== before) writers.push(`${who} GET ${url}`);
          if (res.statusCode === 200) answered.set(url, (answered.get(url) ?? 0) + 1);
        }
      }
      expect(writers).toEqual([]);
      // The check saw real answers, not a wall of 404s: nearly every route answered someone.
      expect(answered.size / urls.length, urls.filter((u) => !answered.has(u)).join('\n')).toBeGreaterThan(0.85);
      // The overdue inquiry was read as closed, and is still open in the database for the job.
      expect((await call('adjuster', 'GET', `/api/v1/inquiries/${overdue.id}`)).json()).toMatchObject({ status: 'closed' });
      expect((await t.database.db.select().from(inquiry).where(eq(inquiry.id, overdue.id)))[0]).toMatchObject({ status: 'open' });
    }, 300_000);
  });
}
