import { describe, expect, it } from 'vitest';
import { looksLikeOe, normaliseOe } from './oe-number.ts';
import { looksLikePinyin, namePinyin } from './pinyin.ts';

describe('normaliseOe', () => {
  it.each([
    ['5G0 807 221 B', '5G0807221B'],
    ['5G0-807-221-B', '5G0807221B'],
    ['5g0.807.221b', '5G0807221B'],
    ['  71101-TVA-A00  ', '71101TVAA00'],
    ['A 205 880 01 40', 'A2058800140'],
    ['51117_294_375', '51117294375'],
    ['６２０２２－４ＢＡ０Ａ', '620224BA0A'], // full-width characters from Chinese input methods
  ])('%s → %s', (raw, norm) => expect(normaliseOe(raw)).toBe(norm));
});

describe('looksLikeOe', () => {
  it.each([
    ['5G0807', true],
    ['71101-TVA', true],
    ['前保险杠', false],
    ['qbxg', false],
    ['7', false],
    ['LED大灯', false],
  ])('%s → %s', (text, expected) => expect(looksLikeOe(text)).toBe(expected));
});

describe('namePinyin', () => {
  it.each([
    ['前保险杠', 'qianbaoxiangang', 'qbxg'],
    ['左前大灯总成', 'zuoqiandadengzongcheng', 'zqddzc'],
    ['LED日间行车灯', 'ledrijianxingchedeng', 'ledrjxcd'],
    ['A柱饰板', 'azhushiban', 'azsb'],
    ['空气滤清器', 'kongqilvqingqi', 'kqlqq'],
  ])('%s → %s / %s', (name, full, initials) => expect(namePinyin(name)).toEqual({ pinyin: full, initials }));

  it('reads Latin-only search text as possible pinyin', () => {
    expect(looksLikePinyin('qbxg')).toBe(true);
    expect(looksLikePinyin('前保')).toBe(false);
  });
});
