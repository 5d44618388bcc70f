import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { virtualLocations } from './locations.ts';
import { dropZeros, moveDeltas, quantIsValid, quantsFromMoves, type MoveFacts } from './quant-math.ts';

const STOCK = 'wh-stock';
const OTHER = 'wh2-stock';
const base = { productId: 'p', lotId: 'l', ownerOrgId: 'o' };

describe('what a move does to the quants', () => {
  const cases: [string, MoveFacts, [string, number, number][]][] = [
    ['a receipt adds on hand', { ...base, phase: 'single', qty: 3, fromLocationId: virtualLocations.supplier.id, toLocationId: STOCK }, [[STOCK, 3, 0]]],
    ['a reservation reserves at the source', { ...base, phase: 'pending', qty: 2, fromLocationId: STOCK, toLocationId: virtualLocations.customer.id }, [[STOCK, 0, 2]]],
    ['posting it takes the goods out', { ...base, phase: 'post', qty: 2, fromLocationId: STOCK, toLocationId: virtualLocations.customer.id }, [[STOCK, -2, -2]]],
    ['voiding it frees them', { ...base, phase: 'void', qty: 2, fromLocationId: STOCK, toLocationId: virtualLocations.customer.id }, [[STOCK, 0, -2]]],
    [
      'a transfer leg into transit is counted on both sides',
      { ...base, phase: 'single', qty: 1, fromLocationId: STOCK, toLocationId: virtualLocations.transit.id },
      [
        [STOCK, -1, 0],
        [virtualLocations.transit.id, 1, 0],
      ],
    ],
    ['a count’s loss leaves the warehouse only', { ...base, phase: 'single', qty: 1, fromLocationId: OTHER, toLocationId: virtualLocations.loss.id }, [[OTHER, -1, 0]]],
  ];
  it.each(cases)('%s', (_, move, expected) => {
    expect(moveDeltas(move).map((d) => [d.locationId, d.onHand, d.reserved])).toEqual(expected);
  });
});

// A random history of receipts, reservations and their posting or voiding, each allowed only when
// the stock it needs is there (as the commands allow them): the quants rebuilt from it never go
// negative, never reserve more than is on hand, and units are conserved: what came in is what is
// on hand plus what left to customers.
describe('quant arithmetic, property-based', () => {
  type Op = { kind: 'receive' | 'reserve' | 'post' | 'void'; qty: number; pick: number };
  const op = fc.record({ kind: fc.constantFrom<Op['kind']>('receive', 'reserve', 'post', 'void'), qty: fc.integer({ min: 1, max: 5 }), pick: fc.nat() });

  it('keeps every quant possible and conserves units', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const moves: MoveFacts[] = [];
        const open: MoveFacts[] = [];
        let received = 0;
        let delivered = 0;
        for (const o of ops) {
          const now = dropZeros(quantsFromMoves(moves)).get(`p|${STOCK}|l|o`) ?? { onHand: 0, reserved: 0 };
          if (o.kind === 'receive') {
            moves.push({ ...base, phase: 'single', qty: o.qty, fromLocationId: virtualLocations.supplier.id, toLocationId: STOCK });
            received += o.qty;
          } else if (o.kind === 'reserve' && now.onHand - now.reserved >= o.qty) {
            const m: MoveFacts = { ...base, phase: 'pending', qty: o.qty, fromLocationId: STOCK, toLocationId: virtualLocations.customer.id };
            moves.push(m);
            open.push(m);
          } else if ((o.kind === 'post' || o.kind === 'void') && open.length > 0) {
            const [pending] = open.splice(o.pick % open.length, 1);
            moves.push({ ...pending!, phase: o.kind });
            if (o.kind === 'post') delivered += pending!.qty;
          }
        }
        const quants = dropZeros(quantsFromMoves(moves));
        for (const q of quants.values()) expect(quantIsValid(q)).toBe(true);
        const stock = quants.get(`p|${STOCK}|l|o`) ?? { onHand: 0, reserved: 0 };
        expect(stock.onHand + delivered).toBe(received);
        expect(stock.reserved).toBe(open.reduce((s, m) => s + m.qty, 0));
      }),
      { numRuns: 200 },
    );
  });
});
