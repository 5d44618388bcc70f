import { describe, expect, it } from 'vitest';
import { badTextCode, findBadText, isEmptyPatch } from './input-guard.ts';

describe('badTextCode (text no column can store)', () => {
  it.each([
    ['plain', null],
    ['前保险杠 5GM 853 651 M', null],
    ['emoji 🚗 is a valid pair', null],
    ['a\u0000b', 'nul_character'],
    ['\u0000', 'nul_character'],
    ['a\ud800b', 'lone_surrogate'],
    ['trailing high \ud83d', 'lone_surrogate'],
    ['\udc00 leading low', 'lone_surrogate'],
    ['reversed pair \ude97\ud83d', 'lone_surrogate'],
    ['', null],
  ])('%j → %s', (text, code) => expect(badTextCode(text)).toBe(code));
});

describe('findBadText (every offending string and key of a request part)', () => {
  it('names each offending value by its dotted path', () => {
    const body = { name: 'ok', lines: [{ lotNo: 'L1' }, { lotNo: 'L\u0000' }], carrier: '\ud800', note: null, qty: 2 };
    expect(findBadText(body, 'body')).toEqual([
      { path: 'lines.1.lotNo', in: 'body', code: 'nul_character' },
      { path: 'carrier', in: 'body', code: 'lone_surrogate' },
    ]);
  });

  it('names an offending key, shown with the replacement character, and does not descend into it', () => {
    expect(findBadText({ a: { 'k\ud800': 'x\u0000' } }, 'body')).toEqual([{ path: 'a.k\ufffd', in: 'body', code: 'lone_surrogate' }]);
  });

  it('checks a top-level string, and the null-prototype objects Fastify builds for query and params', () => {
    expect(findBadText('\u0000', 'body')).toEqual([{ path: '', in: 'body', code: 'nul_character' }]);
    const query = Object.assign(Object.create(null) as object, { q: 'x\u0000' });
    const params = Object.assign(Object.create(Object.create(null) as object) as object, { id: '\udfff' });
    expect(findBadText(query, 'querystring')).toEqual([{ path: 'q', in: 'querystring', code: 'nul_character' }]);
    expect(findBadText(params, 'params')).toEqual([{ path: 'id', in: 'params', code: 'lone_surrogate' }]);
  });

  it('leaves streams, buffers and clean input alone', async () => {
    const { Readable } = await import('node:stream');
    expect(findBadText(Readable.from(['a\u0000']), 'body')).toEqual([]);
    expect(findBadText(Buffer.from('a\u0000'), 'body')).toEqual([]);
    expect(findBadText({ a: [1, true, null, { b: 'fine' }] }, 'body')).toEqual([]);
    expect(findBadText(undefined, 'body')).toEqual([]);
  });

  it('reports at most 20, and walks deep nesting without recursion', () => {
    expect(
      findBadText(
        Array.from({ length: 50 }, () => '\u0000'),
        'body',
      ),
    ).toHaveLength(20);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findBadText(deep, 'body')).toHaveLength(1);
  });
});

describe('isEmptyPatch', () => {
  it.each([
    ['PATCH', {}, true],
    ['PATCH', { name: 'x' }, false],
    ['PATCH', undefined, false],
    ['PATCH', [], false],
    ['POST', {}, false],
    ['PUT', {}, false],
  ])('%s %j → %s', (method, body, empty) => expect(isEmptyPatch({ method, body })).toBe(empty));
});
