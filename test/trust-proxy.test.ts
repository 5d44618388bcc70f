import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';

// Behind a reverse proxy every request comes from the proxy's address; ANPEI_TRUST_PROXY makes the
// per-address limits (here the public trace lookup's, 30 a minute) count per visitor instead.
describe('client addresses behind a proxy', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  async function lookups(t: TestApp, forwardedFor: (i: number) => string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/trace/NO-SUCH-CODE-1', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': forwardedFor(i) } });
      statuses.push(res.statusCode);
    }
    return statuses;
  }

  it('counts per forwarded visitor when the proxy is trusted', async () => {
    const t = await startTestApp('pglite', { ANPEI_TRUST_PROXY: 'true' });
    apps.push(t);
    // 31 visitors behind one proxy: none is limited.
    expect((await lookups(t, (i) => `198.51.100.${i + 1}`)).filter((s) => s === 429)).toEqual([]);
    // One visitor 31 times: the 31st is.
    expect((await lookups(t, () => '198.51.100.200')).at(-1)).toBe(429);
  });

  it('ignores the header otherwise, since anyone could send it', async () => {
    const t = await startTestApp('pglite');
    apps.push(t);
    expect((await lookups(t, (i) => `198.51.100.${i + 1}`)).at(-1)).toBe(429);
  });
});
