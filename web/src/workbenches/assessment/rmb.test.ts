import { describe, expect, it } from 'vitest';
import { rmbUpper } from './rmb.ts';

describe('rmbUpper', () => {
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [320800, '叁仟贰佰零捌元整'],
    [1000000, '壹万元整'],
    [10050000, '壹拾万零伍佰元整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [10000000005, '壹亿元零伍分'],
    [1050, '壹拾元伍角'],
    [5, '伍分'],
  ])('%d fen → %s', (fen, words) => expect(rmbUpper(fen)).toBe(words));
});
