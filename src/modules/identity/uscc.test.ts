import { describe, expect, it } from 'vitest';
import { usccCheckCharacter, validateUscc } from './uscc.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Published codes of well-known registrants; their check characters were recomputed with the
// GB 32100-2015 weights outside this module and agree with the published values.
const PUBLISHED = ['91350100M000100Y43', '91110000802100433B', '91440300708461136T', '91110108551385082Q', '914403001922038216'];

// Fictional first-17 strings with check characters computed independently of uscc.ts. The two
// ending in 0 exercise the rule that a remainder of 0 maps to 31 and then to 0.
const BUILT: [string, string][] = [
  ['91330106MA2B12345', 'N'],
  ['12100000400012345', 'P'],
  ['53110000500000001', '8'],
  ['91330106MA2B12348', '0'],
  ['Y1440300MA5F0000F', '0'],
];

describe('usccCheckCharacter', () => {
  it.each(BUILT)('computes the check character of %s as %s', (first17, check) => {
    expect(usccCheckCharacter(first17)).toBe(check);
  });

  it.each(PUBLISHED)('reproduces the published check character of %s', (code) => {
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it.each(['', '9135010', '91350100M000100Y43', '91350100M000100I4'])('throws on unusable input %j', (input) => {
    expect(() => usccCheckCharacter(input)).toThrow();
  });
});

describe('validateUscc', () => {
  it.each([...PUBLISHED, ...BUILT.map(([first17, check]) => first17 + check)])('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, code });
  });

  it.each([
    ['  91350100m000100y43\n', '91350100M000100Y43'],
    ['\t91110000802100433b ', '91110000802100433B'],
    ['91330106ma2b12345n', '91330106MA2B12345N'],
  ])('normalises %j to %s', (input, code) => {
    expect(validateUscc(input)).toEqual({ ok: true, code });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y433'],
    ['inner space', '91350100 M000100Y43'],
  ])('rejects a wrong length (%s)', (_label, input) => {
    expect(validateUscc(input)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([
    ['I', '91350100M000100I43', 16],
    ['O', '91350100O000100Y43', 9],
    ['Z', '9Z350100M000100Y43', 2],
    ['S', 'S1350100M000100Y43', 1],
    ['V', '91350100M000100Y4V', 18],
    ['lower-case o after upper-casing', '91350100M0o0100Y43', 11],
    ['punctuation', '91350100M000-00Y43', 13],
    ['letter in the division code', '9135A100M000100Y43', 5],
    ['unknown registration authority P', 'P1350100M000100Y43', 1],
  ])('rejects a forbidden character (%s)', (_label, input, position) => {
    expect(validateUscc(input)).toEqual({ ok: false, reason: 'charset', position });
  });

  it.each([['91350100M000100Y44'], ['91110000802100433C'], ['91350100M000100Y34']])('rejects a wrong check character in %s', (input) => {
    expect(validateUscc(input)).toEqual({ ok: false, reason: 'check_character', position: 18 });
  });

  it('accepts exactly one check character for each first-17 string', () => {
    for (const [first17] of BUILT) {
      const accepted = [...CHARSET].filter((check) => validateUscc(first17 + check).ok);
      expect(accepted).toEqual([usccCheckCharacter(first17)]);
    }
  });
});
