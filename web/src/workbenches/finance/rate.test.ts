import { describe, expect, it } from 'vitest';
import { bpText, parsePercent } from './rate.ts';

describe('bpText', () => {
  it.each([
    [0, '0%'],
    [25, '0.25%'],
    [300, '3%'],
    [350, '3.5%'],
    [3000, '30%'],
    [1205, '12.05%'],
  ])('%d bp → %s', (bp, text) => expect(bpText(bp)).toBe(text));
});

describe('parsePercent', () => {
  it.each([
    ['3', 300],
    ['3.5', 350],
    ['3.50', 350],
    ['0.25', 25],
    ['3.', 300],
    ['12.05%', 1205],
    ['３.５', 350],
    [' 30 ', 3000],
    ['0', 0],
  ])('%j → %d bp', (text, bp) => expect(parsePercent(text)).toBe(bp));

  it.each(['', '3.555', '-1', '+1', 'abc', '.5', '1e2', '1000'])('%j is not a rate', (text) => expect(parsePercent(text)).toBeUndefined());

  it('reads back what bpText writes', () => {
    for (const bp of [0, 1, 25, 300, 350, 1205, 3000]) expect(parsePercent(bpText(bp))).toBe(bp);
  });
});
