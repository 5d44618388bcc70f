import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, newTraceCode, readTraceCode, traceCodeCheckValue, traceCodeField, type TraceCodeReading } from './trace-code.ts';

const PRINTED = /^AP[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
const compact = (code: string) => code.replaceAll('-', '');
// The same check computed another way: the symbols as one big base-32 number, modulo 37.
const bigCheck = (symbols: string) => Number([...symbols].reduce((n, c) => n * 32n + BigInt(CROCKFORD_ALPHABET.indexOf(c)), 0n) % 37n);
const bytesOf = (...draws: number[]) => {
  let i = 0;
  return (size: number) => new Uint8Array(size).fill(draws[i++]!);
};

describe('newTraceCode', () => {
  const cases: [string, number[], string][] = [
    // Computed by hand: "AP" then twelve 0s is 16 modulo 37, the symbol G.
    ['twelve zero symbols', [0], 'AP000-00000-0000G'],
    // Twelve 1s give 33, which has no base32 symbol: that draw is skipped, the next one used.
    ['a draw whose check has no base32 symbol is skipped', [1, 0], 'AP000-00000-0000G'],
    // Only the low five bits of a byte count: 0xff is 31, Z; "AP" then twelve Zs is 25, S.
    ['bytes above 31 are taken modulo 32', [0xff], 'APZZZ-ZZZZZ-ZZZZS'],
  ];
  it.each(cases)('%s', (_name, draws, expected) => {
    expect(newTraceCode(bytesOf(...draws))).toBe(expected);
  });

  it('gives printed codes of 15 symbols that check, from node:crypto, never the same twice', () => {
    const codes = Array.from({ length: 2000 }, () => newTraceCode());
    const wrong = codes.filter((code) => {
      const symbols = compact(code);
      const reading = readTraceCode(code);
      return !PRINTED.test(code) || CROCKFORD_ALPHABET.indexOf(symbols.at(-1)!) !== bigCheck(symbols.slice(0, -1)) || reading.kind !== 'issued' || reading.code !== code;
    });
    expect(wrong).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    // Every random position takes many values (a counter or a date would not).
    for (let pos = 2; pos < 14; pos++) expect(new Set(codes.map((c) => compact(c)[pos])).size).toBe(32);
  });

  it('refuses a random source that never yields an issuable code', () => {
    expect(() => newTraceCode(bytesOf(...Array<number>(64).fill(1)))).toThrow(/random source is broken/);
  });
});

describe('traceCodeCheckValue', () => {
  it('is the symbols read as one base-32 number, modulo 37', () => {
    for (let i = 0; i < 500; i++) {
      const symbols = Array.from({ length: 1 + (i % 20) }, () => CROCKFORD_ALPHABET[Math.floor(Math.random() * 32)]).join('');
      expect(traceCodeCheckValue(symbols)).toBe(bigCheck(symbols));
    }
  });
});

describe('readTraceCode', () => {
  const code = 'AP7K3-M9QXD-T2FWP';
  const cases: [string, string, TraceCodeReading][] = [
    ['the printed form', code, { kind: 'issued', code }],
    ['lower case', 'ap7k3-m9qxd-t2fwp', { kind: 'issued', code }],
    ['without dashes', 'AP7K3M9QXDT2FWP', { kind: 'issued', code }],
    ['spaces and other groupings', ' AP 7K3M 9QXD T2FWP ', { kind: 'issued', code }],
    ['en and em dashes', 'AP7K3–M9QXD—T2FWP', { kind: 'issued', code }],
    ['full-width, as Chinese input methods type it', 'ＡＰ７Ｋ３－Ｍ９ＱＸＤ－Ｔ２ＦＷＰ', { kind: 'issued', code }],
    // AP101010101010 is 28 modulo 37, the symbol W (computed by hand).
    ['the code of ones and zeros', 'AP101-01010-1010W', { kind: 'issued', code: 'AP101-01010-1010W' }],
    ['O read as 0, I and L as 1', 'APIOL-OIOLO-IOLOW', { kind: 'issued', code: 'AP101-01010-1010W' }],
    ['look-alikes in lower case', 'apiol-oiolo-iolow', { kind: 'issued', code: 'AP101-01010-1010W' }],
    ['a wrong check symbol', 'AP7K3-M9QXD-T2FWQ', { kind: 'mistyped' }],
    ['one symbol wrong', 'AP7K3-M9QXD-T2EWP', { kind: 'mistyped' }],
    ['two neighbours swapped', 'AP7K3-M9XQD-T2FWP', { kind: 'mistyped' }],
    ['a wrong prefix', 'AQ7K3-M9QXD-T2FWP', { kind: 'mistyped' }],
    ['a U, which the alphabet leaves out', 'AP7K3-M9QXD-T2FUP', { kind: 'mistyped' }],
    ['a code stored before codes were issued', 'AX202611100001', { kind: 'legacy', code: 'AX202611100001' }],
    ['an old code typed in lower case with spaces', '  tr-cert-0001 ', { kind: 'legacy', code: 'TR-CERT-0001' }],
    ['a symbol short of an issued code is read as an old one (and is unknown)', 'AP7K3-M9QXD-T2FW', { kind: 'legacy', code: 'AP7K3-M9QXD-T2FW' }],
    ['punctuation', '!?', { kind: 'invalid' }],
    ['nothing', '   ', { kind: 'invalid' }],
    ['too long', 'X'.repeat(65), { kind: 'invalid' }],
  ];
  it.each(cases)('%s: %s', (_name, input, expected) => {
    expect(readTraceCode(input)).toEqual(expected);
  });

  // The check symbol's promise: every single wrong symbol and every swap of two neighbours is
  // caught, for any code, and typing a look-alike (O, I, L) is not an error.
  it('catches every single-symbol substitution and every adjacent transposition', () => {
    const lookAlike: Record<string, string> = { I: '1', L: '1', O: '0' };
    const missed: string[] = [];
    let substitutions = 0;
    let transpositions = 0;
    for (let n = 0; n < 200; n++) {
      const printed = newTraceCode();
      const symbols = compact(printed);
      for (let pos = 0; pos < symbols.length; pos++) {
        for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
          const typed = symbols.slice(0, pos) + c + symbols.slice(pos + 1);
          const reading = readTraceCode(typed);
          if ((lookAlike[c] ?? c) === symbols[pos]) {
            if (reading.kind !== 'issued' || reading.code !== printed) missed.push(`${typed} should read as ${printed}`);
          } else {
            if (reading.kind !== 'mistyped') missed.push(`${typed} (from ${printed}) read as ${reading.kind}`);
            substitutions++;
          }
        }
        if (pos + 1 < symbols.length && symbols[pos] !== symbols[pos + 1]) {
          const swapped = symbols.slice(0, pos) + symbols[pos + 1] + symbols[pos] + symbols.slice(pos + 2);
          if (readTraceCode(swapped).kind !== 'mistyped') missed.push(`${swapped} (from ${printed}) not caught`);
          transpositions++;
        }
      }
    }
    expect(missed).toEqual([]);
    expect(substitutions).toBeGreaterThan(200 * 15 * 30);
    expect(transpositions).toBeGreaterThan(200 * 13);
  });
});

describe('traceCodeField', () => {
  it('gives the stored form, and names a mistyped or impossible code', () => {
    expect(traceCodeField.parse(' ap7k3 m9qxd t2fwp')).toBe('AP7K3-M9QXD-T2FWP');
    expect(traceCodeField.parse('ax-l1-0001')).toBe('AX-L1-0001');
    expect(traceCodeField.safeParse('AP7K3-M9QXD-T2FWQ').error?.issues[0]?.message).toBe('trace_code_mistyped');
    expect(traceCodeField.safeParse('!?').error?.issues[0]?.message).toBe('trace_code_invalid');
  });
});
