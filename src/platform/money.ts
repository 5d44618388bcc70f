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

// Saving of a price against a reference, in fen and in per cent (one decimal, for display).
export function saving(referenceFen: bigint, priceFen: bigint): { savingFen: bigint; savingPct: number } {
  const savingFen = referenceFen - priceFen;
  const savingPct = referenceFen > 0n ? Number((savingFen * 1000n) / referenceFen) / 10 : 0;
  return { savingFen, savingPct };
}
