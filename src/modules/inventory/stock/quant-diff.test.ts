import { describe, expect, it } from 'vitest';
import { quantKey, type QuantDelta } from '../quant-math.ts';
import { diffQuants, repairPlan } from './quant-diff.ts';

// One quant per case, by lot: what its moves add up to (undefined: no move touched it) and its
// cached row (undefined: none), then what verify reports and what a repair does with it.
const quant = (lot: string, onHand: number, reserved: number): QuantDelta => ({ productId: 'p', locationId: 'loc', lotId: lot, ownerOrgId: 'o', onHand, reserved });
type Case = [string, [number, number] | undefined, [number, number] | undefined, { differs: boolean; invalid: boolean; repair: 'none' | 'insert' | 'update' | 'remove' | 'unrepairable' }];
const cases: Case[] = [
  ['equal', [5, 2], [5, 2], { differs: false, invalid: false, repair: 'none' }],
  ['moves sum to zero, row at zero', [0, 0], [0, 0], { differs: false, invalid: false, repair: 'none' }],
  ['moves sum to zero, no row', [0, 0], undefined, { differs: false, invalid: false, repair: 'none' }],
  ['an empty row no move touched is left alone', undefined, [0, 0], { differs: false, invalid: false, repair: 'none' }],
  ['on hand drifted', [5, 2], [6, 2], { differs: true, invalid: false, repair: 'update' }],
  ['reserved drifted', [5, 2], [5, 0], { differs: true, invalid: false, repair: 'update' }],
  ['row left non-empty after the goods went', [0, 0], [3, 0], { differs: true, invalid: false, repair: 'update' }],
  ['row missing', [4, 1], undefined, { differs: true, invalid: false, repair: 'insert' }],
  ['row at zero, goods there', [4, 1], [0, 0], { differs: true, invalid: false, repair: 'update' }],
  ['row no move ever touched', undefined, [2, 0], { differs: true, invalid: false, repair: 'remove' }],
  ['moves negative', [-1, 0], [1, 0], { differs: true, invalid: true, repair: 'unrepairable' }],
  ['moves reserve more than on hand', [1, 2], undefined, { differs: true, invalid: true, repair: 'unrepairable' }],
];

describe('the cache against the moves, quant by quant', () => {
  it.each(cases)('%s', (lot, moved, stored, expected) => {
    const fromMoves = new Map(moved ? [[quantKey(quant(lot, 0, 0)), quant(lot, ...moved)]] : []);
    const cached = stored ? [quant(lot, ...stored)] : [];
    const diff = diffQuants(fromMoves, cached);
    expect(diff.mismatches.length > 0).toBe(expected.differs);
    expect(diff.invalid.length > 0).toBe(expected.invalid);
    const plan = repairPlan(fromMoves, cached);
    const did = plan.insert.length > 0 ? 'insert' : plan.update.length > 0 ? 'update' : plan.remove.length > 0 ? 'remove' : plan.unrepairable.length > 0 ? 'unrepairable' : 'none';
    expect(did).toBe(expected.repair);
    // What is written is what the moves say, zero included.
    for (const q of [...plan.insert, ...plan.update]) expect([q.onHand, q.reserved]).toEqual(moved);
  });

  it('reports each impossible quant once, and puts every change in key order', () => {
    const fromMoves = new Map([quant('b', 2, 0), quant('a', 1, 0), quant('c', -1, 0)].map((q) => [quantKey(q), q]));
    const cached = [quant('c', -2, 0), quant('z', 1, 0)];
    expect(diffQuants(fromMoves, cached)).toEqual({
      mismatches: [
        { key: 'p|loc|b|o', cached: null, fromMoves: { onHand: 2, reserved: 0 } },
        { key: 'p|loc|a|o', cached: null, fromMoves: { onHand: 1, reserved: 0 } },
        { key: 'p|loc|c|o', cached: { onHand: -2, reserved: 0 }, fromMoves: { onHand: -1, reserved: 0 } },
        { key: 'p|loc|z|o', cached: { onHand: 1, reserved: 0 }, fromMoves: null },
      ],
      invalid: ['p|loc|c|o'],
    });
    const plan = repairPlan(fromMoves, cached);
    expect(plan.insert.map((q) => q.lotId)).toEqual(['a', 'b']);
    expect(plan.remove).toEqual([{ productId: 'p', locationId: 'loc', lotId: 'z', ownerOrgId: 'o' }]);
    expect(plan.unrepairable.map((u) => u.key)).toEqual(['p|loc|c|o']);
  });
});
