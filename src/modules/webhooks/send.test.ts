import { describe, expect, it } from 'vitest';
import { sendDelivery, type FetchLike, type Outgoing } from './send.ts';
import { verifySignature } from './signature.ts';

const out: Outgoing = {
  deliveryId: '01900000-0000-7000-8000-000000000002',
  url: 'https://receiver.example/hooks',
  secret: 'whsec_unit',
  event: {
    id: '01900000-0000-7000-8000-000000000001',
    type: 'user.created',
    createdAt: new Date('2025-06-01T08:00:00Z'),
    orgId: '01900000-0000-7000-8000-0000000000aa',
    payload: { user: { name: '王磊' } },
  },
};
const now = new Date('2025-06-01T08:00:05Z');

function failWith(error: Error, cause?: Error & { code?: string }): FetchLike {
  if (cause) Object.assign(error, { cause });
  return async () => {
    throw error;
  };
}
const answer =
  (status: number, body = ''): FetchLike =>
  async () =>
    new Response(status === 204 ? null : body, { status });
const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

describe('sendDelivery', () => {
  it.each([
    { name: '200', fetch: answer(200, 'ok'), expected: { ok: true, statusCode: 200, error: null } },
    { name: '204 without a body', fetch: answer(204), expected: { ok: true, statusCode: 204, error: null } },
    { name: '500 with a message', fetch: answer(500, 'database\n  down'), expected: { ok: false, statusCode: 500, error: 'HTTP 500: database down' } },
    { name: '503 without a message', fetch: answer(503), expected: { ok: false, statusCode: 503, error: 'HTTP 503' } },
    { name: 'a redirect, not followed', fetch: answer(301), expected: { ok: false, statusCode: 301, error: 'HTTP 301' } },
    {
      name: 'a refused connection',
      fetch: failWith(new TypeError('fetch failed'), refused),
      expected: { ok: false, statusCode: null, error: 'fetch failed: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9' },
    },
    { name: 'a timeout', fetch: failWith(timeout), expected: { ok: false, statusCode: null, error: 'timed out after 1000 ms' } },
    { name: 'a huge error body, cut short', fetch: answer(500, 'x'.repeat(100_000)), expected: { ok: false, statusCode: 500, error: `HTTP 500: ${'x'.repeat(289)}…` } },
  ])('$name', async ({ fetch, expected }) => {
    const result = await sendDelivery(out, now, fetch, 1000);
    expect(result).toMatchObject(expected);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('POSTs the signed event with its ids in headers, without following redirects', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    await sendDelivery(
      out,
      now,
      async (url, init) => {
        calls.push({ url, init });
        return new Response('ok');
      },
      1000,
    );
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    const headers = init.headers as Record<string, string>;
    expect(url).toBe(out.url);
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual' });
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'anpei-event-id': out.event.id,
      'anpei-event-type': 'user.created',
      'anpei-delivery-id': out.deliveryId,
    });
    const body = String(init.body);
    expect(JSON.parse(body)).toEqual({ id: out.event.id, type: 'user.created', createdAt: '2025-06-01T08:00:00.000Z', orgId: out.event.orgId, data: out.event.payload });
    expect(headers['anpei-signature']).toMatch(/^t=1748764805,v1=[0-9a-f]{64}$/);
    expect(verifySignature(out.secret, headers['anpei-signature']!, body, 1748764805)).toBe(true);
  });
});
