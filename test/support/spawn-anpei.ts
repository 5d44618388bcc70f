import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows, type Executor } from '../../src/platform/db.ts';
import { databaseName, serverUrl } from './databases.ts';

// The real CLI in a child process (`node bin/anpei.mjs …`), for what only a process shows: how it
// starts, what it prints, its exit code, and what a SIGKILL leaves behind.

// The settings a test gives; anything of the kind in the runner's own environment is left out, so
// that a developer's shell cannot change what a test sees.
const OWN_SETTINGS = /^(ANPEI_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$)/;

function childEnv(env: Record<string, string | undefined>): Record<string, string> {
  const base = Object.entries(process.env).filter(([key]) => !OWN_SETTINGS.test(key));
  return Object.fromEntries([...base, ['LOG_LEVEL', 'info'], ['PORT', '0'], ['ANPEI_CONSOLE_BUILD', 'off'], ...Object.entries(env)].filter((e): e is [string, string] => e[1] !== undefined));
}

// Every child still running, so that a test that fails or times out does not leave a server behind
// (on PGlite, a second process on the same files would corrupt them): see stopAll.
const running = new Set<ChildProcess>();

export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      return closed;
    }),
  );
}

export type Running = {
  child: ChildProcess;
  output(): string;
  // Resolves with the first match in the output so far or to come; rejects when the process ends
  // without one (with the output, to read why).
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  // SIGTERM, then the exit code.
  stop(): Promise<number | null>;
};

export function spawnAnpei(args: string[], env: Record<string, string | undefined>): Running {
  const child = spawn(process.execPath, [path.resolve('bin/anpei.mjs'), ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('close', () => running.delete(child));
  let out = '';
  const waiters: { pattern: RegExp; resolve(m: RegExpMatchArray): void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const m = out.match(pattern);
        if (m) return resolve(m);
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`anpei ${args.join(' ')} exited (${code}) before printing ${pattern}; output:\n${out}`)));
      }),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// Runs a command to its end.
export async function runAnpei(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.resolve('bin/anpei.mjs'), ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('close', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

// A new, empty database on the test server (UTF-8 ctype, as the README asks), for what must start
// from nothing; dropped by the returned function.
export async function createEmptyDatabase(testDatabaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${databaseName(testDatabaseUrl)}_e${randomBytes(4).toString('hex')}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: serverUrl(testDatabaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const url = serverUrl(testDatabaseUrl, name);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl(testDatabaseUrl, 'postgres') });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

// Rows in each of the named tables.
export async function countRows(db: Executor, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    counts[table] = row!.n;
  }
  return counts;
}
