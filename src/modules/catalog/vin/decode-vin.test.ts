import { describe, expect, it } from 'vitest';
import { computeCheckDigit } from './check-digit.ts';
import { decodeVin, type DecodedVin, type VinFailure } from './decode-vin.ts';

const NOW = { currentYear: 2026 };

// Fills position 9 of a template with its check digit; check-digit.test.ts proves the function
// against hand calculations, so templates here can vary freely.
function withCheckDigit(template: string): string {
  return template.slice(0, 8) + (computeCheckDigit(template) ?? '?') + template.slice(9);
}

function decoded(input: string): DecodedVin {
  const result = decodeVin(input, NOW);
  if (!result.ok) throw new Error(`${input} failed with ${result.code}`);
  return result;
}

function failure(input: string): VinFailure {
  const result = decodeVin(input, NOW);
  if (result.ok) throw new Error(`${input} was accepted`);
  return result;
}

describe('decodeVin: valid VINs', () => {
  it('decodes a constructed FAW-Volkswagen VIN in full', () => {
    expect(decodeVin('LFV3A23C4R3012345', NOW)).toEqual({
      ok: true,
      vin: 'LFV3A23C4R3012345',
      wmi: 'LFV',
      vds: '3A23C',
      vis: 'R3012345',
      checkDigit: { expected: '4', actual: '4', valid: true },
      checkDigitRequired: true,
      warnings: [],
      manufacturer: '一汽-大众',
      manufacturerEn: 'FAW-Volkswagen',
      brands: ['Volkswagen', 'Audi', 'Jetta'],
      country: 'CN',
      countryName: '中国',
      region: 'china',
      modelYear: 2024,
      plant: '3',
      serial: '012345',
      smallManufacturerCode: null,
    });
  });

  it.each([
    // [label, vin, manufacturer, country, model year, plant, serial]
    ['published Tesla Shanghai VIN', 'LRW3E7FS5PC695355', '特斯拉（上海）', 'CN', 2023, 'C', '695355'],
    ['BYD, check digit X', 'LGXCE4CBXS1000008', '比亚迪', 'CN', 2025, '1', '000008'],
    ['SAIC-GM, check digit 0', 'LSGKB54H0T1000003', '上汽通用', 'CN', 2026, '1', '000003'],
    ['BMW Germany', 'WBA5R1C5XN1000000', '宝马', 'DE', 2022, '1', '000000'],
    ['Toyota Japan', 'JTDKB20U0N1000003', '丰田', 'JP', 2022, '1', '000003'],
  ])('decodes the %s', (_label, vin, manufacturer, country, modelYear, plant, serial) => {
    expect(decoded(vin)).toMatchObject({
      vin,
      manufacturer,
      country,
      modelYear,
      plant,
      serial,
      warnings: [],
      checkDigit: { valid: true },
    });
  });

  it('decodes the 49 CFR 565 example 1M8GDM9AXKP042788 (numeric position 7 → 1989)', () => {
    expect(decoded('1M8GDM9AXKP042788')).toMatchObject({
      wmi: '1M8',
      vds: 'GDM9A',
      vis: 'KP042788',
      checkDigit: { expected: 'X', actual: 'X', valid: true },
      checkDigitRequired: false,
      warnings: ['unknown_wmi'],
      manufacturer: null,
      country: null,
      region: 'north_america',
      modelYear: 1989,
      plant: 'P',
      serial: '042788',
    });
  });
});

describe('decodeVin: normalisation', () => {
  it.each([['lfv3a23c4r3012345'], ['  LFV3A23C4R3012345 \n'], ['LFV 3A23C 4 R3 012345'], ['LFV-3A23C-4-R3-012345'], ['lfv-3a23c 4r3-012345'], ['ＬＦＶ３Ａ２３Ｃ４Ｒ３０１２３４５']])(
    'accepts %j as LFV3A23C4R3012345',
    (input) => {
      expect(decoded(input).vin).toBe('LFV3A23C4R3012345');
    },
  );
});

describe('decodeVin: length', () => {
  it.each([
    ['16 characters', 'LFV3A23C4R301234', 16],
    ['18 characters', 'LFV3A23C4R30123456', 18],
    ['empty', '', 0],
    ['blank', '  - ', 0],
    ['16 characters and a space, which normalising removes', 'LFV3A23C4R301234 ', 16],
  ])('rejects %s', (_label, input, length) => {
    expect(failure(input)).toEqual({ ok: false, code: 'length', params: { length, expectedLength: 17 } });
  });
});

describe('decodeVin: characters', () => {
  it.each([
    ['O at position 1', 'OFV3A23C4R3012345', 'O', 1],
    ['I at position 3', 'LFI3A23C4R3012345', 'I', 3],
    ['Q at position 10 (the year)', 'LFV3A23C4Q3012345', 'Q', 10],
    ['O at position 12, typed for a zero', 'LFV3A23C4R3O12345', 'O', 12],
    ['lower-case i at position 17', 'LFV3A23C4R301234i', 'I', 17],
  ])('rejects a forbidden letter: %s', (_label, input, character, position) => {
    expect(failure(input)).toEqual({ ok: false, code: 'forbidden_letter', position, params: { character, position } });
  });

  it.each([
    ['* at position 11', 'LFV3A23C4R*012345', '*', 11],
    ['. at position 5', 'LFV3.23C4R3012345', '.', 5],
    ['a Chinese character at position 1', '车FV3A23C4R3012345', '车', 1],
    ['an accented letter at position 17', 'LFV3A23C4R301234é', 'É', 17],
    ['a letter other than X at position 9', 'LFV3A23CAR3012345', 'A', 9],
  ])('rejects an invalid character: %s', (_label, input, character, position) => {
    expect(failure(input)).toEqual({ ok: false, code: 'invalid_character', position, params: { character, position } });
  });

  it('accepts a European filler Z at position 9 with a check-digit warning', () => {
    const result = decodeVin('WVWZZZ1JZ3W386752', { currentYear: 2026 });
    expect(result).toMatchObject({ ok: true, manufacturerEn: expect.stringMatching(/Volkswagen/), warnings: ['check_digit_mismatch'] });
  });

  it('reports the leftmost fault when there are several', () => {
    expect(failure('LFV3A23CAR3O12345')).toMatchObject({ code: 'invalid_character', position: 9 });
    expect(failure('LF*3A23C4R3O12345')).toMatchObject({ code: 'invalid_character', position: 3 });
    expect(failure('LFV3A23C4RO*12345')).toMatchObject({ code: 'forbidden_letter', position: 11 });
  });
});

describe('decodeVin: check digit', () => {
  it.each([
    ['FAW-Volkswagen', 'LFV3A23C5R3012345', '4', '5'],
    ['BYD', 'LGXCE4CB0S1000008', 'X', '0'],
    // An untabled maker still has a Chinese WMI, so its check digit is still mandatory.
    ['unknown Chinese maker', 'LA6ABC12XR1000001', '4', 'X'],
  ])('rejects a wrong check digit on a Chinese VIN (%s)', (_label, vin, expected, actual) => {
    expect(failure(vin)).toEqual({
      ok: false,
      code: 'check_digit',
      position: 9,
      expected,
      params: { expected, actual },
    });
  });

  it.each([
    ['BMW Germany', 'WBA5R1C51N1000000', 'X', '1', []],
    ['49 CFR 565 example with its X changed', '1M8GDM9A1KP042788', 'X', '1', ['unknown_wmi']],
    ['Toyota Japan', 'JTDKB20U5N1000003', '0', '5', []],
  ])('only warns about a wrong check digit on a foreign VIN (%s)', (_label, vin, expected, actual, others) => {
    const result = decoded(vin);
    expect(result.checkDigit).toEqual({ expected, actual, valid: false });
    expect(result.checkDigitRequired).toBe(false);
    expect(result.warnings).toEqual(['check_digit_mismatch', ...others]);
  });
});

describe('decodeVin: model year', () => {
  it.each([
    ['Chinese R', 'LFV3A23C_R3012345', 2024],
    ['Chinese A', 'LFV3A23C_A3012345', 2010],
    ['Chinese T', 'LFV3A23C_T3012345', 2026],
    ['Chinese V', 'LFV3A23C_V3012345', 2027],
    ['Chinese W', 'LFV3A23C_W3012345', 1998],
    ['German Y', 'WBA5R1C5_Y1000000', 2000],
    ['US, letter at position 7', '1G1ZD5ST_LF000000', 2020],
    ['US, digit at position 7', '1G1ZD558_LF000000', 1990],
    ['US, letter at position 7, code A', '1FTEW1E5_AF000000', 2010],
    ['US, digit at position 7, code A', '1FTEW145_AF000000', 1980],
  ])('reads the %s', (_label, template, year) => {
    expect(decoded(withCheckDigit(template)).modelYear).toBe(year);
  });

  it.each(['U', 'Z', '0'])('warns about the invalid year code %s', (code) => {
    const result = decoded(withCheckDigit(`LFV3A23C_${code}3012345`));
    expect(result.modelYear).toBeNull();
    expect(result.warnings).toEqual(['invalid_model_year']);
  });
});

describe('decodeVin: manufacturers', () => {
  it('resolves a Chinese joint venture', () => {
    expect(decoded(withCheckDigit('LBVPH180_R1000001'))).toMatchObject({
      manufacturer: '华晨宝马',
      manufacturerEn: 'BMW Brilliance',
      brands: ['BMW'],
      country: 'CN',
      countryName: '中国',
      region: 'china',
      checkDigitRequired: true,
    });
  });

  it('resolves a foreign maker', () => {
    expect(decoded(withCheckDigit('WDD20504_R1000001'))).toMatchObject({
      manufacturer: '梅赛德斯-奔驰',
      manufacturerEn: 'Mercedes-Benz',
      country: 'DE',
      countryName: '德国',
      region: 'europe',
      checkDigitRequired: false,
    });
  });

  it('warns about an unknown Chinese WMI but still names the country', () => {
    expect(decoded(withCheckDigit('LA6ABC12_R1000001'))).toMatchObject({
      wmi: 'LA6',
      warnings: ['unknown_wmi'],
      manufacturer: null,
      manufacturerEn: null,
      brands: [],
      country: 'CN',
      countryName: '中国',
      checkDigitRequired: true,
    });
  });

  it('warns about an unknown foreign WMI without guessing the country', () => {
    expect(decoded(withCheckDigit('VR3UHZKX_R1000001'))).toMatchObject({
      warnings: ['unknown_wmi'],
      manufacturer: null,
      country: null,
      region: 'europe',
    });
  });

  it('reports the small-maker code of a WMI ending in 9', () => {
    expect(decoded(withCheckDigit('LA9AB12C_RA123456'))).toMatchObject({
      wmi: 'LA9',
      warnings: ['unknown_wmi'],
      smallManufacturerCode: '123',
      serial: '123456',
    });
  });
});
