import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// Registration refuses webhook URLs that lead into a private, loopback or reserved network, in every
// notation of the address, unless ANPEI_WEBHOOK_ALLOW_PRIVATE=true (tests and local demos). No
// worker runs here and every refused host is judged without DNS: nothing leaves the machine.

// The brief's reproductions and their relatives; each must come back as a field error on `url`.
const PRIVATE_URLS = [
  'http://127.0.0.1:8080/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/hook',
  'http://0x7f000001/hook',
  'http://2130706433/hook',
  'http://localhost:3000/hook',
  'http://0177.0.0.1/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:7f00:1]/hook',
  'http://0.0.0.0/hook',
  'http://100.64.0.1/hook',
  'https://tenant.localhost/hook',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://10.0.0.5:5432/',
  'http://192.0.2.10/hook',
  'http://[fd00::1]/hook',
  'http://[fe80::1]/hook',
  'http://[64:ff9b::a9fe:a9fe]/hook',
  'http://[2002:a00:1::1]/hook',
  'http://db:5432/',
];
// Public literal addresses: accepted without DNS. Nothing is ever sent to them (no worker runs).
const PUBLIC_URL = 'https://114.114.114.114/anpei/hooks';
const OTHER_PUBLIC_URL = 'https://[2400:3200::1]/anpei/hooks';

for (const kind of databaseKinds()) {
  describe(`webhook URLs at registration on ${kind}`, () => {
    let guarded: TestApp;
    let open: TestApp;
    let admin: string;

    const post = (t: TestApp, token: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: { ...bearer(token), ...headers }, payload });
    const patch = (t: TestApp, token: string, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, headers: bearer(token), payload });
    const count = async (t: TestApp, token: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/webhooks?limit=100', headers: bearer(token) })).json().items.length as number;

    beforeAll(async () => {
      guarded = await startTestApp(kind);
      open = await startTestApp(kind, { ANPEI_WEBHOOK_ALLOW_PRIVATE: 'true' });
      admin = await guarded.login('admin@picc.demo');
    });
    afterAll(async () => {
      await guarded?.close();
      await open?.close();
    });

    it.each(PRIVATE_URLS)('refuses %s at creation with 422 naming url', async (url) => {
      const before = await count(guarded, admin);
      const res = await post(guarded, admin, { url });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 422, code: 'webhook_url_refused', errors: [{ path: 'url', in: 'body', code: 'url_not_public' }] });
      expect(res.json().errors).toHaveLength(1);
      expect(await count(guarded, admin)).toBe(before);
    });

    it('says why in the caller’s language, naming the host given and not what it resolves to', async () => {
      const zh = await post(guarded, admin, { url: 'http://0x7f000001/hook' });
      expect(zh.json().errors[0].message).toBe('127.0.0.1 是或解析为内网、本机或保留地址，不能接收 Webhook');
      const en = await post(guarded, admin, { url: 'http://[::ffff:127.0.0.1]/hook' }, { 'accept-language': 'en' });
      expect(en.json().title).toBe('Webhook URL refused');
      expect(en.json().errors[0].message).toBe('[::ffff:7f00:1] is, or resolves to, a private, loopback or reserved address and cannot receive webhooks');
    });

    it('accepts a public address, and refuses changing it to a private one', async () => {
      const created = await post(guarded, admin, { url: PUBLIC_URL, eventTypes: ['claim.approved'] });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      try {
        for (const url of ['http://127.0.0.1/hook', 'http://2130706433/', 'http://[::1]/', 'http://hooks.internal/']) {
          const res = await patch(guarded, admin, id, { url, description: '改到内网' });
          expect(res.statusCode, url).toBe(422);
          expect(res.json()).toMatchObject({ code: 'webhook_url_refused', errors: [{ path: 'url', code: 'url_not_public' }] });
        }
        // Nothing of a refused change was applied; a change without a URL, or to a public one, is.
        const after = await guarded.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}`, headers: bearer(admin) });
        expect(after.json()).toMatchObject({ url: PUBLIC_URL, description: null });
        expect((await patch(guarded, admin, id, { description: '人保' })).statusCode).toBe(200);
        const moved = await patch(guarded, admin, id, { url: OTHER_PUBLIC_URL });
        expect(moved.statusCode).toBe(200);
        expect(moved.json()).toMatchObject({ url: OTHER_PUBLIC_URL, description: '人保' });
      } finally {
        await guarded.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: bearer(admin) });
      }
    });

    it('answers 403 before judging the URL for a caller who may not manage webhooks', async () => {
      const adjuster = await guarded.login('adjuster@picc.demo');
      const res = await post(guarded, adjuster, { url: 'http://127.0.0.1/hook' });
      expect(res.statusCode).toBe(403);
    });

    it('accepts private URLs as before when ANPEI_WEBHOOK_ALLOW_PRIVATE=true', async () => {
      const token = await open.login('admin@picc.demo');
      const ids: string[] = [];
      for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost:3000/hook', 'http://[::1]/hook']) {
        const res = await post(open, token, { url, eventTypes: ['claim.approved'] });
        expect(res.statusCode, url).toBe(201);
        expect(res.json().url).toBe(url);
        ids.push(res.json().id);
      }
      const moved = await patch(open, token, ids[0]!, { url: 'http://169.254.169.254/hook' });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().url).toBe('http://169.254.169.254/hook');
    });
  });
}
