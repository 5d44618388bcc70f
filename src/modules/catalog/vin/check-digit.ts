// The VIN check digit of ISO 3779 as made mandatory by 49 CFR 565 and GB 16735: each character
// is transliterated to a number, weighted by its position, summed, and the sum taken mod 11.

export const VIN_LENGTH = 17;
export const CHECK_DIGIT_POSITION = 9;

// Letters take the values 1-9 in three runs (A-H, J-R, S-Z). I, O and Q never occur in a VIN,
// and the gaps they leave are why P is 7 and R is 9.
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
  0: 0,
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  6: 6,
  7: 7,
  8: 8,
  9: 9,
};

// Position 9 weighs 0 so that the check digit does not take part in its own sum.
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

export function transliterate(character: string): number | undefined {
  return TRANSLITERATION[character];
}

// Returns the check digit the other 16 characters call for, or null when the input is not 17
// characters or one of them (other than position 9, which is ignored) is not a VIN character.
// Returning null rather than throwing lets callers compute it for unvalidated input.
export function computeCheckDigit(vin17: string): string | null {
  const characters = Array.from(vin17);
  if (characters.length !== VIN_LENGTH) return null;
  let sum = 0;
  for (const [index, weight] of WEIGHTS.entries()) {
    if (weight === 0) continue;
    const value = transliterate(characters[index] ?? '');
    if (value === undefined) return null;
    sum += value * weight;
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

// True when position 9 holds the check digit the rest of the VIN calls for.
export function hasValidCheckDigit(vin17: string): boolean {
  const expected = computeCheckDigit(vin17);
  return expected !== null && Array.from(vin17)[CHECK_DIGIT_POSITION - 1] === expected;
}
