import { describe, expect, it } from 'vitest';
import { normaliseVin } from './normalise.ts';

describe('normaliseVin', () => {
  it.each([
    ['already canonical', 'LFV3A23C4R3012345', 'LFV3A23C4R3012345'],
    ['lower case', 'lfv3a23c4r3012345', 'LFV3A23C4R3012345'],
    ['surrounding whitespace', '  LFV3A23C4R3012345\n\t', 'LFV3A23C4R3012345'],
    ['inner spaces', 'LFV 3A23C 4 R3 012345', 'LFV3A23C4R3012345'],
    ['dashes', 'LFV-3A23C-4-R3-012345', 'LFV3A23C4R3012345'],
    ['en dash and mixed case', 'lfv–3A23c 4–r3012345', 'LFV3A23C4R3012345'],
    ['full-width characters from a Chinese IME', 'ＬＦＶ３Ａ２３Ｃ４Ｒ３０１２３４５', 'LFV3A23C4R3012345'],
    ['ideographic space', 'LFV3A23C4\u3000R3012345', 'LFV3A23C4R3012345'],
    ['empty', '', ''],
    ['forbidden letters are kept for the validator to report', 'lfv3a23c4r3o12345', 'LFV3A23C4R3O12345'],
    ['other symbols are kept for the validator to report', 'LFV3A23C4R3*12345', 'LFV3A23C4R3*12345'],
  ])('%s', (_label, input, expected) => {
    expect(normaliseVin(input)).toBe(expected);
  });
});
