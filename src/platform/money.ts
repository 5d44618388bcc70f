import { z } from 'zod';
import { MAX_SAVING_BP, MIN_SAVING_BP } from './bounds.ts';

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

// Input: a whole number of fen as a JSON number, at most one of the domain's bounds (bounds.ts),
// so that nothing computed from it can leave the exact range above. fenNumber keeps the JSON
// number (for bodies that are fingerprinted as JSON); fenInput reads it into a bigint.
export function fenNumber(maxFen: number, minFen = 0) {
  return z.number().int().min(minFen).max(maxFen);
}

export function fenInput(maxFen: number, minFen = 0) {
  return fenNumber(maxFen, minFen).transform((n) => BigInt(n));
}

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
// At most 100 % can be saved, but a loss against a reference of a few fen has no natural floor,
// so it is clamped at MIN_SAVING_BP (bounds.ts): the figure stays readable and fits its column.
export function savingBp(savingFen: bigint, referenceFen: bigint): number {
  if (referenceFen <= 0n) return 0;
  const bp = divRoundHalfAway(savingFen * 10_000n, referenceFen);
  if (bp < BigInt(MIN_SAVING_BP)) return MIN_SAVING_BP;
  if (bp > BigInt(MAX_SAVING_BP)) return MAX_SAVING_BP;
  return Number(bp);
}

// Saving of a price against a reference, in fen and in per cent for display: the basis points
// above, cut (not rounded) to one decimal, so a list never shows more saving than was recorded.
export function saving(referenceFen: bigint, priceFen: bigint): { savingFen: bigint; savingPct: number } {
  const savingFen = referenceFen - priceFen;
  return { savingFen, savingPct: Math.trunc(savingBp(savingFen, referenceFen) / 10) / 10 };
}

// Fen as yuan with two places, exact for any bigint (no float), a minus in front when below zero,
// grouped by thousands for a person to read (997433581n → "9,974,335.81": the CLIs' reports) or
// not, for a figure written into a sentence or a parameter ("9974335.81": the quote's reasons).
export function yuanText(fen: bigint, grouped = true): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const whole = (abs / 100n).toString();
  return `${sign}${grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}
