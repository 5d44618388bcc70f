import { describe, expect, it } from 'vitest';
import { supplierRating, type SupplierCounters } from './rating.ts';

const c = (linesReceived: number, linesRejected = 0, traceMismatches = 0, linesLate = 0): SupplierCounters => ({ linesReceived, linesRejected, traceMismatches, linesLate });

describe('supplier rating from receipts', () => {
  const cases: [string, SupplierCounters, number | null][] = [
    ['too few lines to say: unrated', c(4), null],
    ['every line fine', c(5), 100],
    ['one rejection in ten', c(10, 1), 90],
    ['a mismatched trace code weighs five rejections', c(10, 0, 1), 50],
    ['late deliveries weigh half', c(10, 0, 0, 2), 90],
    ['never below zero', c(5, 0, 5), 0],
    ['rounded to whole points', c(30, 1), 97],
  ];
  it.each(cases)('%s', (_, counters, rating) => {
    expect(supplierRating(counters)).toBe(rating);
  });
});
