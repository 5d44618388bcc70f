import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_HOST, PrivateAddressError, type HostPolicy, type Resolve } from './address-guard.ts';
import { pinnedFetch } from './pinned-fetch.ts';
import { sendDelivery, type Outgoing } from './send.ts';

// Every server here listens on loopback and every name resolves through an injected resolver, so
// nothing leaves the machine. The test policy plays production's part with loopback addresses:
// 127.0.0.1 stands for a public receiver, 127.0.0.2 for an address inside our network.

type Seen = { host: string | undefined; path: string | undefined; body: string; servername?: string | false | null };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function recording(handler: Handler = (_req, res) => res.end('ok')): { seen: Seen[]; listener: Handler } {
  const seen: Seen[] = [];
  return {
    seen,
    listener: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ host: req.headers.host, path: req.url, body: Buffer.concat(chunks).toString('utf8'), servername: (req.socket as TLSSocket).servername });
        handler(req, res);
      });
    },
  };
}

async function listen(server: Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

// A resolver that answers `first` once and `later` ever after: a rebinding DNS server.
function rebinding(first: string, later: string): Resolve & { calls: string[] } {
  const calls: string[] = [];
  return Object.assign(
    async (name: string) => {
      calls.push(name);
      return [{ address: calls.length === 1 ? first : later, family: 4 as const }];
    },
    { calls },
  );
}

const onlyFirstLoopback: HostPolicy = { allowsName: () => true, allowsAddress: (address) => address === '127.0.0.1' };
const post = (body = '{"id":1}') => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body, redirect: 'manual' as const, signal: AbortSignal.timeout(5_000) });

describe('pinnedFetch over HTTP', () => {
  const checked = recording((req, res) => {
    if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.2:${port}/stolen` }).end();
    else if (req.url === '/empty') res.writeHead(204).end();
    else if (req.url === '/huge') res.writeHead(500).end('x'.repeat(100_000));
    else if (req.url === '/silent')
      return; // never answers
    else res.end('ok');
  });
  const other = recording();
  const checkedServer = createHttpServer(checked.listener);
  const otherServer = createHttpServer(other.listener);
  let port: number;

  beforeAll(async () => {
    port = await listen(checkedServer, '127.0.0.1');
    // The same port on another loopback address, so that only the resolver's answer tells them apart.
    await listen(otherServer, '127.0.0.2', port);
  });
  afterAll(async () => {
    await close(checkedServer);
    await close(otherServer);
  });

  it('connects to the address it checked, not to a second answer of the resolver (DNS rebinding)', async () => {
    const resolve = rebinding('127.0.0.1', '127.0.0.2');
    const fetchImpl = pinnedFetch({ policy: onlyFirstLoopback, resolve });
    const before = checked.seen.length;

    const res = await fetchImpl(`http://receiver.test:${port}/hook`, post());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(resolve.calls).toEqual(['receiver.test']);
    expect(checked.seen.slice(before)).toEqual([{ host: `receiver.test:${port}`, path: '/hook', body: '{"id":1}', servername: undefined }]);
    expect(other.seen).toEqual([]);

    // The next delivery resolves afresh, gets the refused address, and connects nowhere.
    await expect(fetchImpl(`http://receiver.test:${port}/hook`, post())).rejects.toThrow(PrivateAddressError);
    await expect(fetchImpl(`http://receiver.test:${port}/hook`, post())).rejects.toThrow(/receiver\.test resolves to 127\.0\.0\.2, which is not a public address/);
    expect(resolve.calls).toHaveLength(3);
    expect(checked.seen).toHaveLength(before + 1);
    expect(other.seen).toEqual([]);
  });

  it('pins the connection even when both answers would be allowed', async () => {
    const resolve = rebinding('127.0.0.1', '127.0.0.2');
    const before = checked.seen.length;
    const res = await pinnedFetch({ policy: ANY_HOST, resolve })(`http://receiver.test:${port}/pinned`, post());
    expect(res.status).toBe(200);
    expect(resolve.calls).toHaveLength(1);
    expect(checked.seen.slice(before).map((s) => s.path)).toEqual(['/pinned']);
    expect(other.seen).toEqual([]);
  });

  it('does not consult the resolver for a literal address, and refuses one the policy refuses', async () => {
    const resolve = rebinding('127.0.0.2', '127.0.0.2');
    const fetchImpl = pinnedFetch({ policy: onlyFirstLoopback, resolve });
    expect((await fetchImpl(`http://127.0.0.1:${port}/literal`, post())).status).toBe(200);
    await expect(fetchImpl(`http://127.0.0.2:${port}/literal`, post())).rejects.toThrow('refused: 127.0.0.2 is not a public address');
    expect(resolve.calls).toEqual([]);
    expect(other.seen).toEqual([]);
  });

  it('does not follow a redirect', async () => {
    const fetchImpl = pinnedFetch({ policy: ANY_HOST, resolve: rebinding('127.0.0.1', '127.0.0.1') });
    const res = await fetchImpl(`http://receiver.test:${port}/redirect`, post());
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`http://127.0.0.2:${port}/stolen`);
    expect(other.seen).toEqual([]);
  });

  it('reports a name that does not resolve, without connecting', async () => {
    const before = checked.seen.length;
    const fetchImpl = pinnedFetch({
      policy: ANY_HOST,
      resolve: async () => {
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    await expect(fetchImpl(`http://gone.test:${port}/`, post())).rejects.toThrow('could not resolve gone.test: ENOTFOUND');
    expect(checked.seen).toHaveLength(before);
  });

  describe('under sendDelivery, as the worker uses it', () => {
    const out: Outgoing = {
      deliveryId: '01900000-0000-7000-8000-000000000002',
      url: '',
      secret: 'whsec_unit',
      event: { id: '01900000-0000-7000-8000-000000000001', type: 'user.created', createdAt: new Date('2025-06-01T08:00:00Z'), orgId: '01900000-0000-7000-8000-0000000000aa', payload: {} },
    };
    const fetchImpl = pinnedFetch({ policy: onlyFirstLoopback, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const deliver = (path: string, timeoutMs = 5_000) => sendDelivery({ ...out, url: `http://receiver.test:${port}${path}` }, new Date(), fetchImpl, timeoutMs);

    it.each([
      ['/hook', { ok: true, statusCode: 200, error: null }],
      ['/empty', { ok: true, statusCode: 204, error: null }],
      ['/redirect', { ok: false, statusCode: 302, error: 'HTTP 302' }],
      ['/huge', { ok: false, statusCode: 500, error: `HTTP 500: ${'x'.repeat(289)}…` }],
      ['/silent', { ok: false, statusCode: null, error: 'timed out after 300 ms' }],
    ])('%s', async (path, expected) => {
      expect(await deliver(path, path === '/silent' ? 300 : 5_000)).toMatchObject(expected);
    });

    it('records a refused address as a failed attempt, not a connection', async () => {
      const refused = pinnedFetch({ policy: onlyFirstLoopback, resolve: async () => [{ address: '127.0.0.2', family: 4 }] });
      const result = await sendDelivery({ ...out, url: `http://receiver.test:${port}/hook` }, new Date(), refused, 5_000);
      expect(result).toMatchObject({ ok: false, statusCode: null, error: 'refused: receiver.test resolves to 127.0.0.2, which is not a public address' });
      expect(other.seen).toEqual([]);
    });
  });
});

describe('pinnedFetch over HTTPS', () => {
  // A self-signed certificate for receiver.test (testdata/, valid until 2126), trusted through `ca`.
  const cert = readFileSync(new URL('./testdata/receiver-test.crt', import.meta.url));
  const key = readFileSync(new URL('./testdata/receiver-test.key', import.meta.url));
  const seen = recording();
  const server = createHttpsServer({ cert, key }, seen.listener);
  let port: number;

  beforeAll(async () => {
    port = await listen(server as unknown as Server, '127.0.0.1');
  });
  afterAll(async () => {
    await close(server as unknown as Server);
  });

  it('keeps the URL’s name for SNI, the Host header and the certificate check while connecting to the checked address', async () => {
    const resolve = rebinding('127.0.0.1', '127.0.0.2');
    const res = await pinnedFetch({ policy: onlyFirstLoopback, resolve, ca: cert })(`https://receiver.test:${port}/secure`, post());
    expect(res.status).toBe(200);
    expect(resolve.calls).toEqual(['receiver.test']);
    expect(seen.seen).toEqual([{ host: `receiver.test:${port}`, path: '/secure', body: '{"id":1}', servername: 'receiver.test' }]);
  });

  it('refuses a certificate that does not name the URL’s host, though the address is the same', async () => {
    const fetchImpl = pinnedFetch({ policy: onlyFirstLoopback, resolve: async () => [{ address: '127.0.0.1', family: 4 }], ca: cert });
    await expect(fetchImpl(`https://impostor.test:${port}/secure`, post())).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    // And without the test CA, Node's own store does not trust it.
    const untrusting = pinnedFetch({ policy: onlyFirstLoopback, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    await expect(untrusting(`https://receiver.test:${port}/secure`, post())).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(seen.seen).toHaveLength(1);
  });
});
