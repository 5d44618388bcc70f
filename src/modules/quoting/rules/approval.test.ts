import { describe, expect, it } from 'vitest';
import type { Grade } from '../../catalog/grades.ts';
import { MAX_ASSESSMENT_VERSIONS, MAX_CLAIM_PARTS_TOTAL_FEN, MAX_LINE_AMOUNT_FEN, MAX_LINE_QTY, MAX_LINES_PER_ASSESSMENT, MAX_UNIT_PRICE_FEN, MIN_SAVING_BP } from '../../../platform/bounds.ts';
import { fenToJson } from '../../../platform/money.ts';
import { lineSaving, needsHumanApproval, shopHandlingFeeFen, totalSaving } from './approval.ts';
import { ProcurementPolicy } from './policy.ts';
import type { Reason } from './reasons.ts';

const policy = ProcurementPolicy.parse({
  choose: 'cheapest',
  approval: { lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true },
  handlingFeeBp: { certified: 800, aftermarket: 1000, recycled: 0 },
});

describe('needsHumanApproval', () => {
  it.each<[string, bigint, bigint, boolean, boolean, Reason['code'][]]>([
    ['small line, small claim', 100_000n, 300_000n, false, false, ['auto_approved']],
    ['line exactly at the threshold', 500_000n, 500_000n, false, false, ['auto_approved']],
    ['line 1 fen above', 500_001n, 500_001n, false, true, ['approval_line_amount']],
    ['claim total exactly at the threshold', 100_000n, 2_000_000n, false, false, ['auto_approved']],
    ['claim total 1 fen above', 100_000n, 2_000_001n, false, true, ['approval_claim_total']],
    ['over guide', 100n, 100n, true, true, ['approval_over_guide']],
    ['everything', 600_000n, 3_000_000n, true, true, ['approval_line_amount', 'approval_claim_total', 'approval_over_guide']],
  ])('%s', (_name, lineAmountFen, claimPartsTotalFen, overGuide, required, reasonCodes) => {
    const decision = needsHumanApproval(policy, { lineAmountFen, claimPartsTotalFen, overGuide });
    expect(decision.required).toBe(required);
    expect(decision.reasons.map((r) => r.code)).toEqual(reasonCodes);
  });

  it('carries the amounts as yuan', () => {
    expect(needsHumanApproval(policy, { lineAmountFen: 500_001n, claimPartsTotalFen: 0n, overGuide: false }).reasons).toEqual([
      { code: 'approval_line_amount', params: { amountYuan: '5000.01', thresholdYuan: '5000.00' } },
    ]);
  });

  it.each<[string, boolean, boolean]>([
    ['a policy without thresholds approves anything within the guide', false, false],
    ['over guide is approved automatically when the policy allows it', true, false],
  ])('%s', (_name, overGuide, required) => {
    const lax = ProcurementPolicy.parse({ choose: 'cheapest', approval: { lineAmountAboveFen: null, claimPartsTotalAboveFen: null, overGuide: false } });
    expect(needsHumanApproval(lax, { lineAmountFen: 10n ** 12n, claimPartsTotalFen: 10n ** 13n, overGuide }).required).toBe(required);
  });
});

describe('lineSaving', () => {
  it.each<[string, bigint, bigint, number, bigint, bigint, bigint, bigint, number]>([
    // name, OE unit, approved unit, qty → amount, VAT, reference, saving, saving bp
    ['the worked example', 120_000n, 79_100n, 2, 158_200n, 18_200n, 240_000n, 81_800n, 3408],
    ['at 70 % of OE', 100_000n, 70_000n, 1, 70_000n, 8053n, 100_000n, 30_000n, 3000],
    ['no saving', 100_000n, 100_000n, 3, 300_000n, 34_513n, 300_000n, 0n, 0],
    ['dearer than OE', 100_000n, 110_000n, 1, 110_000n, 12_655n, 100_000n, -10_000n, -1000],
    ['2/3 rounds half away from zero, up', 3n, 1n, 1, 1n, 0n, 3n, 2n, 6667],
    ['-2/3 rounds half away from zero, down', 3n, 5n, 1, 5n, 1n, 3n, -2n, -6667],
    ['no reference', 0n, 5_000n, 1, 5_000n, 575n, 0n, -5_000n, 0],
    ['VAT split once on the line, not per unit', 1_000n, 7n, 3, 21n, 2n, 3_000n, 2_979n, 9930],
  ])('%s', (_name, oeReferenceFen, approvedUnitFen, quantity, amountFen, vatFen, referenceFen, savingFen, savingBp) => {
    expect(lineSaving({ oeReferenceFen, approvedUnitFen, quantity })).toEqual({
      amountFen,
      vatFen,
      netFen: amountFen - vatFen,
      referenceFen,
      savingFen,
      savingBp,
    });
  });

  it.each([[0], [-2], [0.5]])('rejects quantity %s', (quantity) => expect(() => lineSaving({ oeReferenceFen: 1n, approvedUnitFen: 1n, quantity })).toThrow());

  it('totals a claim from its lines, the percentage from the totals', () => {
    const bumper = lineSaving({ oeReferenceFen: 120_000n, approvedUnitFen: 79_100n, quantity: 2 });
    const clip = lineSaving({ oeReferenceFen: 1_000n, approvedUnitFen: 1_000n, quantity: 1 });
    expect(totalSaving([bumper, clip])).toEqual({
      amountFen: 159_200n,
      vatFen: 18_200n + 115n,
      netFen: 159_200n - 18_315n,
      referenceFen: 241_000n,
      savingFen: 81_800n,
      savingBp: 3394, // 3394.19, not the average of 3408 and 0
    });
    expect(totalSaving([])).toEqual({ amountFen: 0n, vatFen: 0n, netFen: 0n, referenceFen: 0n, savingFen: 0n, savingBp: 0 });
  });
});

describe('shopHandlingFeeFen', () => {
  it.each<[Grade, bigint, bigint]>([
    ['certified', 158_200n, 12_656n], // 8 %
    ['aftermarket', 12_345n, 1_235n], // 1234.5 rounds half up
    ['aftermarket', 12_344n, 1_234n], // 1234.4 rounds down
    ['aftermarket', 5n, 1n], // 0.5 fen rounds up
    ['aftermarket', 4n, 0n],
    ['aftermarket', 0n, 0n],
    ['certified', 6n, 0n], // 0.48 fen
    ['certified', 7n, 1n], // 0.56 fen
    ['oem', 1_000_000n, 0n], // no fee for the grade
    ['recycled', 1_000_000n, 0n], // a fee of zero
  ])('%s on %s fen → %s fen', (grade, amountFen, fee) => expect(shopHandlingFeeFen(policy, grade, amountFen)).toBe(fee));

  it('rejects a negative amount', () => expect(() => shopHandlingFeeFen(policy, 'certified', -1n)).toThrow());
});

describe('savings at the domain bounds (platform/bounds.ts)', () => {
  const unit = BigInt(MAX_UNIT_PRICE_FEN);
  const showable = (s: Record<string, bigint | number>) => {
    for (const v of Object.values(s)) if (typeof v === 'bigint') fenToJson(v);
  };

  it('keeps the most expensive claim exact: every line at the largest price and quantity, against a 1-fen reference', () => {
    const line = lineSaving({ oeReferenceFen: 1n, approvedUnitFen: unit, quantity: MAX_LINE_QTY });
    expect(line.amountFen).toBe(BigInt(MAX_LINE_AMOUNT_FEN));
    expect(line.savingBp).toBe(MIN_SAVING_BP);
    const claim = totalSaving(Array.from({ length: MAX_LINES_PER_ASSESSMENT * MAX_ASSESSMENT_VERSIONS }, () => line));
    expect(claim.amountFen).toBe(BigInt(MAX_CLAIM_PARTS_TOTAL_FEN));
    expect(() => showable(claim)).not.toThrow();
    expect(() =>
      showable({
        fee: shopHandlingFeeFen(
          ProcurementPolicy.parse({ choose: 'cheapest', approval: { lineAmountAboveFen: null, claimPartsTotalAboveFen: null, overGuide: false }, handlingFeeBp: { oem: 10_000 } }),
          'oem',
          claim.amountFen,
        ),
      }),
    ).not.toThrow();
  });

  it('keeps the largest reference exact too', () => {
    const line = lineSaving({ oeReferenceFen: unit, approvedUnitFen: 1n, quantity: MAX_LINE_QTY });
    const claim = totalSaving(Array.from({ length: MAX_LINES_PER_ASSESSMENT * MAX_ASSESSMENT_VERSIONS }, () => line));
    expect(() => showable(claim)).not.toThrow();
    expect(claim.savingBp).toBe(10_000); // 9,999.9999 bp, rounded half away from zero
  });
});
