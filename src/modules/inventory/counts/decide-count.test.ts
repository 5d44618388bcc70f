import { describe, expect, it } from 'vitest';
import { checkScannedCodes, decideCount, type CountLine } from './decide-count.ts';

const OP = 'op';
const SHELF = 'shelf';
const line = (index: number, counted: number, held: CountLine['held'], traceCodes?: string[]): CountLine => ({
  index,
  line: { productId: `p${index}`, lotNo: `L${index}`, counted, ...(traceCodes ? { traceCodes } : {}) },
  lotId: `lot${index}`,
  held,
  expected: held.reduce((n, q) => n + q.onHand, 0),
  reserved: held.reduce((n, q) => n + q.reserved, 0),
});

describe('checkScannedCodes', () => {
  const shelf = [
    { code: 'A1', lotId: 'lot0' },
    { code: 'A2', lotId: 'lot0' },
    { code: 'A3', lotId: 'lot0' },
  ];
  it.each([
    ['a plain lot needs no codes', [line(1, 2, [])], [], []],
    ['every code on the shelf found', [line(0, 3, [], ['A1', 'A2', 'A3'])], [], []],
    ['a code not found is lost', [line(0, 2, [], ['A1', 'A3'])], [], ['A2']],
    ['a coded lot counted without codes', [line(0, 3, [])], ['lines.0.traceCodes:trace_codes_required'], []],
    ['as many codes as counted', [line(0, 3, [], ['A1', 'A2'])], ['lines.0.traceCodes:trace_codes_count'], ['A3']],
    ['a code twice, a code from elsewhere', [line(0, 3, [], ['A1', 'A1', 'B9'])], ['lines.0.traceCodes.1:trace_code_taken', 'lines.0.traceCodes.2:trace_code_not_in_stock'], ['A2', 'A3']],
  ] as const)('%s', (_, lines, errors, lost) => {
    const out = checkScannedCodes([...lines], shelf);
    expect(out.errors.map((e) => `${e.path}:${e.code}`)).toEqual(errors);
    expect(out.lost).toEqual(lost);
  });
});

describe('decideCount', () => {
  it('books a loss on the operator first and a surplus to the operator, as moves to and from the loss location', () => {
    const { moves, stored, adjustments } = decideCount(
      [
        line(0, 3, [
          { ownerOrgId: OP, onHand: 2, reserved: 0 },
          { ownerOrgId: 'sup', onHand: 4, reserved: 1 },
        ]),
        line(1, 5, [{ ownerOrgId: OP, onHand: 4, reserved: 0 }]),
        line(2, 7, [{ ownerOrgId: OP, onHand: 7, reserved: 0 }]),
      ],
      { countId: 'c1', stockLocationId: SHELF, operatorOrgId: OP },
    );
    expect(adjustments.map((a) => [a.productId, a.ownerOrgId, a.direction, a.qty])).toEqual([
      ['p0', OP, 'loss', 2],
      ['p0', 'sup', 'loss', 1],
      ['p1', OP, 'surplus', 1],
    ]);
    expect(moves.map((m) => [m.productId, m.ownerOrgId, m.qty, m.fromLocationId === SHELF ? 'out' : 'in', m.documentId])).toEqual([
      ['p0', OP, 2, 'out', 'c1'],
      ['p0', 'sup', 1, 'out', 'c1'],
      ['p1', OP, 1, 'in', 'c1'],
    ]);
    // Stored per owner with the books before and after, the unchanged lot too.
    expect(stored.map((l) => [l.productId, l.ownerOrgId, l.expected, l.counted])).toEqual([
      ['p0', OP, 2, 0],
      ['p0', 'sup', 4, 3],
      ['p1', OP, 4, 5],
      ['p2', OP, 7, 7],
    ]);
  });

  it('a lot nobody held that is found belongs to the operator', () => {
    const { stored, adjustments } = decideCount([line(0, 2, [])], { countId: 'c', stockLocationId: SHELF, operatorOrgId: OP });
    expect(adjustments).toEqual([{ productId: 'p0', lotId: 'lot0', lotNo: 'L0', ownerOrgId: OP, direction: 'surplus', qty: 2 }]);
    expect(stored).toEqual([{ productId: 'p0', lotId: 'lot0', ownerOrgId: OP, expected: 0, counted: 2 }]);
  });
});
