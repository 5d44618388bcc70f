import { DrizzleQueryError, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productPrices } from '../src/modules/catalog/product-prices.ts';
import { sessionLookup } from '../src/modules/identity/authenticate.ts';
import { changeQuantsStmt, movesOnLockedQuants } from '../src/modules/inventory/apply-moves.ts';
import { virtualLocations } from '../src/modules/inventory/locations.ts';
import { demandsInsert, freeQuantsStmt, openDemandsStmt } from '../src/modules/inventory/sourcing/demands.ts';
import { networkStmt, stockStmt } from '../src/modules/inventory/sourcing/sourcing-world.ts';
import { auditInsert } from '../src/platform/audit.ts';
import { idempotencyAnswers } from '../src/platform/command.ts';
import type { SystemCtx } from '../src/platform/context.ts';
import { executePrepared, queryRows, type Database } from '../src/platform/db.ts';
import { eventsInsert } from '../src/platform/outbox.ts';
import { hitStmt } from '../src/platform/rate-limit.ts';
import { raw, render, stmt, type Stmt } from '../src/platform/stmt.ts';
import { together } from '../src/platform/write-together.ts';
import { databaseKinds, openTestDatabase } from './support/app.ts';

// The statements the code sends through executePrepared are text that tsc checks only as far as
// they take the schema's names from drizzle's tables. Each is built here with sample parameters and
// EXPLAINed (planned, not run) on a migrated database, on both drivers: a column renamed in the
// schema but not in a statement, or a statement that no longer parses, fails here rather than in
// service. productPrices (catalog) builds its statement inside the function; it is run, as a read.

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const now = new Date('2026-03-01T08:00:00.000Z');
const system: SystemCtx = { actor: null, requestId: 'named-statements', now };

const move = {
  phase: 'pending' as const,
  kind: 'order' as const,
  productId: id(1),
  lotId: id(2),
  ownerOrgId: id(3),
  qty: 2,
  fromLocationId: id(4),
  toLocationId: virtualLocations.customer.id,
  orderLineId: id(5),
};
const [insertMoves, updateLockedQuants] = movesOnLockedQuants([move], now).writes as [Stmt, Stmt];
const delta = { productId: id(1), locationId: id(4), lotId: id(2), ownerOrgId: id(3), onHand: 0, reserved: 2 };
const demands = demandsInsert([{ orderLineId: id(5), warehouseId: id(6), productId: id(1), qty: 2, source: 'purchase', sourceDocumentId: id(7), etaDate: '2026-03-04' }], now);
const key = { principalId: id(8), key: 'k-1', requestHash: 'h', status: 201 };

const statements: [string, () => Stmt][] = [
  ['the session lookup', () => sessionLookup('digest', now)],
  ['a rate limit count', () => hitStmt('trace-lookup:all', now, new Date(now.getTime() + 60_000))],
  ['the open demands of a warehouse', () => openDemandsStmt(id(6), [id(1)])],
  ['the free quants at a location', () => freeQuantsStmt(id(4), [id(1)])],
  ['the warehouse network', () => networkStmt()],
  ['the stock for sourcing', () => stockStmt([id(1)], [id(3)], false)],
  ['the stock for sourcing, locked', () => stockStmt([id(1)], [id(3)], true)],
  ['moves with their quants changed', () => changeQuantsStmt([delta], insertMoves)],
  ['moves on locked quants', () => updateLockedQuants],
  ['the idempotency answer', () => idempotencyAnswers([{ idem: key, body: { ok: true } }], now)],
  [
    "an order's single write",
    () =>
      together([
        insertMoves,
        updateLockedQuants,
        demands,
        auditInsert(system, [{ orgId: id(3), objectType: 'order', objectId: id(9), action: 'place', toState: 'placed' }]),
        eventsInsert(system, [{ orgId: id(3), type: 'order.placed', payload: { id: id(9) } }]).insert,
      ]),
  ],
];

describe.each(databaseKinds())('named statements on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  // Straight to the driver, so that the check does not depend on executePrepared itself.
  async function explain(query: Stmt): Promise<unknown[]> {
    const { sql: text, params } = render(query);
    const result = database.pool ? await database.pool.query(`explain ${text}`, params) : await database.pglite!.query(`explain ${text}`, params);
    return result.rows;
  }

  it.each(statements)('%s plans on the migrated schema', async (_, build) => {
    expect((await explain(build())).length).toBeGreaterThan(0);
  });

  it("catalog's product prices run", async () => {
    const prices = await productPrices(database.db, { wanted: new Map([[id(1), 1]]), regionCode: '330100', day: '2026-03-01' });
    expect(prices.size).toBe(0);
  });

  it('fails on a column the schema does not have', async () => {
    await expect(explain(stmt`select no_such_column from stock_quant`)).rejects.toThrow(/no_such_column/);
  });

  // executePrepared's adapter: the statement runs on the connection of the caller's transaction
  // (a setting local to that transaction is seen by drizzle's own queries in it, and gone after),
  // and on PostgreSQL as a named statement, prepared on that connection.
  it('runs a statement inside the caller’s transaction, named on PostgreSQL', async () => {
    const probe = stmt`select set_config('anpei.probe', ${'inside'}, true) as v`;
    const seen = await database.db.transaction(async (tx) => {
      await executePrepared(tx, probe);
      const [setting] = await queryRows<{ v: string }>(tx, sql`select current_setting('anpei.probe', true) as v`);
      const named = kind === 'pg' ? await queryRows<{ name: string }>(tx, sql`select name from pg_prepared_statements where statement = ${render(probe).sql}`) : [];
      return { setting: setting?.v, named: named.map((n) => n.name) };
    });
    expect(seen.setting).toBe('inside');
    if (kind === 'pg') expect(seen.named).toEqual([expect.stringMatching(/^p_[0-9a-f]{24}$/)]);
    const [after] = await queryRows<{ v: string | null }>(database.db, sql`select nullif(current_setting('anpei.probe', true), '') as v`);
    expect(after?.v ?? null).toBeNull();
  });

  // A failure reads as drizzle's own do: the statement, with the driver's error as the cause.
  it('fails as drizzle fails', async () => {
    const failing = database.db.transaction((tx) => executePrepared(tx, stmt`select 1 / ${0}::int`));
    await expect(failing).rejects.toBeInstanceOf(DrizzleQueryError);
    await expect(failing).rejects.toMatchObject({ message: expect.stringMatching(/^Failed query: select 1 \/ \$1::int/), cause: { code: '22012' } });
  });

  it('runs in a nested transaction (a savepoint) too, unnamed', async () => {
    const seen = await database.db.transaction((tx) =>
      tx.transaction(async (inner) => {
        await executePrepared(inner, stmt`select set_config('anpei.probe', ${'nested'}, true)`);
        return queryRows<{ v: string }>(inner, sql`select current_setting('anpei.probe', true) as v`);
      }),
    );
    expect(seen[0]?.v).toBe('nested');
  });

  // Rows read the same through executePrepared as through drizzle's execute: dates, timestamps,
  // intervals (and their arrays) and numeric[] as PostgreSQL's text, the rest as each driver reads it.
  it('reads rows as drizzle reads them', async () => {
    const text = `select '2026-03-01 08:00:00+00'::timestamptz as tz, '2026-03-01 08:00'::timestamp as ts, '2026-03-01'::date as d,
        '1 day'::interval as i, array['2026-03-01'::date] as ds, array[1.50]::numeric[] as ns, 12345678901::bigint as big, 1.5::numeric as n,
        array['a', 'b'] as roles, '{"a": 1}'::jsonb as j, true as b, 7 as int`;
    const prepared = await executePrepared(database.db, stmt`${raw(text)}`);
    const viaDrizzle = await queryRows(database.db, sql.raw(text));
    expect(prepared).toEqual(viaDrizzle);
    expect(typeof (prepared[0] as { tz: unknown }).tz).toBe('string');
  });
});
