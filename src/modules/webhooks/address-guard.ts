import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// An organisation's admin chooses the webhook URL, and the worker POSTs to it from inside the
// platform's network. Without a guard, a URL like http://169.254.169.254/ or http://10.0.0.5:5432/
// would turn the worker into a probe of our own infrastructure (server-side request forgery). So in
// production the host must be a public name that resolves to public addresses only, checked when the
// URL is registered (vet-url.ts) and again at every delivery (pinned-fetch.ts), which then connects
// to exactly the addresses it checked. Tests and local demos, whose receivers listen on loopback,
// switch the guard off with ANPEI_WEBHOOK_ALLOW_PRIVATE=true.

// IPv4 ranges that are not globally reachable, or that no receiver can sit behind (the IANA IPv4
// Special-Purpose Address Registry). A host is checked against this list after the URL parser has
// normalised every notation of an address (0x7f000001, 2130706433, 0177.0.0.1, 127.1) to dotted
// decimal, so the list only needs to speak one notation.
const notPublicV4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"; on Linux 0.0.0.0 reaches the local host
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598), inside some providers' networks
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1, documentation
  ['192.88.99.0', 24], // the retired 6to4 relay anycast (RFC 7526)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the limited broadcast 255.255.255.255
] as const)
  notPublicV4.addSubnet(net, prefix, 'ipv4');

// IPv6 is judged the other way round: only global unicast (2000::/3) can be public, less the parts
// of it set aside below. Everything else — unique-local fc00::/7, link-local fe80::/10, the retired
// site-local fec0::/10, multicast ff00::/8, local-use NAT64 64:ff9b:1::/48, discard-only 100::/64 —
// falls outside 2000::/3; those ranges are listed too so the list reads as the registry does.
const globalUnicastV6 = new BlockList();
globalUnicastV6.addSubnet('2000::', 3, 'ipv6');
const notPublicV6 = new BlockList();
for (const [net, prefix] of [
  ['2001::', 23], // IETF protocol assignments: Teredo (2001::/32), benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // SRv6 segment identifiers (RFC 9602)
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['100::', 64], // discard-only
] as const)
  notPublicV6.addSubnet(net, prefix, 'ipv6');

// The eight 16-bit groups of a valid IPv6 address, in any of its notations (::, a trailing dotted
// IPv4 part, a zone id).
export function ipv6Groups(ip: string): number[] {
  let text = ip.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const [left = '', right] = text.split('::');
  if (right === undefined) return parse(left);
  const head = parse(left);
  const tail = parse(right);
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

const v4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
const allZero = (groups: number[]) => groups.every((group) => group === 0);

// Some IPv6 addresses are an IPv4 address in another envelope: whatever stack, translator or relay
// handles them ends up talking to that IPv4 host, so the IPv4 address decides. `null` when the
// address embeds none.
export function embeddedIPv4(g: number[]): string | null {
  // IPv4-mapped ::ffff:a.b.c.d: the local stack itself connects over IPv4.
  if (allZero(g.slice(0, 5)) && g[5] === 0xffff) return v4Of(g[6]!, g[7]!);
  // IPv4-translated ::ffff:0:a.b.c.d (SIIT, RFC 2765).
  if (allZero(g.slice(0, 4)) && g[4] === 0xffff && g[5] === 0) return v4Of(g[6]!, g[7]!);
  // NAT64's well-known prefix 64:ff9b::/96: a public v4 behind it is a legitimate receiver.
  if (g[0] === 0x64 && g[1] === 0xff9b && allZero(g.slice(2, 6))) return v4Of(g[6]!, g[7]!);
  // 6to4 2002:aabb:ccdd::/48 tunnels to the IPv4 host aa.bb.cc.dd.
  if (g[0] === 0x2002) return v4Of(g[1]!, g[2]!);
  return null;
}

// Whether an address may receive webhooks. Anything that is not an IP address is refused.
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip.replace(/%.*$/, ''));
  if (family === 4) return !notPublicV4.check(ip, 'ipv4');
  if (family !== 6) return false;
  const groups = ipv6Groups(ip);
  const v4 = embeddedIPv4(groups);
  if (v4 !== null) return !notPublicV4.check(v4, 'ipv4');
  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d, which no receiver uses.
  if (allZero(groups.slice(0, 6))) return false;
  const canonical = groups.map((group) => group.toString(16)).join(':');
  return globalUnicastV6.check(canonical, 'ipv6') && !notPublicV6.check(canonical, 'ipv6');
}

// Names that by standard or by wide custom never lead to the public internet: localhost (RFC 6761),
// .internal (reserved by ICANN for private use), .local (mDNS), .home.arpa (RFC 8375), and the
// suffixes RFC 6762 lists as common on private networks.
const PRIVATE_NAME_SUFFIXES = ['localhost', 'internal', 'local', 'localdomain', 'home.arpa', 'lan', 'home', 'corp', 'intranet', 'private'];

// Whether a host name may receive webhooks before it is even resolved. A single-label name (`db`,
// `redis`) is refused too: the resolver completes it with the platform's own search domains, so it
// names one of our machines, never a tenant's receiver.
export function isPublicName(name: string): boolean {
  const bare = name.toLowerCase().replace(/\.$/, '');
  if (!bare.includes('.')) return false;
  return !PRIVATE_NAME_SUFFIXES.some((suffix) => bare === suffix || bare.endsWith(`.${suffix}`));
}

// What may be reached: production refuses private names and addresses; tests and local demos allow
// everything, and tests substitute their own to make the rebinding case with loopback addresses.
export type HostPolicy = { allowsName(name: string): boolean; allowsAddress(address: string): boolean };
export const PUBLIC_ONLY: HostPolicy = { allowsName: isPublicName, allowsAddress: isPublicAddress };
export const ANY_HOST: HostPolicy = { allowsName: () => true, allowsAddress: () => true };

export type ResolvedAddress = { address: string; family: 4 | 6 };
// Turns a host name into its addresses; rejects when it cannot. Tests inject their own so that no
// query leaves the machine.
export type Resolve = (name: string) => Promise<ResolvedAddress[]>;
export const systemResolve: Resolve = async (name) => (await lookup(name, { all: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export type HostVerdict =
  | { ok: true; host: string; addresses: ResolvedAddress[] }
  | { ok: false; reason: 'not_public'; host: string; address: string | null }
  | { ok: false; reason: 'unresolvable'; host: string; error: string };

// A resolver can hang for many seconds; both callers bound the wait with a signal.
function resolveWithin(resolve: Resolve, name: string, signal: AbortSignal): Promise<ResolvedAddress[]> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((done, fail) => {
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    resolve(name)
      .then(done, fail)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// Checks a URL's host under a policy: a literal address is judged as it is (the URL parser has
// already normalised its notation), a name by its form and then by every address it resolves to —
// all must be allowed, since a client may connect to any of them. The addresses are returned so
// that the caller connects to these and not to a second answer (DNS rebinding).
export async function checkHost(url: URL, policy: HostPolicy, resolve: Resolve, signal: AbortSignal): Promise<HostVerdict> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const family = isIP(host);
  if (family !== 0) {
    return policy.allowsAddress(host) ? { ok: true, host, addresses: [{ address: host, family: family === 6 ? 6 : 4 }] } : { ok: false, reason: 'not_public', host, address: host };
  }
  if (!policy.allowsName(host)) return { ok: false, reason: 'not_public', host, address: null };
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolveWithin(resolve, host, signal);
  } catch (error) {
    // A timeout of the caller's own budget is not the name's fault: let the caller report it as such.
    if (signal.aborted && error === signal.reason) throw error;
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: 'unresolvable', host, error: typeof code === 'string' ? code : String((error as Error).message ?? error) };
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolvable', host, error: 'no addresses' };
  const blocked = addresses.find((a) => !policy.allowsAddress(a.address));
  if (blocked) return { ok: false, reason: 'not_public', host, address: blocked.address };
  return { ok: true, host, addresses };
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
}
