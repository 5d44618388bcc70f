import { describe, expect, it } from 'vitest';
import { computeCheckDigit, hasValidCheckDigit, transliterate } from './check-digit.ts';

// Each VIN below was checked by hand. The products are value × weight for positions 1-17, with
// weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2 (position 9 weighs 0 and is left out).
const HAND_CHECKED: [string, string, string][] = [
  // 49 CFR 565's classic example. 1·8 + M4·7 + 8·6 + G7·5 + D4·4 + M4·3 + 9·2 + A1·10 + K2·9
  // + P7·8 + 0·7 + 4·6 + 2·5 + 7·4 + 8·3 + 8·2 = 8+28+48+35+16+12+18+10+18+56+0+24+10+28+24+16
  // = 351; 351 mod 11 = 10 → X.
  ['published 49 CFR 565 example', '1M8GDM9AXKP042788', 'X'],
  // A Shanghai-built Tesla Model 3 as printed in a public VIN guide; recomputed: sum 456, mod 11 = 5.
  ['published Tesla Shanghai VIN', 'LRW3E7FS5PC695355', '5'],
  // L3·8 + F6·7 + V5·6 + 3·5 + A1·4 + 2·3 + 3·2 + C3·10 + R9·9 + 3·8 + 0·7 + 1·6 + 2·5 + 3·4
  // + 4·3 + 5·2 = 24+42+30+15+4+6+6+30+81+24+0+6+10+12+12+10 = 312; 312 mod 11 = 4.
  ['constructed FAW-Volkswagen VIN', 'LFV3A23C4R3012345', '4'],
  // L3·8 + G7·7 + X7·6 + C3·5 + E5·4 + 4·3 + C3·2 + B2·10 + S2·9 + 1·8 + 0 + 0 + 0 + 0 + 0
  // + 8·2 = 24+49+42+15+20+12+6+20+18+8+16 = 230; 230 mod 11 = 10 → X.
  ['constructed BYD VIN with check digit X', 'LGXCE4CBXS1000008', 'X'],
  // L3·8 + S2·7 + G7·6 + K2·5 + B2·4 + 5·3 + 4·2 + H8·10 + T3·9 + 1·8 + 0 + 0 + 0 + 0 + 0
  // + 3·2 = 24+14+42+10+8+15+8+80+27+8+6 = 242 = 11·22 → 0.
  ['constructed SAIC-GM VIN with check digit 0', 'LSGKB54H0T1000003', '0'],
  // W6·8 + B2·7 + A1·6 + 5·5 + R9·4 + 1·3 + C3·2 + 5·10 + N5·9 + 1·8 + 0 + … + 0
  // = 48+14+6+25+36+3+6+50+45+8 = 241; 241 mod 11 = 10 → X.
  ['constructed BMW VIN', 'WBA5R1C5XN1000000', 'X'],
];

describe('transliterate', () => {
  it.each([
    ['A', 1],
    ['H', 8],
    ['J', 1],
    ['N', 5],
    ['P', 7],
    ['R', 9],
    ['S', 2],
    ['Z', 9],
    ['0', 0],
    ['9', 9],
  ])('gives %s the value %i', (character, value) => {
    expect(transliterate(character)).toBe(value);
  });

  it.each(['I', 'O', 'Q', 'a', '*', ''])('has no value for %j', (character) => {
    expect(transliterate(character)).toBeUndefined();
  });
});

describe('computeCheckDigit', () => {
  it.each(HAND_CHECKED)('matches the hand calculation for the %s', (_label, vin, check) => {
    expect(computeCheckDigit(vin)).toBe(check);
  });

  it('ignores whatever stands at position 9', () => {
    expect(computeCheckDigit('LFV3A23C*R3012345')).toBe('4');
    expect(computeCheckDigit('LFV3A23CXR3012345')).toBe('4');
  });

  it.each([
    ['too short', 'LFV3A23C4R301234'],
    ['too long', 'LFV3A23C4R30123456'],
    ['forbidden letter', 'LFV3A23C4R3O12345'],
    ['lower case', 'lfv3a23c4r3012345'],
  ])('returns null for unusable input (%s)', (_label, input) => {
    expect(computeCheckDigit(input)).toBeNull();
  });
});

describe('hasValidCheckDigit', () => {
  it.each(HAND_CHECKED)('accepts the %s', (_label, vin) => {
    expect(hasValidCheckDigit(vin)).toBe(true);
  });

  it.each([['1M8GDM9A1KP042788'], ['LFV3A23C5R3012345'], ['LGXCE4CB0S1000008'], ['LFV3A23C4R3012346'], ['LFV3A23C4R301234']])('rejects %s', (vin) => {
    expect(hasValidCheckDigit(vin)).toBe(false);
  });
});
