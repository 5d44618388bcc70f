import { describe, expect, it } from 'vitest';
import { scanProblems, type LineToScan, type ReservedLot, type UnitAtScan } from './order-units.ts';

const SHELF = 'loc-hz';
const P = 'product-bumper';
const line = (over: Partial<LineToScan> = {}): LineToScan => ({ orderLineId: 'line-1', productId: P, qty: 1, codesRequired: true, codes: ['C1'], path: 'lines.0', ...over });
const held = (over: Partial<ReservedLot> = {}): ReservedLot => ({ orderLineId: 'line-1', lotId: 'lot-a', lotNo: 'A', qty: 1, recalled: false, ...over });
const unit = (over: Partial<UnitAtScan> = {}): UnitAtScan => ({
  code: 'C1',
  productId: P,
  lotId: 'lot-a',
  lotNo: 'A',
  lotRecalled: false,
  status: 'in_stock',
  locationId: SHELF,
  orderLineId: null,
  ...over,
});

describe('scanProblems', () => {
  const cases: [string, LineToScan[], ReservedLot[], UnitAtScan[], [string, string, Record<string, unknown>?][]][] = [
    ['a unit of the reserved lot on the shelf fits', [line()], [held()], [unit()], []],
    ['an unknown code', [line()], [held()], [], [['lines.0.traceCodes.0', 'trace_code_not_found']]],
    ['another product’s code', [line()], [held()], [unit({ productId: 'other' })], [['lines.0.traceCodes.0', 'trace_code_wrong_product']]],
    ['a code of a lot not reserved for the line', [line()], [held()], [unit({ lotId: 'lot-b', lotNo: 'B' })], [['lines.0.traceCodes.0', 'trace_code_wrong_lot']]],
    [
      'a code of a recalled lot the line does not hold: recalled, not “wrong lot”',
      [line()],
      [held({ lotId: 'lot-b', lotNo: 'B' })],
      [unit({ lotRecalled: true })],
      [['lines.0.traceCodes.0', 'trace_code_recalled', { value: 'C1', lotNo: 'A' }]],
    ],
    [
      'a line holding a recalled lot cannot be picked, and its units of that lot are refused',
      [line()],
      [held({ recalled: true })],
      [unit({ lotRecalled: true })],
      [
        ['lines.0.orderLineId', 'line_lot_recalled', { lotNo: 'A' }],
        ['lines.0.traceCodes.0', 'trace_code_recalled', { value: 'C1', lotNo: 'A' }],
      ],
    ],
    [
      'a line holding a recalled lot is refused without codes too (parts that carry none)',
      [line({ codesRequired: false, codes: [] })],
      [held({ recalled: true })],
      [],
      [['lines.0.orderLineId', 'line_lot_recalled', { lotNo: 'A' }]],
    ],
    [
      'a line holding only other lots is not concerned by a recall elsewhere',
      [line({ codesRequired: false, codes: [] })],
      [held({ lotId: 'lot-b', lotNo: 'B' }), held({ orderLineId: 'line-2', recalled: true })],
      [],
      [],
    ],
    ['a unit already scanned for another line', [line()], [held()], [unit({ orderLineId: 'line-9' })], [['lines.0.traceCodes.0', 'trace_code_not_in_stock']]],
    ['a unit at another warehouse', [line()], [held()], [unit({ locationId: 'loc-cd' })], [['lines.0.traceCodes.0', 'trace_code_not_in_stock']]],
    ['a unit already shipped', [line()], [held()], [unit({ status: 'shipped' })], [['lines.0.traceCodes.0', 'trace_code_not_in_stock']]],
    ['more units of a lot than were reserved from it', [line({ qty: 2, codes: ['C1', 'C2'] })], [held({ qty: 1 })], [unit(), unit({ code: 'C2' })], [['lines.0.traceCodes.1', 'trace_code_wrong_lot']]],
    ['the same code twice', [line({ qty: 2, codes: ['C1', 'C1'] })], [held({ qty: 2 })], [unit()], [['lines.0.traceCodes.1', 'trace_code_taken']]],
    ['a certified line without codes', [line({ codes: [] })], [held()], [], [['lines.0.traceCodes', 'trace_codes_required']]],
    ['fewer codes than units', [line({ qty: 2 })], [held({ qty: 2 })], [unit()], [['lines.0.traceCodes', 'trace_codes_count', { count: 1, qty: 2 }]]],
  ];
  it.each(cases)('%s', (_name, lines, reserved, units, expected) => {
    const problems = scanProblems(lines, reserved, units, SHELF);
    expect(problems.map((p) => [p.path, p.code])).toEqual(expected.map(([path, code]) => [path, code]));
    expected.forEach(([, , params], i) => {
      if (params) expect(problems[i]!.params).toEqual(params);
    });
  });
});
