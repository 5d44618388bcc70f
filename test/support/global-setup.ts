import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db.ts';
import { migrateDatabase } from '../../src/platform/migrate.ts';
import { runSeed } from '../../src/seed/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    testDatabaseUrl: string;
  }
}

// Migrating and seeding takes seconds; loading a dump takes a fraction of one. So this runs once
// per test run and every test file starts from a copy of the result.
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = path.resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const templatePath = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  const template = await openDatabase({ kind: 'pglite' });
  await migrateDatabase(template);
  await runSeed(template, { scale: 'demo', seed: 1, withoutCatalog: true });
  const dump = await template.pglite!.dumpDataDir('gzip');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplatePath', templatePath);

  const url = process.env.TEST_DATABASE_URL ?? '';
  if (url) {
    const server = await openDatabase({ kind: 'pg', url });
    await migrateDatabase(server);
    await runSeed(server, { scale: 'demo', seed: 1, withoutCatalog: true });
    await server.close();
  }
  project.provide('testDatabaseUrl', url);
  return () => rmSync(templatePath, { force: true });
}
