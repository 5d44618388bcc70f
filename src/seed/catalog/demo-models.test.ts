import { describe, expect, it } from 'vitest';
import { decodeVin, type DecodedVin } from '../../modules/catalog/vin/index.ts';
import { demoVehicleModels, LARGE_VDS_FIRST } from './demo-models.ts';
import { buildLargeModels } from './large-models.ts';
import { vinMatchesRule } from './vin-rule.ts';

// The decoder picks the model-year cycle from the current year; pin it so the test is stable.
const CURRENT_YEAR = 2026;

function decoded(vin: string): DecodedVin {
  const result = decodeVin(vin, { currentYear: CURRENT_YEAR });
  if (!result.ok) throw new Error(`${vin} does not decode: ${result.code}`);
  return result;
}

describe('demo vehicle models', () => {
  const models = demoVehicleModels();

  it('cover at least 30 models of at least 12 brands, with unique codes', () => {
    expect(models.length).toBeGreaterThanOrEqual(30);
    expect(new Set(models.map((m) => m.brand)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(models.map((m) => m.code)).size).toBe(models.length);
  });

  it.each(models.map((m) => [m.code, m] as const))('%s: the sample VIN decodes cleanly to its own rule', (_code, model) => {
    const vin = decoded(model.sampleVin);
    expect(vin.checkDigit.valid).toBe(true);
    expect(vin.warnings).toEqual([]);
    expect(vin.manufacturer).not.toBeNull();
    expect(vin.wmi).toBe(model.wmi);
    expect(vin.modelYear).toBeGreaterThanOrEqual(model.yearFrom);
    expect(vin.modelYear).toBeLessThanOrEqual(model.yearTo);
    expect(vinMatchesRule(model, vin)).toBe(true);
  });

  it('map each sample VIN to exactly its model, except the deliberate Corolla pair, which maps to two', () => {
    const pair = ['FAW-TOYOTA-COROLLA-2019-1.2T', 'FAW-TOYOTA-COROLLA-2019-1.8L-HEV'];
    for (const model of models) {
      const vin = decoded(model.sampleVin);
      const matches = models.filter((m) => vinMatchesRule(m, vin)).map((m) => m.code);
      expect(matches, model.code).toEqual(pair.includes(model.code) ? pair : [model.code]);
    }
  });

  it('keep out of the VDS space of generated models', () => {
    for (const model of models) expect(LARGE_VDS_FIRST).not.toContain(model.vdsPattern[0]);
    const large = buildLargeModels(1, 300);
    for (const model of models) {
      const vin = decoded(model.sampleVin);
      expect(large.filter((m) => vinMatchesRule(m, vin))).toEqual([]);
    }
  });

  it('give generated models sample VINs that decode to exactly their own model', () => {
    const large = buildLargeModels(1, 600);
    expect(new Set(large.map((m) => m.code)).size).toBe(large.length);
    for (const model of large) {
      const vin = decoded(model.sampleVin);
      expect(vin.warnings).toEqual([]);
      expect(large.filter((m) => vinMatchesRule(m, vin)).map((m) => m.code)).toEqual([model.code]);
    }
  });
});
