import { sql } from 'drizzle-orm';
import { bigint, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert } from '../src/platform/bulk-insert.ts';
import { executePrepared, queryRows, type Database } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { writeTogether } from '../src/platform/write-together.ts';
import { stmt } from '../src/platform/stmt.ts';
import { databaseKinds, openTestDatabase } from './support/app.ts';

// bulkInsert's rule for which columns go in, and writeTogether's one-statement writes, against a
// real database: defaults where no row mentions a column, null written as null, a mix that cannot
// be one statement refused, and several tables written at once with their foreign keys.

const probe = pgTable('bulk_probe', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull().default('plain'),
  label: text('label').default('unnamed'),
  note: text('note'),
  tags: text('tags').array(),
  amount: bigint('amount', { mode: 'bigint' }),
});
const child = pgTable('bulk_probe_child', { id: uuid('id').primaryKey(), probeId: uuid('probe_id').notNull() });

type Row = { id: string; kind: string; label: string | null; note: string | null; tags: string[] | null; amount: string | null };

for (const kind of databaseKinds()) {
  describe(`bulkInsert and writeTogether on ${kind}`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    const read = async (ids: string[]) =>
      (await queryRows<Row>(database.db, sql`select id, kind, label, note, tags, amount::text as amount from bulk_probe where id in ${ids} order by id`)).map(({ id: _id, ...r }) => r);

    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
      await database.db.execute(sql`create table bulk_probe (id uuid primary key, kind text not null default 'plain', label text default 'unnamed', note text, tags text[], amount bigint)`);
      await database.db.execute(sql`create table bulk_probe_child (id uuid primary key, probe_id uuid not null references bulk_probe(id) deferrable initially immediate)`);
    });
    afterAll(() => drop?.());

    it('gives a column no row mentions its default, and writes values and big integers as given', async () => {
      const ids = [newId(), newId()];
      await executePrepared(
        database.db,
        bulkInsert(probe, [
          { id: ids[0]!, note: 'a', amount: 9_007_199_254_740_993n },
          { id: ids[1]!, note: null, amount: null },
        ]),
      );
      expect(await read(ids)).toEqual([
        { kind: 'plain', label: 'unnamed', note: 'a', tags: null, amount: '9007199254740993' },
        { kind: 'plain', label: 'unnamed', note: null, tags: null, amount: null },
      ]);
    });

    it('writes an explicit null as null, never as the default', async () => {
      const id = newId();
      await executePrepared(database.db, bulkInsert(probe, [{ id, label: null }]));
      expect(await read([id])).toEqual([{ kind: 'plain', label: null, note: null, tags: null, amount: null }]);
      // On a NOT NULL column the database refuses it, rather than the default standing in.
      await expect(executePrepared(database.db, bulkInsert(probe, [{ id: newId(), kind: null as unknown as string }]))).rejects.toThrow();
    });

    it.each([
      ['a column with a default set in some rows only', [{ id: newId(), kind: 'x' }, { id: newId() }], /bulk_probe\.kind has a default and is set in 1 of 2 rows/],
      ['an array column with a value', [{ id: newId(), tags: ['a'] }], /bulk_probe\.tags is an array column/],
      ['no rows', [], /no rows/],
    ] as [string, (typeof probe.$inferInsert)[], RegExp][])('refuses %s', (_name, rows, error) => {
      expect(() => bulkInsert(probe, rows)).toThrow(error);
    });

    it('writes several tables in one statement, a child beside its parent', async () => {
      const parent = newId();
      const kid = newId();
      // The child first: foreign keys are checked at the end of the one statement.
      await writeTogether(database.db, [bulkInsert(child, [{ id: kid, probeId: parent }]), bulkInsert(probe, [{ id: parent, note: 'parent' }])]);
      expect(await read([parent])).toEqual([{ kind: 'plain', label: 'unnamed', note: 'parent', tags: null, amount: null }]);
      expect(await queryRows(database.db, sql`select probe_id from bulk_probe_child where id = ${kid}`)).toEqual([{ probe_id: parent }]);
      // All or nothing: a failing write takes the others with it.
      const lost = newId();
      await expect(writeTogether(database.db, [bulkInsert(probe, [{ id: lost }]), stmt`insert into bulk_probe_child (id, probe_id) values (${newId()}::uuid, ${newId()}::uuid)`])).rejects.toThrow();
      expect(await read([lost])).toEqual([]);
      await writeTogether(database.db, []);
      // More writes than one statement takes go in several, all of them written.
      const many = Array.from({ length: 130 }, () => newId());
      await writeTogether(
        database.db,
        many.map((id) => bulkInsert(probe, [{ id }])),
      );
      expect(await read(many)).toHaveLength(130);
    });
  });
}
