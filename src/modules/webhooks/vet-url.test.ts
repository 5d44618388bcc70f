import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { Resolve } from './address-guard.ts';
import { vetWebhookUrl } from './vet-url.ts';

// Registration's check of names that need DNS, with injected resolvers: no query leaves the machine.
// Literal addresses in every notation are covered by address-guard.test.ts and, through HTTP, by
// test/webhook-urls.test.ts.

const admin: Actor = { type: 'user', userId: 'u1', apiKeyId: null, orgId: 'o1', orgKind: 'insurer', orgRegionCode: '310000', roles: ['admin'] };
const adjuster: Actor = { ...admin, roles: ['adjuster'] };

function resolver(answer: string[] | Error | 'hang'): Resolve & { calls: number } {
  const fn = Object.assign(
    async () => {
      fn.calls += 1;
      if (answer === 'hang') return new Promise<never>(() => {});
      if (answer instanceof Error) throw answer;
      return answer.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
    },
    { calls: 0 },
  );
  return fn;
}

async function refusal(promise: Promise<void>): Promise<unknown> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) return error;
  return { status: error.status, code: error.code, errors: error.errors };
}

const refused = (code: string) => ({ status: 422, code: 'webhook_url_refused', errors: [{ path: 'url', in: 'body', code, params: { host: 'hooks.example.com' } }] });

describe('vetWebhookUrl', () => {
  it.each([
    ['a public answer', resolver(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']), null],
    ['a private answer', resolver(['10.0.0.7']), refused('url_not_public')],
    ['one private answer among public ones', resolver(['93.184.215.14', '::ffff:169.254.169.254']), refused('url_not_public')],
    ['no such name', resolver(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })), refused('url_unresolvable')],
    ['no addresses', resolver([]), refused('url_unresolvable')],
    ['a resolver that never answers', resolver('hang'), refused('url_unresolvable')],
  ])('%s', async (_name, resolve, expected) => {
    expect(await refusal(vetWebhookUrl(admin, 'https://hooks.example.com/in', { allowPrivate: false, resolve, timeoutMs: 50 }))).toEqual(expected);
    expect(resolve.calls).toBe(1);
  });

  it('asks no resolver when private addresses are allowed, or when the URL does not change', async () => {
    const resolve = resolver(['10.0.0.7']);
    await vetWebhookUrl(admin, 'https://hooks.example.com/in', { allowPrivate: true, resolve });
    await vetWebhookUrl(admin, 'http://127.0.0.1/in', { allowPrivate: true, resolve });
    await vetWebhookUrl(admin, undefined, { allowPrivate: false, resolve });
    expect(resolve.calls).toBe(0);
  });

  it('refuses a caller without the permission before looking at the host', async () => {
    const resolve = resolver(['93.184.215.14']);
    expect(await refusal(vetWebhookUrl(adjuster, 'https://hooks.example.com/in', { allowPrivate: false, resolve }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(resolve.calls).toBe(0);
  });
});
