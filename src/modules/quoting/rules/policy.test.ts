import { describe, expect, it } from 'vitest';
import type { Category } from '../../catalog/categories.ts';
import type { Grade } from '../../catalog/grades.ts';
import { allowedGrades, policyToJson, ProcurementPolicy, type ProcurementPolicyJson } from './policy.ts';
import type { GradeNotAllowed } from './reasons.ts';

const ALL: Grade[] = ['oem', 'oes', 'certified', 'aftermarket', 'recycled'];

const samplePolicyJson = {
  byCategory: { safety: ['oem'], structure: ['oem', 'oes', 'certified'] },
  byVehicleAge: [
    { fromYears: 0, underYears: 3, grades: ['oem', 'oes'] },
    { fromYears: 3, underYears: 9, grades: ['oem', 'oes', 'certified', 'aftermarket'] },
    { fromYears: 9, underYears: null, grades: ALL },
  ],
  byVehiclePrice: [{ fromFen: 50_000_000, underFen: null, grades: ['oem', 'oes', 'certified'] }],
  choose: 'cheapest',
  maxLeadTimeDays: 3,
  approval: { lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true },
  handlingFeeBp: { certified: 800, aftermarket: 1000 },
} satisfies ProcurementPolicyJson;

const policy = ProcurementPolicy.parse(samplePolicyJson);
const YUAN_500K = 50_000_000n;

describe('allowedGrades', () => {
  it.each<[string, Category, number, bigint, Grade[], Partial<Record<Grade, GradeNotAllowed['why'][]>>]>([
    ['new car: oem/oes only', 'body', 1, 10_000_000n, ['oem', 'oes'], { certified: ['vehicle_age'], aftermarket: ['vehicle_age'], recycled: ['vehicle_age'] }],
    ['2 years old, the band ends under 3', 'body', 2, 10_000_000n, ['oem', 'oes'], { certified: ['vehicle_age'], aftermarket: ['vehicle_age'], recycled: ['vehicle_age'] }],
    ['3 years old: middle band', 'body', 3, 10_000_000n, ['oem', 'oes', 'certified', 'aftermarket'], { recycled: ['vehicle_age'] }],
    ['8 years old: still no recycled', 'body', 8, 10_000_000n, ['oem', 'oes', 'certified', 'aftermarket'], { recycled: ['vehicle_age'] }],
    ['older than 8: recycled allowed', 'body', 9, 10_000_000n, ALL, {}],
    ['20 years old, open-ended band', 'lighting', 20, 10_000_000n, ALL, {}],
    ['airbags: oem only, whatever the age', 'safety', 12, 10_000_000n, ['oem'], { oes: ['category'], certified: ['category'], aftermarket: ['category'], recycled: ['category'] }],
    [
      'airbags on a new car: two rules remove certified',
      'safety',
      1,
      10_000_000n,
      ['oem'],
      { oes: ['category'], certified: ['category', 'vehicle_age'], aftermarket: ['category', 'vehicle_age'], recycled: ['category', 'vehicle_age'] },
    ],
    ['structure, old car', 'structure', 10, 10_000_000n, ['oem', 'oes', 'certified'], { aftermarket: ['category'], recycled: ['category'] }],
    ['expensive old car: price band', 'body', 10, YUAN_500K, ['oem', 'oes', 'certified'], { aftermarket: ['vehicle_price'], recycled: ['vehicle_price'] }],
    ['1 fen under the price band', 'body', 10, YUAN_500K - 1n, ALL, {}],
    ['expensive mid-age car: age and price', 'body', 5, 80_000_000n, ['oem', 'oes', 'certified'], { aftermarket: ['vehicle_price'], recycled: ['vehicle_age', 'vehicle_price'] }],
  ])('%s', (_name, category, vehicleAgeYears, vehiclePriceFen, allowed, removed) => {
    const result = allowedGrades(policy, { category, vehicleAgeYears, vehiclePriceFen });
    expect(result.allowed).toEqual(allowed);
    const removedWhy = Object.fromEntries(result.removed.map((r) => [r.grade, r.why.map((w) => w.why)]));
    expect(removedWhy).toEqual(removed);
  });

  it('names the category that requires a single grade', () => {
    expect(allowedGrades(policy, { category: 'safety', vehicleAgeYears: 5, vehiclePriceFen: 1n }).requiredByCategory).toBe('oem');
    expect(allowedGrades(policy, { category: 'structure', vehicleAgeYears: 5, vehiclePriceFen: 1n }).requiredByCategory).toBeNull();
    expect(allowedGrades(policy, { category: 'body', vehicleAgeYears: 5, vehiclePriceFen: 1n }).requiredByCategory).toBeNull();
  });

  it('carries the parameters of each removal', () => {
    const result = allowedGrades(policy, { category: 'body', vehicleAgeYears: 5, vehiclePriceFen: 80_000_000n });
    expect(result.removed.find((r) => r.grade === 'recycled')?.why).toEqual([
      { grade: 'recycled', why: 'vehicle_age', ageYears: 5 },
      { grade: 'recycled', why: 'vehicle_price', fromYuan: '500000.00', underYuan: null },
    ]);
  });

  it('an empty policy allows every grade', () => {
    const open = ProcurementPolicy.parse({ choose: 'cheapest', approval: { lineAmountAboveFen: null, claimPartsTotalAboveFen: null, overGuide: false } });
    expect(allowedGrades(open, { category: 'safety', vehicleAgeYears: 0, vehiclePriceFen: 0n }).allowed).toEqual(ALL);
  });
});

describe('ProcurementPolicy schema', () => {
  it('reads fen as bigint and fills defaults', () => {
    expect(policy.byVehiclePrice[0]?.fromFen).toBe(50_000_000n);
    expect(policy.approval.lineAmountAboveFen).toBe(500_000n);
    expect(policy.preferredGrades).toEqual(ALL);
    expect(policy.deliveryDayValueFen).toBeNull();
  });

  it('prices a delivery day only when told, and leaves it out of the JSON while unset', () => {
    expect(policyToJson(policy)).not.toHaveProperty('deliveryDayValueFen');
    const priced = ProcurementPolicy.parse({ ...samplePolicyJson, deliveryDayValueFen: 5_000 });
    expect(priced.deliveryDayValueFen).toBe(5_000n);
    expect(policyToJson(priced)).toMatchObject({ deliveryDayValueFen: 5_000 });
    expect(ProcurementPolicy.parse(JSON.parse(JSON.stringify(policyToJson(priced))))).toEqual(priced);
  });

  it('round-trips through its JSON form', () => {
    const json = JSON.parse(JSON.stringify(policyToJson(policy))) as unknown;
    expect(ProcurementPolicy.parse(json)).toEqual(policy);
  });

  const valid = samplePolicyJson;
  it.each<[string, unknown]>([
    ['unknown grade', { ...valid, byCategory: { safety: ['genuine'] } }],
    ['unknown category', { ...valid, byCategory: { wheels: ['oem'] } }],
    ['empty grade list', { ...valid, byCategory: { safety: [] } }],
    ['repeated grade', { ...valid, preferredGrades: ['oem', 'oem'] }],
    ['age band upside down', { ...valid, byVehicleAge: [{ fromYears: 5, underYears: 3, grades: ['oem'] }] }],
    ['fractional years', { ...valid, byVehicleAge: [{ fromYears: 0.5, underYears: 3, grades: ['oem'] }] }],
    ['price band upside down', { ...valid, byVehiclePrice: [{ fromFen: 10, underFen: 10, grades: ['oem'] }] }],
    ['fractional fen', { ...valid, approval: { ...valid.approval, lineAmountAboveFen: 10.5 } }],
    ['negative fen', { ...valid, approval: { ...valid.approval, claimPartsTotalAboveFen: -1 } }],
    ['unknown choice', { ...valid, choose: 'best' }],
    ['fee over 100 %', { ...valid, handlingFeeBp: { oem: 10_001 } }],
    ['negative lead time', { ...valid, maxLeadTimeDays: -1 }],
    ['negative day value', { ...valid, deliveryDayValueFen: -1 }],
    ['fractional day value', { ...valid, deliveryDayValueFen: 0.5 }],
    ['day value above a unit price', { ...valid, deliveryDayValueFen: 100_000_001 }],
    ['approval missing', { choose: 'cheapest' }],
    ['unknown field', { ...valid, region: '440000' }],
  ])('rejects %s', (_name, input) => expect(ProcurementPolicy.safeParse(input).success).toBe(false));
});
