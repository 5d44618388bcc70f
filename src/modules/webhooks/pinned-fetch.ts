import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { checkHost, PrivateAddressError, type HostPolicy, type Resolve, type ResolvedAddress } from './address-guard.ts';
import type { FetchLike } from './send.ts';

// The worker's HTTP client. fetch() resolves the host itself, so checking the name first and then
// calling fetch() leaves a gap: a receiver's DNS can answer a public address to the check and
// 127.0.0.1 to the connection a moment later (DNS rebinding). Here the name is resolved once, every
// address is checked, and node:http(s) connects through a `lookup` that hands back exactly those
// addresses. The URL's host name stays what the request is about: it is the Host header, the TLS
// server name (SNI) and the name the certificate must carry.
//
// Like fetch() with redirect: 'manual', a 3xx answer is returned, never followed: node:http follows
// nothing. Each delivery opens its own connection (no keep-alive pool), so no socket is ever reused
// for an address it was not checked for.

export type PinnedFetchOptions = {
  policy: HostPolicy;
  resolve: Resolve;
  // Extra trusted certificates, for tests with a self-signed receiver; production uses Node's CAs.
  ca?: string | Buffer;
};

export function pinnedFetch(opts: PinnedFetchOptions): FetchLike {
  return async (url, init) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`refused: ${target.protocol} is not http or https`);
    const signal = init.signal ?? AbortSignal.timeout(30_000);
    const verdict = await checkHost(target, opts.policy, opts.resolve, signal);
    if (!verdict.ok) {
      if (verdict.reason === 'unresolvable') throw new Error(`could not resolve ${verdict.host}: ${verdict.error}`);
      throw new PrivateAddressError(`refused: ${verdict.host}${verdict.address && verdict.address !== verdict.host ? ` resolves to ${verdict.address}, which` : ''} is not a public address`);
    }
    return send(target, { ...init, signal }, verdict.addresses, opts.ca);
  };
}

// A lookup that never asks DNS: it answers the addresses already checked for this one host name.
export function pinnedLookup(hostname: string, addresses: ResolvedAddress[]): LookupFunction {
  return (name, options, callback) => {
    if (name !== hostname) {
      callback(Object.assign(new Error(`unexpected lookup of ${name} while connecting to ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (wanted.length === 0) {
      callback(Object.assign(new Error(`no IPv${options.family} address for ${name}`), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    // Node asks for all addresses when it may try several (happy eyeballs); every one was checked.
    if (options.all) (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, wanted);
    else callback(null, wanted[0]!.address, wanted[0]!.family);
  };
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function headersOf(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header the WHATWG rules reject is dropped; nothing here reads a receiver's headers.
    }
  }
  return headers;
}

function send(target: URL, init: RequestInit & { signal: AbortSignal }, addresses: ResolvedAddress[], ca: string | Buffer | undefined): Promise<Response> {
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') throw new Error('pinnedFetch sends string bodies only');
  const body = init.body ?? '';
  const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers).entries());
  if (body !== '' || init.method === 'POST' || init.method === 'PUT') headers['content-length'] = String(Buffer.byteLength(body));
  const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  const options: https.RequestOptions = {
    method: init.method ?? 'GET',
    headers,
    signal: init.signal,
    // A fresh agent per request: no pooled socket connected for another answer of the resolver.
    agent: false,
    lookup: pinnedLookup(hostname, addresses),
    ...(ca ? { ca } : {}),
  };
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, options, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 599) {
        res.destroy();
        reject(new Error(`receiver answered with status ${status}`));
        return;
      }
      const nullBody = NULL_BODY_STATUSES.has(status) || init.method === 'HEAD';
      if (nullBody) res.resume();
      // The body streams to the caller, which reads at most a snippet and cancels the rest; the
      // cancel destroys the response and its connection.
      const stream = nullBody ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
      resolve(new Response(stream, { status, headers: headersOf(res.rawHeaders) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
