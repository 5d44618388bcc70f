import { randomBytes } from 'node:crypto';
import { z } from 'zod';

// Trace codes (追溯码, 一物一码) are issued by the platform when a unit is received, printed on its
// label and looked up by anyone who holds the part. The public lookup must not let anyone walk
// through the codes in use, so a code is mostly randomness: `AP` (安配), twelve random symbols of
// Crockford's base32 (60 bits from node:crypto) and one check symbol, printed in three groups of
// five: `AP7K3-M9QXD-T2FWP`. Fifteen symbols are short enough to type from a worn label.
//
// Crockford's alphabet leaves out I, L, O and U, so that what people misread is read back right
// (I and L as 1, O as 0) and U (which would spell words) is refused. The check symbol is the
// code's value modulo 37 (Crockford's own check): 37 is prime and larger than the alphabet, so
// every single wrong symbol and every swap of two neighbours changes the remainder. Crockford
// spells remainders 32–36 with *, ~, $, = and U, which are awkward on a label and in a URL; codes
// whose remainder is one of those are simply not issued (a 5/37 share of the draws), so every check
// symbol is an ordinary base32 symbol and the whole code normalises alike.
//
// Codes stored before the platform issued them (the warehouse typed in whatever the label said)
// remain valid: anything that is not fifteen letters and digits, separators aside, is read as such
// a code, upper-cased as it always was.

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACE_CODE_PREFIX = 'AP';
export const TRACE_CODE_RANDOM_SYMBOLS = 12;
const CHECK_MODULUS = 37;
// Prefix, random symbols and the check symbol, without the dashes.
export const TRACE_CODE_SYMBOLS = TRACE_CODE_PREFIX.length + TRACE_CODE_RANDOM_SYMBOLS + 1;
const GROUP_SYMBOLS = 5;
// A source of random bytes that never yields an issuable code in this many draws is broken (each
// draw is issuable with probability 32/37).
const MAX_DRAWS = 64;

const SYMBOL_VALUE = new Map<string, number>([...CROCKFORD_ALPHABET].map((c, i) => [c, i]));
SYMBOL_VALUE.set('I', 1);
SYMBOL_VALUE.set('L', 1);
SYMBOL_VALUE.set('O', 0);

// The remainder modulo 37 of the symbols read as one base-32 number (Horner's rule, so no big
// integers), the prefix included: a mistyped prefix is caught like any other symbol.
export function traceCodeCheckValue(symbols: string): number {
  let r = 0;
  for (const c of symbols) {
    const v = SYMBOL_VALUE.get(c);
    if (v === undefined) throw new Error(`traceCodeCheckValue: ${c} is not a base32 symbol`);
    r = (r * 32 + v) % CHECK_MODULUS;
  }
  return r;
}

function grouped(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_SYMBOLS) groups.push(symbols.slice(i, i + GROUP_SYMBOLS));
  return groups.join('-');
}

export type RandomBytes = (size: number) => Uint8Array;

// A new code, in the printed form. The random source is a parameter for tests only.
export function newTraceCode(random: RandomBytes = randomBytes): string {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const bytes = random(TRACE_CODE_RANDOM_SYMBOLS);
    if (bytes.length !== TRACE_CODE_RANDOM_SYMBOLS) throw new Error('newTraceCode: the random source gave the wrong number of bytes');
    // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
    const body = TRACE_CODE_PREFIX + Array.from(bytes, (b) => CROCKFORD_ALPHABET[b & 31]).join('');
    const check = traceCodeCheckValue(body);
    if (check < CROCKFORD_ALPHABET.length) return grouped(body + CROCKFORD_ALPHABET[check]);
  }
  throw new Error(`newTraceCode: no issuable code in ${MAX_DRAWS} draws; the random source is broken`);
}

export type TraceCodeReading =
  // A code the platform issues, in its printed form whatever way it was typed.
  | { kind: 'issued'; code: string }
  // A code stored before the platform issued codes: trimmed and upper-cased, as it was stored.
  | { kind: 'legacy'; code: string }
  // Shaped like an issued code, but a symbol is wrong: its check symbol disagrees, it does not
  // start with AP, or it holds a U.
  | { kind: 'mistyped' }
  // Cannot be a code at all.
  | { kind: 'invalid' };

// Dashes of every width and white space separate groups however a code was typed or pasted.
const SEPARATORS = /[\s\-‐‑‒–—―]/gu;
const LEGACY_CODE = /^[A-Z0-9][A-Z0-9-]{5,63}$/;
const ALPHANUMERIC = /^[0-9A-Z]+$/;

// How a typed, scanned or pasted code is read. NFKC first: Chinese input methods type full-width
// letters and digits (ＡＰ７Ｋ３), which are the same code.
export function readTraceCode(raw: string): TraceCodeReading {
  const text = raw.normalize('NFKC').trim().toUpperCase();
  const compact = text.replace(SEPARATORS, '');
  if (compact.length === TRACE_CODE_SYMBOLS && ALPHANUMERIC.test(compact)) {
    if (!compact.startsWith(TRACE_CODE_PREFIX) || compact.includes('U')) return { kind: 'mistyped' };
    const symbols = [...compact].map((c) => CROCKFORD_ALPHABET[SYMBOL_VALUE.get(c)!]).join('');
    const check = traceCodeCheckValue(symbols.slice(0, -1));
    return SYMBOL_VALUE.get(symbols.at(-1)!) === check ? { kind: 'issued', code: grouped(symbols) } : { kind: 'mistyped' };
  }
  return LEGACY_CODE.test(text) ? { kind: 'legacy', code: text } : { kind: 'invalid' };
}

// A trace code in a request (scanned at packing, at a shop's receipt, at a count): read as above,
// so that any way of typing it finds the unit; a mistyped code is refused at once, by its field.
export const traceCodeField = z
  .string()
  .max(100)
  .transform((raw, ctx) => {
    const reading = readTraceCode(raw);
    if (reading.kind === 'issued' || reading.kind === 'legacy') return reading.code;
    ctx.addIssue({ code: 'custom', message: reading.kind === 'mistyped' ? 'trace_code_mistyped' : 'trace_code_invalid' });
    return z.NEVER;
  });
