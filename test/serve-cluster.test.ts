import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase } from './support/databases.ts';

// `anpei serve` with ANPEI_WORKERS: several app processes on one port, PostgreSQL only.
function run(env: Record<string, string | undefined>, until: (out: string) => boolean, timeoutMs = 60_000): Promise<{ code: number | null; out: string; kill(): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const merged = Object.fromEntries(Object.entries({ ...process.env, LOG_LEVEL: 'info', ...env }).filter(([, v]) => v !== undefined));
    const child = spawn(process.execPath, [path.resolve('bin/anpei.mjs'), 'serve'], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out; output:\n${out}`)), timeoutMs);
    const kill = () =>
      new Promise<number | null>((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      });
    const check = (chunk: Buffer) => {
      out += chunk.toString();
      if (until(out)) {
        clearTimeout(timer);
        resolve({ code: child.exitCode, out, kill });
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, kill });
    });
  });
}

describe('serve with several app processes', () => {
  it('refuses more than one process on PGlite, whose files belong to one', async () => {
    const r = await run({ ANPEI_WORKERS: '2', DATABASE_URL: undefined, ANPEI_DATA_DIR: '/tmp/anpei-cluster-never' }, () => false);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('ANPEI_WORKERS > 1 needs DATABASE_URL');
  });

  it.runIf(inject('testDatabaseUrl'))('serves one port from two processes on PostgreSQL and stops them all on SIGTERM', async () => {
    const url = await cloneDatabase(inject('testDatabaseUrl'));
    const port = 30000 + Math.floor(Math.random() * 10000);
    try {
      const r = await run({ ANPEI_WORKERS: '2', DATABASE_URL: url, PORT: String(port) }, (out) => (out.match(/anpei is serving/g) ?? []).length >= 3);
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/api/health`).then((res) => res.status)));
      expect(answers.every((s) => s === 200)).toBe(true);
      expect(await r.kill()).toBe(0);
    } finally {
      await dropDatabase(url);
    }
  });
});
