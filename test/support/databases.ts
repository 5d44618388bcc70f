import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Test databases on a PostgreSQL server: the run's database (TEST_DATABASE_URL) is migrated and
// seeded once, then every test file works in its own copy made with CREATE DATABASE … TEMPLATE,
// which is fast and keeps files from seeing each other's rows. `.ci/run` drops the copies.

export function serverUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function onMaintenance<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function cloneDatabase(templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  const name = `${template}_t${randomBytes(4).toString('hex')}`.slice(0, 63);
  await onMaintenance(templateUrl, async (client) => {
    // Two clones from one template at the same instant can fail with "source database is being
    // accessed"; a short retry absorbs that.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed')) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return serverUrl(templateUrl, name);
}

export async function dropDatabase(url: string): Promise<void> {
  await onMaintenance(url, (client) => client.query(`drop database if exists ${quoteIdent(databaseName(url))} with (force)`));
}
