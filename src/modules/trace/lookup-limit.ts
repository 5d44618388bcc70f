import { isIPv4, isIPv6 } from 'node:net';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { hitRateLimits, type RateLimit } from '../../platform/rate-limit.ts';

// The public lookup is open to the internet (car owners scan the label's QR code). Codes are
// random (60 bits), so guessing is hopeless anyway; the limits keep a crawler from trying, and
// from loading the database. They are counted in the database (platform/rate-limit.ts), so they
// hold across every app process.
//
// Per client: thirty a minute is far above what a person scanning parts needs and far below what
// enumerating would need.
export const TRACE_LOOKUPS_PER_WINDOW = 30;
// For everyone together: a ceiling that many addresses cannot add up past. Twenty a second is far
// above what car owners ask of a parts platform; guessing at this rate for a whole year (6·10^8
// guesses against 2^59.8 codes) would find any of ten million codes in use with a chance under one
// in a hundred. The price is that a crowd of addresses can hold owners back for the rest of a
// minute; they are told when to retry.
export const TRACE_LOOKUPS_ALL_PER_WINDOW = 1_200;
export const TRACE_LOOKUP_WINDOW_S = 60;
export const TRACE_LOOKUP_WINDOW_MS = TRACE_LOOKUP_WINDOW_S * 1000;

// Expands a valid IPv6 address (checked with isIPv6) into its eight 16-bit groups.
function ipv6Groups(ip: string): number[] {
  let text = ip;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(zeros).fill('0'), ...right].map((g) => parseInt(g, 16));
}

// Whose allowance a request uses. An IPv4 address is one client (behind a trusted proxy, the
// visitor's, see ANPEI_TRUST_PROXY). An IPv6 subscriber is given a whole /64 (or more), and could
// take a fresh address for every request: the /64 is the client. IPv4 written as IPv6
// (::ffff:203.0.113.7, as dual-stack servers report it) is the IPv4 address.
export function clientKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return ip.slice(0, 100);
  const g = ipv6Groups(bare.toLowerCase());
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}

export function traceLookupLimits(ip: string): RateLimit[] {
  return [
    { key: `trace-lookup:ip:${clientKey(ip)}`, max: TRACE_LOOKUPS_PER_WINDOW, windowS: TRACE_LOOKUP_WINDOW_S },
    { key: 'trace-lookup:all', max: TRACE_LOOKUPS_ALL_PER_WINDOW, windowS: TRACE_LOOKUP_WINDOW_S },
  ];
}

// The vehicle lookup (a VIN and its plate together: every part fitted under the car's claims) is
// the one a prober would want, since a match says that a VIN belongs to a plate. A person checks
// their own car once or twice, and mistypes a few times: ten a minute is plenty, and it makes
// trying plates against a VIN (or VINs against a plate) hopeless. It shares the global ceiling
// with the code lookup, which protects the same database from the same crowd.
export const TRACE_VEHICLE_LOOKUPS_PER_WINDOW = 10;

export function traceVehicleLookupLimits(ip: string): RateLimit[] {
  return [
    { key: `trace-vehicle:ip:${clientKey(ip)}`, max: TRACE_VEHICLE_LOOKUPS_PER_WINDOW, windowS: TRACE_LOOKUP_WINDOW_S },
    { key: 'trace-lookup:all', max: TRACE_LOOKUPS_ALL_PER_WINDOW, windowS: TRACE_LOOKUP_WINDOW_S },
  ];
}

async function countOrRefuse(db: Executor, limits: RateLimit[], now: Date): Promise<void> {
  const verdict = await hitRateLimits(db, limits, now);
  if (!verdict.ok) throw new AppError('rate_limited', { retryAfterS: verdict.retryAfterS }, [], { 'retry-after': String(verdict.retryAfterS) });
}

// Counts one vehicle lookup; beyond a limit, the same 429 as the code lookup.
export function countTraceVehicleLookup(db: Executor, ip: string, now: Date): Promise<void> {
  return countOrRefuse(db, traceVehicleLookupLimits(ip), now);
}

// Counts one lookup; beyond a limit, a 429 `rate_limited` problem with Retry-After.
export function countTraceLookup(db: Executor, ip: string, now: Date): Promise<void> {
  return countOrRefuse(db, traceLookupLimits(ip), now);
}
