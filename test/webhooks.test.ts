import { idempotencyKey } from '../src/platform/tables.ts';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptDelayS, startWebhookWorker, verifySignature, type HostPolicy, type Resolve, type WebhookWorker } from '../src/modules/webhooks/index.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// The outbox end to end: an organisation registers a URL, a change emits an event in its
// transaction, the worker signs and POSTs it to a real HTTP receiver on loopback, retries with
// backoff, gives up after MAX_ATTEMPTS, and the delivery log shows every attempt. The worker's
// clock is passed to runOnce(), so retries are tested by moving time, not by waiting.

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

// A receiver that records every request. `/flaky` answers 500 to its first request and 200 after,
// `/down` always 503, anything else 200.
async function startReceiver(): Promise<{ server: Server; baseUrl: string; received: Received[]; on(path: string): Received[] }> {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = path === '/down' ? 503 : path === '/flaky' && n === 1 ? 500 : 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver is having a bad day');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}`, received, on: (path) => received.filter((r) => r.path === path) };
}

type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  attempts: { at: string; statusCode: number | null; durationMs: number; error: string | null }[];
};

for (const kind of databaseKinds()) {
  describe(`webhooks on ${kind}`, () => {
    let t: TestApp;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let worker: WebhookWorker;
    let picc: string;
    let cpic: string;
    let piccOrgId: string;
    let cpicOrgId: string;
    // PICC's main endpoint, subscribed to user.created; its secret is shown only at creation.
    let flaky: { id: string; secret: string };
    let otherTypes: { id: string };
    // The worker's clock only moves forward, so no test sees another's retries fall due by surprise.
    let clockMs = Date.now();
    const now = () => new Date(clockMs);
    const advanceS = (seconds: number) => {
      clockMs += seconds * 1000;
      return now();
    };

    const api = (token: string) => ({
      get: (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) }),
      post: (url: string, payload?: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, ...(payload ? { payload } : {}) }),
      patch: (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: bearer(token), payload }),
      delete: (url: string) => t.app.inject({ method: 'DELETE', url, headers: bearer(token) }),
    });
    const deliveries = async (endpointId: string, query = ''): Promise<Delivery[]> => {
      const res = await api(picc).get(`/api/v1/webhooks/${endpointId}/deliveries${query}`);
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Delivery[] }>().items;
    };
    let userSeq = 0;
    const createUser = async (token: string, domain: string) => {
      userSeq += 1;
      const res = await api(token).post('/api/v1/users', { email: `hook${userSeq}@${domain}`, name: `回调测试 ${userSeq}`, password: 'anpei-demo-pw', roles: ['adjuster'] });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string; email: string }>();
    };

    beforeAll(async () => {
      // The receivers here listen on loopback, which production refuses (see webhook-urls.test.ts).
      t = await startTestApp(kind, { ANPEI_WEBHOOK_ALLOW_PRIVATE: 'true' });
      receiver = await startReceiver();
      // The poller is left idle (a long pollMs, unref'd); the tests drive passes with runOnce().
      worker = startWebhookWorker({ db: t.database.db, log: pino({ level: 'silent' }), pollMs: 60_000, timeoutMs: 2_000, allowPrivateAddresses: true });
      picc = await t.login('admin@picc.demo');
      cpic = await t.login('admin@cpic.demo');
      piccOrgId = (await api(picc).get('/api/v1/me')).json().org.id;
      cpicOrgId = (await api(cpic).get('/api/v1/me')).json().org.id;
    });
    afterAll(async () => {
      await worker?.stop();
      receiver?.server.closeAllConnections();
      await new Promise((resolve) => receiver?.server.close(resolve));
      await t?.close();
    });

    it('registers an endpoint and shows its secret once', async () => {
      const res = await api(picc).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/flaky`, eventTypes: ['user.created'], description: '人保理赔系统' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ orgId: piccOrgId, url: `${receiver.baseUrl}/flaky`, eventTypes: ['user.created'], description: '人保理赔系统', status: 'active' });
      expect(body.secret).toMatch(/^whsec_[\w-]{43}$/);
      flaky = { id: body.id, secret: body.secret };

      const one = await api(picc).get(`/api/v1/webhooks/${flaky.id}`);
      expect(one.statusCode).toBe(200);
      expect(one.json()).not.toHaveProperty('secret');
      const list = await api(picc).get('/api/v1/webhooks');
      expect(list.json().items.map((w: { id: string }) => w.id)).toContain(flaky.id);
      expect(JSON.stringify(list.json())).not.toContain(flaky.secret);

      // An endpoint for other event types, and one at CPIC for everything.
      const other = await api(picc).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/other`, eventTypes: ['claim.approved'] });
      expect(other.statusCode).toBe(201);
      otherTypes = { id: other.json().id };
      const cpicHook = await api(cpic).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/cpic` });
      expect(cpicHook.statusCode).toBe(201);
      expect(cpicHook.json().eventTypes).toEqual(['*']);

      const audit = await api(picc).get(`/api/v1/audit?objectId=${flaky.id}`);
      expect(audit.json().items).toMatchObject([{ objectType: 'webhook', action: 'create', toState: 'active' }]);
      expect(JSON.stringify(audit.json())).not.toContain(flaky.secret);
    });

    it('replays a creation sent twice with the same Idempotency-Key', async () => {
      const payload = { url: `${receiver.baseUrl}/replayed`, eventTypes: ['claim.approved'] };
      const first = await api(picc).post('/api/v1/webhooks', payload, { 'idempotency-key': 'wh-create-1' });
      const again = await api(picc).post('/api/v1/webhooks', payload, { 'idempotency-key': 'wh-create-1' });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      // The same endpoint, but its secret is shown once only: the replay carries none, and the
      // idempotency store never held it.
      expect(again.json()).toEqual({ ...first.json(), secret: null });
      const stored = await t.database.db.select().from(idempotencyKey);
      expect(JSON.stringify(stored)).not.toContain(first.json().secret);
      const disabled = await api(picc).delete(`/api/v1/webhooks/${first.json().id}`);
      expect(disabled.json().status).toBe('disabled');
    });

    it('refuses URLs that are not http(s), and bad event types', async () => {
      for (const url of ['ftp://example.com/hook', 'file:///etc/passwd', 'javascript:alert(1)']) {
        const res = await api(picc).post('/api/v1/webhooks', { url });
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors[0]).toMatchObject({ path: 'url', code: 'url_scheme' });
      }
      const notUrl = await api(picc).post('/api/v1/webhooks', { url: 'not a url' });
      expect(notUrl.statusCode).toBe(400);
      expect(notUrl.json().errors[0].path).toBe('url');
      const badTypes = await api(picc).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/x`, eventTypes: ['User Created'] });
      expect(badTypes.statusCode).toBe(400);
      expect(badTypes.json().errors[0].path).toBe('eventTypes.0');
      const extra = await api(picc).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/x`, secret: 'mine' });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().errors[0]).toMatchObject({ path: 'secret', code: 'unknown_field' });
      const patch = await api(picc).patch(`/api/v1/webhooks/${flaky.id}`, { url: 'ftp://example.com/hook' });
      expect(patch.statusCode).toBe(400);
      expect(patch.json().errors[0]).toMatchObject({ path: 'url', code: 'url_scheme' });
    });

    it('is only for admins: a non-admin gets 403', async () => {
      const adjuster = await t.login('adjuster@picc.demo');
      expect((await api(adjuster).get('/api/v1/webhooks')).statusCode).toBe(403);
      expect((await api(adjuster).get(`/api/v1/webhooks/${flaky.id}`)).statusCode).toBe(403);
      expect((await api(adjuster).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/x` })).statusCode).toBe(403);
      expect((await api(adjuster).get(`/api/v1/webhooks/${flaky.id}/deliveries`)).statusCode).toBe(403);
      expect((await api(adjuster).post(`/api/v1/webhooks/${flaky.id}/test`)).statusCode).toBe(403);
    });

    it('hides one insurer’s endpoint from another: 404 everywhere, absent from lists', async () => {
      const other = api(cpic);
      const attempts = [
        await other.get(`/api/v1/webhooks/${flaky.id}`),
        await other.patch(`/api/v1/webhooks/${flaky.id}`, { url: `${receiver.baseUrl}/stolen` }),
        await other.delete(`/api/v1/webhooks/${flaky.id}`),
        await other.get(`/api/v1/webhooks/${flaky.id}/deliveries`),
        await other.post(`/api/v1/webhooks/${flaky.id}/test`),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'not_found' });
      }
      const list = await other.get('/api/v1/webhooks');
      expect(list.json().items.map((w: { id: string }) => w.id)).not.toContain(flaky.id);
      const mine = await api(picc).get(`/api/v1/webhooks/${flaky.id}`);
      expect(mine.json()).toMatchObject({ url: `${receiver.baseUrl}/flaky`, status: 'active' });
    });

    it('delivers a signed event, retries a 500 with backoff, and logs both attempts', async () => {
      const user = await createUser(picc, 'picc.demo');
      await createUser(cpic, 'cpic.demo');

      const first = now();
      const pass1 = await worker.runOnce(first);
      expect(pass1.fannedOut).toBeGreaterThanOrEqual(2);
      expect(receiver.on('/flaky')).toHaveLength(1);
      expect(receiver.on('/cpic')).toHaveLength(1);
      let [delivery] = await deliveries(flaky.id);
      expect(delivery).toMatchObject({ eventType: 'user.created', status: 'pending', attemptCount: 1, lastStatusCode: 500 });
      expect(delivery!.lastError).toContain('HTTP 500');
      expect(delivery!.attempts).toMatchObject([{ statusCode: 500 }]);
      expect(delivery!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(delivery!.nextAttemptAt!)).toBe(first.getTime() + nextAttemptDelayS(1) * 1000);

      // Not due yet at the same instant: nothing is sent again.
      const pass2 = await worker.runOnce(first);
      expect(pass2.attempted).toBe(0);
      expect(receiver.on('/flaky')).toHaveLength(1);

      const retryAt = advanceS(nextAttemptDelayS(1));
      const pass3 = await worker.runOnce(retryAt);
      expect(pass3).toMatchObject({ attempted: 1, delivered: 1, failed: 0 });
      const sent = receiver.on('/flaky');
      expect(sent).toHaveLength(2);

      // Both attempts carry the same event and delivery ids, so the receiver can dedupe, and each a
      // signature over its exact body made with the endpoint's secret at the time of sending.
      for (const [i, req] of sent.entries()) {
        const sentAt = i === 0 ? first : retryAt;
        expect(req.headers['content-type']).toBe('application/json');
        expect(req.headers['anpei-event-type']).toBe('user.created');
        expect(req.headers['anpei-event-id']).toBe(delivery!.eventId);
        expect(req.headers['anpei-delivery-id']).toBe(delivery!.id);
        const signature = String(req.headers['anpei-signature']);
        expect(signature).toMatch(new RegExp(`^t=${Math.floor(sentAt.getTime() / 1000)},v1=[0-9a-f]{64}$`));
        expect(verifySignature(flaky.secret, signature, req.body, Math.floor(sentAt.getTime() / 1000))).toBe(true);
        expect(verifySignature('whsec_wrong', signature, req.body, Math.floor(sentAt.getTime() / 1000))).toBe(false);
        expect(verifySignature(flaky.secret, signature, req.body, Math.floor(sentAt.getTime() / 1000) + 3600)).toBe(false);
        const body = JSON.parse(req.body);
        expect(body).toMatchObject({ id: delivery!.eventId, type: 'user.created', orgId: piccOrgId, data: { user: { id: user.id, email: user.email } } });
        expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
      }

      [delivery] = await deliveries(flaky.id);
      expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 2, nextAttemptAt: null, lastStatusCode: 200, lastError: null });
      expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
      expect(delivery!.attempts.map((a) => a.at)).toEqual([first.toISOString(), retryAt.toISOString()]);
      expect(await deliveries(flaky.id, '?status=pending')).toEqual([]);
      expect((await deliveries(flaky.id, '?status=delivered')).map((d) => d.id)).toEqual([delivery!.id]);

      // A delivered event is not sent again, however far the clock moves.
      await worker.runOnce(advanceS(86_400));
      expect(receiver.on('/flaky')).toHaveLength(2);
    });

    it('never sends an event to another organisation’s or another type’s endpoint', async () => {
      for (const req of receiver.on('/flaky')) expect(JSON.parse(req.body).orgId).toBe(piccOrgId);
      const cpicReceived = receiver.on('/cpic');
      expect(cpicReceived.length).toBeGreaterThanOrEqual(1);
      for (const req of cpicReceived) expect(JSON.parse(req.body).orgId).toBe(cpicOrgId);
      expect(receiver.on('/other')).toEqual([]);
      expect(await deliveries(otherTypes.id)).toEqual([]);
    });

    it('queues a ping to one endpoint on request, whatever it subscribes to', async () => {
      const res = await api(picc).post(`/api/v1/webhooks/${otherTypes.id}/test`);
      expect(res.statusCode).toBe(202);
      const { eventId } = res.json();
      await worker.runOnce(advanceS(1));
      const pings = receiver.on('/other');
      expect(pings).toHaveLength(1);
      expect(pings[0]!.headers['anpei-event-type']).toBe('webhook.ping');
      expect(JSON.parse(pings[0]!.body)).toMatchObject({ id: eventId, type: 'webhook.ping', orgId: piccOrgId, data: { endpointId: otherTypes.id } });
      // PICC's endpoint for user.created did not get the ping meant for this one.
      expect(receiver.on('/flaky').some((r) => r.headers['anpei-event-type'] === 'webhook.ping')).toBe(false);
      expect((await deliveries(otherTypes.id)).map((d) => d.status)).toEqual(['delivered']);
    });

    it('gives a delivery up after MAX_ATTEMPTS failures', async () => {
      const down = (await api(picc).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/down`, eventTypes: ['user.created'] })).json();
      await createUser(picc, 'picc.demo');
      let failed = 0;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const pass = await worker.runOnce(now());
        failed += pass.failed;
        expect(receiver.on('/down')).toHaveLength(attempt);
        // Just before the retry is due nothing happens; at the due time it is sent.
        if (attempt < MAX_ATTEMPTS) {
          await worker.runOnce(advanceS(nextAttemptDelayS(attempt) - 1));
          expect(receiver.on('/down')).toHaveLength(attempt);
          advanceS(1);
        }
      }
      expect(failed).toBe(1);
      const [delivery] = await deliveries(down.id);
      expect(delivery).toMatchObject({ status: 'failed', attemptCount: MAX_ATTEMPTS, nextAttemptAt: null, lastStatusCode: 503 });
      expect(delivery!.lastError).toContain('receiver is having a bad day');
      expect(delivery!.attempts).toHaveLength(MAX_ATTEMPTS);
      expect(delivery!.attempts.every((a) => a.statusCode === 503)).toBe(true);

      await worker.runOnce(advanceS(7 * 86_400));
      expect(receiver.on('/down')).toHaveLength(MAX_ATTEMPTS);
      expect((await api(picc).delete(`/api/v1/webhooks/${down.id}`)).statusCode).toBe(200);
    });

    it('stops sending to a disabled endpoint but keeps its log, and resumes when re-enabled', async () => {
      const down = (await api(picc).post('/api/v1/webhooks', { url: `${receiver.baseUrl}/down`, eventTypes: ['user.created'] })).json();
      const before = receiver.on('/down').length;
      await createUser(picc, 'picc.demo');
      await worker.runOnce(now());
      expect(receiver.on('/down')).toHaveLength(before + 1);

      const disabled = await api(picc).delete(`/api/v1/webhooks/${down.id}`);
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json().status).toBe('disabled');
      expect((await api(picc).delete(`/api/v1/webhooks/${down.id}`)).json().status).toBe('disabled');
      expect((await api(picc).post(`/api/v1/webhooks/${down.id}/test`)).statusCode).toBe(409);

      // The retry falls due while the endpoint is disabled: it is given up, not sent.
      const pass = await worker.runOnce(advanceS(3600));
      expect(pass.failed).toBe(1);
      expect(receiver.on('/down')).toHaveLength(before + 1);
      const [delivery] = await deliveries(down.id);
      expect(delivery).toMatchObject({ status: 'failed', lastError: 'endpoint disabled', attemptCount: 1 });
      // New events are not fanned out to it either.
      await createUser(picc, 'picc.demo');
      await worker.runOnce(advanceS(1));
      expect(await deliveries(down.id)).toHaveLength(1);
      expect((await api(picc).get(`/api/v1/webhooks?status=disabled`)).json().items.map((w: { id: string }) => w.id)).toContain(down.id);

      const enabled = await api(picc).patch(`/api/v1/webhooks/${down.id}`, { status: 'active', url: `${receiver.baseUrl}/back`, description: null });
      expect(enabled.statusCode).toBe(200);
      expect(enabled.json()).toMatchObject({ status: 'active', url: `${receiver.baseUrl}/back`, description: null });
      await createUser(picc, 'picc.demo');
      await worker.runOnce(advanceS(1));
      expect(receiver.on('/back')).toHaveLength(1);
      const audit = (await api(picc).get(`/api/v1/audit?objectId=${down.id}&order=asc`)).json();
      expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['create', 'disable', 'update']);
      expect((await api(picc).delete(`/api/v1/webhooks/${down.id}`)).statusCode).toBe(200);
    });

    it('sends each due delivery once even with two workers on the same database', async () => {
      const second = startWebhookWorker({ db: t.database.db, log: pino({ level: 'silent' }), pollMs: 60_000, allowPrivateAddresses: true });
      try {
        const before = receiver.on('/flaky').length;
        for (let i = 0; i < 5; i++) await createUser(picc, 'picc.demo');
        const at = advanceS(1);
        const [a, b] = await Promise.all([worker.runOnce(at), second.runOnce(at)]);
        expect(a.fannedOut + b.fannedOut).toBe(5);
        expect(a.delivered + b.delivered).toBe(5);
        const sent = receiver.on('/flaky').slice(before);
        expect(sent).toHaveLength(5);
        expect(new Set(sent.map((r) => r.headers['anpei-event-id'])).size).toBe(5);
      } finally {
        await second.stop();
      }
    });

    it('polls on its own, and stop() waits for the running pass', async () => {
      const polling = startWebhookWorker({ db: t.database.db, log: pino({ level: 'silent' }), pollMs: 20, allowPrivateAddresses: true });
      const before = receiver.on('/flaky').length;
      await createUser(picc, 'picc.demo');
      const deadline = Date.now() + 10_000;
      while (receiver.on('/flaky').length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await polling.stop();
      expect(receiver.on('/flaky')).toHaveLength(before + 1);
      await expect(polling.runOnce()).rejects.toThrow('stopped');
    });

    it('connects to the address it checked for each delivery, so a name that rebinds to a refused address gets nothing', async () => {
      // The test policy plays production's part with loopback addresses: 127.0.0.1 stands for a
      // public receiver, 127.0.0.2 for our own network. A receiver listens on 127.0.0.2 at the same
      // port, so only the address the worker connects to decides who gets the event.
      const port = Number(new URL(receiver.baseUrl).port);
      const intruder = await new Promise<Server>((resolve, reject) => {
        const server = createServer((_req, res) => res.end('should never be reached'));
        server.once('error', reject);
        server.listen(port, '127.0.0.2', () => resolve(server));
      });
      const intruded: string[] = [];
      intruder.on('request', (req) => intruded.push(String(req.url)));
      // A DNS server that rebinds: the first answer is allowed, every later one is not.
      const lookups: string[] = [];
      const resolve: Resolve = async (name) => {
        lookups.push(name);
        return [{ address: lookups.length === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
      };
      const policy: HostPolicy = { allowsName: () => true, allowsAddress: (address) => address === '127.0.0.1' };
      const guarded = startWebhookWorker({ db: t.database.db, log: pino({ level: 'silent' }), pollMs: 60_000, hostPolicy: policy, resolve });
      try {
        const hook = await api(picc).post('/api/v1/webhooks', { url: `http://receiver.test:${port}/rebind`, eventTypes: ['user.created'] });
        expect(hook.statusCode).toBe(201);

        await createUser(picc, 'picc.demo');
        await guarded.runOnce(advanceS(1));
        expect(receiver.on('/rebind')).toHaveLength(1);
        expect(receiver.on('/rebind')[0]!.headers.host).toBe(`receiver.test:${port}`);
        expect(lookups).toEqual(['receiver.test']);

        await createUser(picc, 'picc.demo');
        await guarded.runOnce(advanceS(1));
        expect(lookups).toEqual(['receiver.test', 'receiver.test']);
        expect(receiver.on('/rebind')).toHaveLength(1);
        expect(intruded).toEqual([]);
        const [refused] = await deliveries(hook.json().id, '?status=pending');
        expect(refused).toMatchObject({ attemptCount: 1, lastStatusCode: null, lastError: 'refused: receiver.test resolves to 127.0.0.2, which is not a public address' });
        expect((await api(picc).delete(`/api/v1/webhooks/${hook.json().id}`)).statusCode).toBe(200);
      } finally {
        await guarded.stop();
        intruder.closeAllConnections();
        await new Promise((done) => intruder.close(done));
      }
    });

    it('limits how many active endpoints an organisation keeps', async () => {
      const admin = api(await t.login('admin@anxin.demo'));
      const ids: string[] = [];
      for (let i = 0; ; i++) {
        const res = await admin.post('/api/v1/webhooks', { url: `${receiver.baseUrl}/anxin/${i}` });
        if (res.statusCode !== 201) {
          expect(res.statusCode).toBe(409);
          expect(res.json().code).toBe('limit_reached');
          break;
        }
        ids.push(res.json().id);
        expect(i).toBeLessThan(100);
      }
      expect(ids).toHaveLength(20);
      // Disabling one makes room; re-enabling it while full is refused.
      await admin.delete(`/api/v1/webhooks/${ids[0]}`);
      expect((await admin.post('/api/v1/webhooks', { url: `${receiver.baseUrl}/anxin/new` })).statusCode).toBe(201);
      expect((await admin.patch(`/api/v1/webhooks/${ids[0]}`, { status: 'active' })).statusCode).toBe(409);
      const page = await admin.get('/api/v1/webhooks?limit=15');
      expect(page.json().items).toHaveLength(15);
      const rest = await admin.get(`/api/v1/webhooks?limit=15&cursor=${page.json().nextCursor}`);
      expect(rest.json()).toMatchObject({ nextCursor: null });
      expect(rest.json().items).toHaveLength(6);
    });
  });
}
