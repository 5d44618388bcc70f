import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../platform/csv-import/cells.ts';
import { columnsOf, naturalKeys, type ImportKind } from './formats.ts';
import { parseRow } from './parse-row.ts';

// The row schemas by table: cells as a spreadsheet gives them (trimmed, empty = absent) in, values
// or field errors (column and code) out.

type Case = { kind: ImportKind; cells: Record<string, string>; values?: Record<string, unknown>; errors?: [string | null, string][] };

const model = {
  code: 'FAW-VW-SAGITAR-2019-1.4T',
  brand: '大众',
  brand_en: 'Volkswagen',
  series: '速腾',
  model: '2019款 1.4T',
  year_from: '2019',
  year_to: '2022',
  engine: 'EA211',
  body: '三厢',
  wmi: 'LFV',
  vds_pattern: '2A1**',
};
const partCells = { oe_no: '5G0 807 221 B', name_zh: '前保险杠皮', name_en: 'Bumper cover', category: 'body', oe_price_fen: '168000' };
const productCells = { sku: 'HJ-001', brand: '华骏', name: '前保险杠', grade: 'aftermarket', oe_nos: '5G0807221B' };
const certified = { ...productCells, grade: 'certified', cert_body: 'capa', cert_no: 'C-1', cert_valid_from: '2024-01-01', cert_valid_to: '2026-12-31' };
const offerCells = { sku: 'HJ-001', price_fen: '113000', lead_time_days: '2', valid_from: '2025-01-01' };

const cases: [string, Case][] = [
  [
    'a full vehicle model; WMI and pattern upper-cased',
    {
      kind: 'vehicle_models',
      cells: { ...model, wmi: 'lfv', vds_pattern: '2a1**', sample_vin: 'lfv2a1xk8k3000001' },
      values: { wmi: 'LFV', vds_pattern: '2A1**', sample_vin: 'LFV2A1XK8K3000001', year_from: 2019 },
    },
  ],
  ['model years out of order', { kind: 'vehicle_models', cells: { ...model, year_to: '2018' }, errors: [['year_to', 'too_small_number']] }],
  ['a sample VIN that does not match the rule', { kind: 'vehicle_models', cells: { ...model, sample_vin: 'LFV3B21K8K3000001' }, errors: [['sample_vin', 'invalid_format']] }],
  ['I, O, Q cannot be in a WMI', { kind: 'vehicle_models', cells: { ...model, wmi: 'LOV' }, errors: [['wmi', 'invalid_format']] }],
  [
    'a model without its required cells',
    { kind: 'vehicle_models', cells: { code: 'X' }, errors: ['brand', 'brand_en', 'series', 'model', 'year_from', 'year_to', 'engine', 'body', 'wmi', 'vds_pattern'].map((c) => [c, 'required']) },
  ],
  ['a model code with a space', { kind: 'vehicle_models', cells: { ...model, code: 'FAW VW' }, errors: [['code', 'invalid_format']] }],
  ['a part: OE number kept raw and normalised', { kind: 'parts', cells: partCells, values: { oe_no: { raw: '5G0 807 221 B', norm: '5G0807221B' }, oe_price_fen: 168000n } }],
  ['full-width digits in a price', { kind: 'parts', cells: { ...partCells, oe_price_fen: '１６８０００' }, values: { oe_price_fen: 168000n } }],
  ['a price in yuan with decimals', { kind: 'parts', cells: { ...partCells, oe_price_fen: '1680.00' }, errors: [['oe_price_fen', 'invalid_format']] }],
  ['a zero price', { kind: 'parts', cells: { ...partCells, oe_price_fen: '0' }, errors: [['oe_price_fen', 'too_small_number']] }],
  ['an unknown category', { kind: 'parts', cells: { ...partCells, category: '外观件' }, errors: [['category', 'invalid_value']] }],
  ['an OE number of punctuation only', { kind: 'parts', cells: { ...partCells, oe_no: '- . -' }, errors: [['oe_no', 'invalid_format']] }],
  ['a Chinese name over 100 characters', { kind: 'parts', cells: { ...partCells, name_zh: '前'.repeat(101) }, errors: [['name_zh', 'too_big_string']] }],
  ['fitment', { kind: 'fitment', cells: { vehicle_model_code: 'FAW-VW-SAGITAR-2019-1.4T', oe_no: '5g0-807-221-b' }, values: { oe_no: { raw: '5g0-807-221-b', norm: '5G0807221B' } } }],
  [
    'a product: OE numbers deduplicated after normalising',
    { kind: 'products', cells: { ...productCells, oe_nos: '5G0807221B | 5G0-807-221-B ｜ 5G0807221C' }, values: { oe_nos: ['5G0807221B', '5G0807221C'], warranty_months: undefined } },
  ],
  ['a product replacing nothing', { kind: 'products', cells: { ...productCells, oe_nos: '|' }, errors: [['oe_nos', 'too_small_array']] }],
  ['an unknown grade', { kind: 'products', cells: { ...productCells, grade: 'genuine' }, errors: [['grade', 'invalid_value']] }],
  [
    'a certified product with its certificate; dates as Excel writes them',
    { kind: 'products', cells: { ...certified, cert_valid_from: '2024/1/1' }, values: { cert_body: 'CAPA', cert_valid_from: '2024-01-01' } },
  ],
  [
    'a certified product without a certificate',
    { kind: 'products', cells: { ...productCells, grade: 'certified' }, errors: ['cert_body', 'cert_no', 'cert_valid_from', 'cert_valid_to'].map((c) => [c, 'certificate_required']) },
  ],
  ['a certificate ending before it starts', { kind: 'products', cells: { ...certified, cert_valid_to: '2023-12-31' }, errors: [['cert_valid_to', 'date_order']] }],
  [
    'a certified product with a bad date: both reasons',
    {
      kind: 'products',
      cells: { ...certified, cert_no: '', cert_valid_to: '2026-02-30' },
      errors: [
        ['cert_valid_to', 'invalid_format'],
        ['cert_no', 'certificate_required'],
      ],
    },
  ],
  ['picture URLs', { kind: 'products', cells: { ...productCells, picture_urls: 'https://a.cn/1.jpg|http://a.cn/2.jpg' }, values: { picture_urls: ['https://a.cn/1.jpg', 'http://a.cn/2.jpg'] } }],
  ['a picture that is not on the web', { kind: 'products', cells: { ...productCells, picture_urls: 'file:///c/1.jpg' }, errors: [['picture_urls', 'url_scheme']] }],
  [
    'too many pictures',
    { kind: 'products', cells: { ...productCells, picture_urls: Array.from({ length: 11 }, (_, i) => `https://a.cn/${i}.jpg`).join('|') }, errors: [['picture_urls', 'too_big_array']] },
  ],
  ['a nationwide offer', { kind: 'offers', cells: offerCells, values: { price_fen: 113000n, region_codes: undefined, min_qty: undefined } }],
  ['an offer for two provinces', { kind: 'offers', cells: { ...offerCells, region_codes: '440000|110000' }, values: { region_codes: ['440000', '110000'] } }],
  ['an unknown region code', { kind: 'offers', cells: { ...offerCells, region_codes: '440000|999999' }, errors: [['region_codes', 'region_unknown']] }],
  ['an offer ending before it starts', { kind: 'offers', cells: { ...offerCells, valid_to: '2024-12-31' }, errors: [['valid_to', 'date_order']] }],
  [
    'a negative lead time and a zero minimum',
    {
      kind: 'offers',
      cells: { ...offerCells, lead_time_days: '-1', min_qty: '0' },
      errors: [
        ['min_qty', 'too_small_number'],
        ['lead_time_days', 'too_small_number'],
      ],
    },
  ],
];

describe('parseRow', () => {
  it.each(cases)('%s', (_name, c) => {
    const { values, errors } = parseRow(c.kind, c.cells);
    expect(errors.map((e) => [e.column, e.code])).toEqual(c.errors ?? []);
    if (c.values) expect(values).toMatchObject(c.values);
  });

  it('names the parameters a message needs', () => {
    expect(parseRow('parts', { ...partCells, oe_price_fen: '0' }).errors[0]).toEqual({ column: 'oe_price_fen', code: 'too_small_number', params: { minimum: 1 } });
    expect(parseRow('offers', { ...offerCells, region_codes: '999999' }).errors[0]).toEqual({ column: 'region_codes', code: 'region_unknown', params: { value: '999999' } });
  });
});

describe('natural keys', () => {
  it('keys a part by its normalised OE number', () => {
    expect(naturalKeys.parts.of(parseRow('parts', { ...partCells, oe_no: '5G0-807-221-B' }).values)).toBe('5G0807221B');
  });

  it.each([
    [offerCells, 'HJ-001\u0000*'],
    [{ ...offerCells, region_codes: '440000|110000' }, 'HJ-001\u0000110000|440000'],
    // A row whose regions are bad has no key: it must not collide with a nationwide offer.
    [{ ...offerCells, region_codes: '999999' }, undefined],
  ])('keys an offer by SKU and sorted regions: %j → %j', (cells, key) => {
    expect(naturalKeys.offers.of(parseRow('offers', cells).values)).toBe(key);
  });
});

describe('columnsOf', () => {
  it('lists required and optional columns in documented order', () => {
    expect(columnsOf('offers')).toEqual([
      { name: 'sku', required: true },
      { name: 'price_fen', required: true },
      { name: 'min_qty', required: false },
      { name: 'lead_time_days', required: true },
      { name: 'region_codes', required: false },
      { name: 'valid_from', required: true },
      { name: 'valid_to', required: false },
    ]);
  });
});

describe('isoDate', () => {
  it.each([
    ['2025-01-05', '2025-01-05'],
    ['2025/1/5', '2025-01-05'],
    ['2025.12.31', '2025-12-31'],
    ['２０２５－０１－０５', '2025-01-05'], // full-width, from a Chinese input method
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', undefined],
    ['2025-13-01', undefined],
    ['25-01-05', undefined],
    ['1800-01-01', undefined],
  ])('%s → %s', (raw, iso) => expect(isoDate(raw)).toBe(iso));
});
