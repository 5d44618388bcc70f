import { describe, expect, it } from 'vitest';
import { ApiProblem, idempotencyKey, keyAfterFailure, NetworkError } from './client.ts';

const refusal = new ApiProblem({ type: 'x', title: '状态不允许', status: 409, code: 'invalid_state', detail: '…' } as ApiProblem['problem']);

// After a failure, the next try keeps the key when no answer came and takes a new one after the
// server's answer.
describe('keyAfterFailure', () => {
  it.each([
    ['the server could not be reached', new NetworkError('fetch failed'), true],
    ['something unexpected was thrown on the way', new TypeError('x'), true],
    ['the server refused', refusal, false],
  ])('after %s, keeps the key: %s', (_, error, same) => {
    const key = idempotencyKey();
    const next = keyAfterFailure(error, key);
    expect(next === key).toBe(same);
    expect(next['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
