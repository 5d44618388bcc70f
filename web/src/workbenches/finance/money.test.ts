import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [29, '¥0.29'],
    [100, '¥1.00'],
    [157000, '¥1,570.00'],
    [-500, '-¥5.00'],
    [123456789, '¥1,234,567.89'],
    [2854050998, '¥28,540,509.98'],
    [900719925474099, '¥9,007,199,254,740.99'],
  ])('%d fen → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('writes a sign when asked, and a dash for nothing', () => {
    expect(formatFen(1000, { sign: 'always' })).toBe('+¥10.00');
    expect(formatFen(-1000, { sign: 'always' })).toBe('-¥10.00');
    expect(formatFen(0, { sign: 'always' })).toBe('¥0.00');
    expect(formatFen(123456, { symbol: false })).toBe('1,234.56');
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined)).toBe('—');
  });

  it('refuses what is not whole fen', () => {
    expect(() => formatFen(1.5)).toThrow();
  });
});

describe('parseYuan', () => {
  it.each([
    ['10', 1000],
    ['10.', 1000],
    ['10.5', 1050],
    ['0.29', 29],
    ['1,234.56', 123456],
    ['¥ 1 570', 157000],
    ['￥12.30', 1230],
    ['１２.３０', 1230],
    ['0', 0],
  ])('%s → %d fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['', ' ', '1.234', '-5', '+5', '1e3', 'abc', '12.3.4', '.5'])('%j is not an amount', (text) => expect(parseYuan(text)).toBeUndefined());

  it('reads back what fenToYuanInput writes', () => {
    for (const fen of [0, 7, 29, 1050, 157000, 2854050998]) expect(parseYuan(fenToYuanInput(fen))).toBe(fen);
    expect(fenToYuanInput(123450)).toBe('1234.50');
  });
});
