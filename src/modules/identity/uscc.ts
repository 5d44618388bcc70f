// Validator for the unified social credit code (统一社会信用代码, GB 32100-2015). It is pure so that
// signup forms, imports and the seed all share one definition; callers decide what a failure means.

// The code alphabet: digits and capitals without I, O, Z, S and V, which read like 1, 0, 2, 5 and U.
// A character's value in the check sum is its index here.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;

// Position 1 names the registering authority: 1-9 and A-N are the government registrars, Y "other".
const AUTHORITIES = '123456789ABCDEFGHJKLMNY';

export type UsccResult = { ok: true; code: string } | { ok: false; reason: 'length' | 'charset' | 'check_character'; position?: number };

// Computes the 18th character from the first 17. It throws on bad input because it serves code
// that builds identifiers (the seed), where bad input is a programming error, not user input.
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== WEIGHTS.length) throw new Error(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  WEIGHTS.forEach((weight, index) => {
    const value = CHARSET.indexOf(first17.charAt(index));
    if (value < 0) throw new Error(`character ${index + 1} of ${first17} is outside the USCC charset`);
    sum += value * weight;
  });
  // The standard's 31 − (sum mod 31) gives 31 when the sum is a multiple of 31; that maps to 0.
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

// Returns the 1-based position of the first character not allowed where it stands, if any.
function charsetFault(code: string): number | undefined {
  for (let index = 0; index < code.length; index += 1) {
    const char = code.charAt(index);
    const position = index + 1;
    if (!CHARSET.includes(char)) return position;
    if (position === 1 && !AUTHORITIES.includes(char)) return position;
    // Positions 3-8 hold the administrative division code, which is always six digits.
    if (position >= 3 && position <= 8 && !/\d/.test(char)) return position;
  }
  return undefined;
}

export function validateUscc(input: string): UsccResult {
  // People paste codes from licences and PDFs, so surrounding spaces and lower case are forgiven.
  const code = input.trim().toUpperCase();
  if (code.length !== LENGTH) return { ok: false, reason: 'length' };
  const position = charsetFault(code);
  if (position !== undefined) return { ok: false, reason: 'charset', position };
  if (usccCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, reason: 'check_character', position: LENGTH };
  }
  return { ok: true, code };
}
