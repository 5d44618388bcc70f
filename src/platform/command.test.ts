import { describe, expect, it } from 'vitest';
import { stableJson } from './command.ts';

describe('stableJson (the request fingerprint behind Idempotency-Key)', () => {
  it.each([
    [{ b: 1, a: [1, { d: 2, c: 3 }] }, '{"a":[1,{"c":3,"d":2}],"b":1}'],
    [{ priceFen: 11300n }, '{"priceFen":11300n}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [null, 'null'],
    ['x', '"x"'],
  ])('case %#', (value, expected) => expect(stableJson(value)).toBe(expected));

  it('does not depend on key order', () => {
    expect(stableJson({ x: 1, y: { p: 1, q: 2 } })).toBe(stableJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('refuses nesting deeper than the JSON parser lets through, instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    expect(() => stableJson(deep)).toThrow(expect.objectContaining({ code: 'json_too_deep' }));
    let ok: unknown = 1;
    for (let i = 0; i < 64; i += 1) ok = { a: ok };
    expect(stableJson(ok)).toContain('{"a":1}');
  });
});
