import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './signature.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"0190","type":"user.created","data":{"name":"王磊"}}';
const t = 1_750_000_000;
const header = signPayload(secret, t, body);
const v1 = header.split('v1=')[1]!;

describe('signPayload', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> keyed by the secret', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);
  });

  it('signs bytes and the same text alike', () => {
    expect(signPayload(secret, t, Buffer.from(body, 'utf8'))).toBe(header);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the timestamp %s', (bad) => {
    expect(() => signPayload(secret, bad, body)).toThrow();
  });
});

describe('verifySignature', () => {
  const cases: { name: string; secret?: string; header: string; body?: string | Uint8Array; nowS: number; toleranceS?: number; ok: boolean }[] = [
    { name: 'its own signature, on time', header, nowS: t, ok: true },
    { name: 'the raw bytes of the body', header, body: Buffer.from(body), nowS: t, ok: true },
    { name: 'just inside the default tolerance, late', header, nowS: t + 300, ok: true },
    { name: 'just inside the default tolerance, early clock', header, nowS: t - 300, ok: true },
    { name: 'a stale timestamp', header, nowS: t + 301, ok: false },
    { name: 'a timestamp from the future', header, nowS: t - 301, ok: false },
    { name: 'a custom tolerance', header, nowS: t + 30, toleranceS: 10, ok: false },
    { name: 'another secret', secret: 'whsec_other', header, nowS: t, ok: false },
    { name: 'a changed body', header, body: body.replace('王磊', '李静'), nowS: t, ok: false },
    { name: 'a re-serialised body', header, body: JSON.stringify(JSON.parse(body), null, 1), nowS: t, ok: false },
    { name: 'a moved timestamp', header: header.replace(`t=${t}`, `t=${t + 1}`), nowS: t, ok: false },
    { name: 'spaces and parts in another order', header: ` v1=${v1} , t=${t} `, nowS: t, ok: true },
    { name: 'one good signature among several (secret rotation)', header: `t=${t},v1=${'0'.repeat(64)},v1=${v1}`, nowS: t, ok: true },
    { name: 'an unknown scheme beside v1', header: `t=${t},v0=abc,v1=${v1}`, nowS: t, ok: true },
    { name: 'no signature', header: `t=${t}`, nowS: t, ok: false },
    { name: 'no timestamp', header: `v1=${v1}`, nowS: t, ok: false },
    { name: 'two timestamps', header: `t=${t},t=${t},v1=${v1}`, nowS: t, ok: false },
    { name: 'a non-numeric timestamp', header: `t=17e8,v1=${v1}`, nowS: t, ok: false },
    { name: 'a short signature', header: `t=${t},v1=${v1.slice(2)}`, nowS: t, ok: false },
    { name: 'an upper-case signature', header: `t=${t},v1=${v1.toUpperCase()}`, nowS: t, ok: false },
    { name: 'an empty header', header: '', nowS: t, ok: false },
    { name: 'garbage', header: 'sha256=deadbeef', nowS: t, ok: false },
  ];
  it.each(cases)('$name → $ok', (c) => {
    expect(verifySignature(c.secret ?? secret, c.header, c.body ?? body, c.nowS, c.toleranceS)).toBe(c.ok);
  });
});
