import { describe, expect, it } from 'vitest';
import {
  assertBoundsSafe,
  atMostUnitFen,
  HEADROOM,
  LARGEST_DERIVED_FEN,
  MAX_ASSESSMENT_VERSIONS,
  MAX_CLAIM_PARTS_TOTAL_FEN,
  MAX_LINE_AMOUNT_FEN,
  MAX_LINE_QTY,
  MAX_LINES_PER_ASSESSMENT,
  MAX_ORDER_LINES,
  MAX_ORDER_TOTAL_FEN,
  MAX_SAVING_BP,
  MAX_UNIT_PRICE_FEN,
  MAX_VEHICLE_VALUE_FEN,
  MIN_SAVING_BP,
  moneyBounds,
  quantityBounds,
} from './bounds.ts';
import { divRoundHalfAway, fenToJson, saving, savingBp, vatOfGross } from './money.ts';

// The arithmetic bounds.ts promises, checked with the largest values the bounds admit: every
// product and sum the code forms stays far inside 2^53, and so leaves as an exact JSON number.

const exact = BigInt(Number.MAX_SAFE_INTEGER);
const unit = BigInt(MAX_UNIT_PRICE_FEN);
const qty = BigInt(MAX_LINE_QTY);

describe('domain bounds', () => {
  it('hold their own assertion', () => expect(() => assertBoundsSafe()).not.toThrow());

  it('derive the line, order and claim maxima from unit × quantity × lines', () => {
    expect(BigInt(MAX_LINE_AMOUNT_FEN)).toBe(unit * qty);
    expect(BigInt(MAX_ORDER_TOTAL_FEN)).toBe(unit * qty * BigInt(MAX_ORDER_LINES));
    expect(BigInt(MAX_CLAIM_PARTS_TOTAL_FEN)).toBe(unit * qty * BigInt(MAX_LINES_PER_ASSESSMENT) * BigInt(MAX_ASSESSMENT_VERSIONS));
    expect(LARGEST_DERIVED_FEN).toBe(BigInt(MAX_CLAIM_PARTS_TOTAL_FEN));
  });

  it('leave at least the promised headroom below 2^53 for every money bound', () => {
    for (const value of Object.values(moneyBounds)) expect(BigInt(value) * HEADROOM).toBeLessThanOrEqual(exact);
    for (const value of Object.values(quantityBounds)) expect(BigInt(value) * HEADROOM).toBeLessThan(2n ** 31n);
  });

  it('keep a whole claim of the most expensive lines showable: amounts, VAT, net, saving, reference', () => {
    const lines = MAX_LINES_PER_ASSESSMENT * MAX_ASSESSMENT_VERSIONS;
    const line = unit * qty;
    const total = line * BigInt(lines);
    // The reference of the same claim at the largest OE price, and a loss against a 1-fen one.
    const reference = unit * qty * BigInt(lines);
    for (const fen of [line, total, vatOfGross(total), total - vatOfGross(total), reference, reference - total, BigInt(lines) * qty - total]) {
      expect(() => fenToJson(fen)).not.toThrow();
    }
    // A handling fee or a guide's cap is basis points ≤ 100 % of its base: never larger.
    expect((total * 10_000n * 2n + 10_000n) / 20_000n).toBe(total);
  });

  it('would not have, at the old bound of 2^53 − 1 per unit (the probe’s offer)', () => {
    expect(() => fenToJson(exact * 2n)).toThrow(/exact range/);
  });

  it('clamp a saving in basis points into [MIN_SAVING_BP, MAX_SAVING_BP]', () => {
    // The worst loss the bounds admit: the largest line against a reference of 1 fen per unit.
    const reference = qty;
    const amount = unit * qty;
    expect(divRoundHalfAway((reference - amount) * 10_000n, reference)).toBeLessThan(BigInt(MIN_SAVING_BP));
    expect(savingBp(reference - amount, reference)).toBe(MIN_SAVING_BP);
    expect(savingBp(reference, reference)).toBe(MAX_SAVING_BP);
    expect(saving(1n, unit)).toEqual({ savingFen: 1n - unit, savingPct: MIN_SAVING_BP / 100 });
  });

  it('read a stored unit amount above the bound as the bound', () => {
    expect(atMostUnitFen(exact)).toBe(unit);
    expect(atMostUnitFen(unit)).toBe(unit);
    expect(atMostUnitFen(1n)).toBe(1n);
  });

  it('bound a vehicle’s value above any line but inside the exact range', () => {
    expect(MAX_VEHICLE_VALUE_FEN).toBeGreaterThan(MAX_UNIT_PRICE_FEN);
    expect(Number.isSafeInteger(MAX_VEHICLE_VALUE_FEN)).toBe(true);
  });
});
