import { z } from 'zod';

// Money is an integer number of fen (分) in CNY, held as bigint in code and BIGINT in the
// database; never a float. Prices carry VAT, and the VAT part is kept beside them.

export const PARTS_VAT_PCT = 13n;

// The VAT inside a VAT-inclusive price: gross × rate / (100 + rate), rounded half up to the fen.
export function vatOfGross(grossFen: bigint, ratePct: bigint = PARTS_VAT_PCT): bigint {
  if (grossFen < 0n) throw new Error(`vatOfGross: negative amount ${grossFen}`);
  const denominator = 100n + ratePct;
  return (grossFen * ratePct * 2n + denominator) / (denominator * 2n);
}

// JSON has no bigint; the API carries fen as integer numbers, which is exact up to 2^53 fen
// (about 90 trillion yuan). Crossing that would be a bug, so it throws rather than round.
export function fenToJson(fen: bigint): number {
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`amount ${fen} fen is outside the exact range of JSON numbers`);
  }
  return Number(fen);
}

// Input: a non-negative integer of fen as a JSON number, read into a bigint.
export const fenInput = z
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => BigInt(n));

export const fenOutput = z.number().int();

// Integer division rounded half away from zero, so a saving and a loss of the same size show the
// same number.
export function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

// A saving in basis points of its reference (0 with no reference): what the price check records.
export function savingBp(savingFen: bigint, referenceFen: bigint): number {
  return referenceFen > 0n ? Number(divRoundHalfAway(savingFen * 10_000n, referenceFen)) : 0;
}

// Saving of a price against a reference, in fen and in per cent for display: the basis points
// above, cut (not rounded) to one decimal, so a list never shows more saving than was recorded.
export function saving(referenceFen: bigint, priceFen: bigint): { savingFen: bigint; savingPct: number } {
  const savingFen = referenceFen - priceFen;
  return { savingFen, savingPct: Math.trunc(savingBp(savingFen, referenceFen) / 10) / 10 };
}
