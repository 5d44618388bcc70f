import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { FetchLike } from './send.ts';

// An organisation's admin chooses the webhook URL, and the worker POSTs to it from inside the
// platform's network. Without a guard, a URL like http://169.254.169.254/ or http://10.0.0.5:5432/
// would turn the worker into a probe of our own infrastructure (server-side request forgery). So in
// production the host must resolve to public addresses only. Tests and local demos, whose receivers
// listen on loopback, switch the guard off with ANPEI_WEBHOOK_ALLOW_PRIVATE=true.

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  if (family === 6) {
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address in disguise.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return privateRanges.check(mapped[1]!, 'ipv4');
    return privateRanges.check(ip, 'ipv6');
  }
  return privateRanges.check(ip, 'ipv4');
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
}

// Wraps fetch so that a URL whose host is, or resolves to, a private address is refused before
// any connection is made. A host that resolves to several addresses must have none private.
export function publicOnlyFetch(fetchImpl: FetchLike): FetchLike {
  return async (url, init) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    const blocked = addresses.find(isPrivateAddress);
    if (blocked !== undefined) throw new PrivateAddressError(`refused: ${host} resolves to private address ${blocked}`);
    return fetchImpl(url, init);
  };
}
