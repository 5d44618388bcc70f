import { createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures, after Stripe's scheme: the header carries the send time and an HMAC-SHA256
// of "<time>.<body>" keyed by the endpoint's secret. Signing the time with the body lets a receiver
// refuse a captured request replayed later; the `v1=` label leaves room for another scheme beside
// it without breaking receivers. verifySignature is also the reference a receiver can copy.

export const SIGNATURE_HEADER = 'anpei-signature';
export const DEFAULT_TOLERANCE_S = 300;

// At most this many `v1=` values are read from one header, so a hostile header costs bounded work.
const MAX_SIGNATURES = 8;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

function hmacHex(secret: string, timestampS: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestampS}.`).update(body).digest('hex');
}

// The `anpei-signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
// keyed by the whole secret string (`whsec_…`) as UTF-8.
export function signPayload(secret: string, timestampS: number, body: string | Uint8Array): string {
  if (!Number.isSafeInteger(timestampS) || timestampS < 0) throw new Error(`timestampS must be a whole number of seconds, got ${timestampS}`);
  return `t=${timestampS},v1=${hmacHex(secret, timestampS, body)}`;
}

type ParsedHeader = { timestampS: number; signatures: string[] };

function parseHeader(header: string): ParsedHeader | null {
  let timestampS: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',').slice(0, MAX_SIGNATURES + 1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!UNIX_SECONDS.test(value) || timestampS !== null) return null;
      timestampS = Number(value);
    } else if (key === 'v1' && HEX_SHA256.test(value)) {
      signatures.push(value);
    }
  }
  return timestampS === null || signatures.length === 0 ? null : { timestampS, signatures };
}

// True when the header is well formed, its time lies within toleranceS of nowS (either side, for
// clocks that disagree a little), and one of its `v1` values is the HMAC of this exact body. Pass
// the raw body bytes as received: re-serialised JSON would not match. Compared in constant time.
export function verifySignature(secret: string, header: string, body: string | Uint8Array, nowS: number, toleranceS: number = DEFAULT_TOLERANCE_S): boolean {
  const parsed = parseHeader(header);
  if (!parsed) return false;
  if (Math.abs(nowS - parsed.timestampS) > toleranceS) return false;
  const expected = Buffer.from(hmacHex(secret, parsed.timestampS, body), 'hex');
  // Every candidate is compared, so the time taken does not reveal which one matched.
  let matched = false;
  for (const signature of parsed.signatures) {
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) matched = true;
  }
  return matched;
}
