import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../src/platform/db.ts';
import { databaseKinds, openTestDatabase } from './support/app.ts';

// The tables.ts files are the schema; db/migrations is what databases get. The two must agree:
// drizzle-kit, run against a copy of the committed migrations, finds nothing to generate; and every
// table the schema declares exists after migrating from zero, with no other table beside them.

const MODULE_TABLES = readdirSync('src/modules')
  .map((m) => `src/modules/${m}/tables.ts`)
  .filter((f) => readdirSync(path.dirname(f)).includes('tables.ts'));

async function schemaTables(): Promise<string[]> {
  const names = new Set<string>();
  for (const file of ['src/platform/tables.ts', ...MODULE_TABLES]) {
    const mod = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (is(value, PgTable)) names.add(getTableName(value));
  }
  return [...names].sort();
}

describe('the schema and the committed migrations', () => {
  it('agree: drizzle-kit finds nothing to generate', { timeout: 120_000 }, async () => {
    // Inside the project: drizzle-kit reads `out` as a path relative to where it runs.
    mkdirSync('.tmp', { recursive: true });
    const dir = path.relative(process.cwd(), mkdtempSync(path.join('.tmp', 'schema-')));
    try {
      cpSync('db/migrations', path.join(dir, 'migrations'), { recursive: true });
      const config = path.join(dir, 'drizzle.config.ts');
      writeFileSync(
        config,
        `export default { dialect: 'postgresql', schema: ${JSON.stringify(['./src/platform/tables.ts', './src/modules/*/tables.ts'])}, out: ${JSON.stringify(`./${path.join(dir, 'migrations')}`)} };\n`,
      );
      const before = readdirSync(path.join(dir, 'migrations')).sort();
      const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/drizzle-kit/bin.cjs', 'generate', `--config=${config}`], { env: { ...process.env, NO_COLOR: '1' } });
      expect(readdirSync(path.join(dir, 'migrations')).sort(), stdout).toEqual(before);
      expect(stdout).toContain('No schema changes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const kind of databaseKinds()) {
  describe(`migrating from zero on ${kind}`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
    });
    afterAll(() => drop?.());

    it('makes every table the schema declares, and no other', async () => {
      const rows = await queryRows<{ name: string }>(database.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
      expect(rows.map((r) => r.name).sort()).toEqual(await schemaTables());
    });
  });
}
