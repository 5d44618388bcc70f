import { describe, expect, it } from 'vitest';
import { maskVin } from './vin-mask.ts';

describe('maskVin', () => {
  const cases: [string, string | null | undefined, string | null][] = [
    ['a 17-character VIN keeps its last four', 'LFV2A21K0R4123456', '*************3456'],
    ['lower case and spaces are normalised', '  lfv2a21k0r4654321 ', '*************4321'],
    ['five characters show four', 'ABCDE', '*BCDE'],
    ['four characters or fewer are hidden whole', 'AB12', '****'],
    ['a short value is hidden whole', 'AB', '**'],
    ['blank is no VIN', '   ', null],
    ['null is no VIN', null, null],
    ['undefined is no VIN', undefined, null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(maskVin(input)).toBe(expected);
  });
});
