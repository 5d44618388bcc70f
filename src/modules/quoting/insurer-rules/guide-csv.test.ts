import { describe, expect, it } from 'vitest';
import { parseGuideRow } from './guide-csv.ts';

describe('parseGuideRow', () => {
  it.each([
    {
      name: 'part row with a reference and two kinds of caps',
      cells: { oe_no: '5G0-807-221 B', region_code: '330000', oe_reference_fen: '120000', certified_bp: '7000', aftermarket_max_fen: '５００００' },
      want: {
        ok: true,
        target: { scope: 'part', oe: { raw: '5G0-807-221 B', norm: '5G0807221B' } },
        regionCode: '330000',
        oeReferenceFen: 120_000n,
        caps: { certified: { bp: 7000 }, aftermarket: { maxFen: 50_000n } },
      },
    },
    {
      name: 'category row, nationwide by *, code folded',
      cells: { category: 'Ｓａｆｅｔｙ', region_code: '*', oem_bp: '10000' },
      want: { ok: true, target: { scope: 'category', category: 'safety' }, regionCode: null, oeReferenceFen: null, caps: { oem: { bp: 10_000 } } },
    },
    {
      name: 'no caps at all is an entry capping every grade at the reference',
      cells: { oe_no: 'ABC123' },
      want: { ok: true, target: { scope: 'part', oe: { raw: 'ABC123', norm: 'ABC123' } }, regionCode: null, oeReferenceFen: null, caps: {} },
    },
  ])('$name', ({ cells, want }) => {
    expect(parseGuideRow(cells)).toEqual({ ...want, key: expect.any(String), keyColumn: expect.any(String) });
  });

  it.each([
    { name: 'neither part nor category', cells: { certified_bp: '7000' }, errors: [{ column: 'oe_no', code: 'required' }] },
    { name: 'both part and category', cells: { oe_no: 'ABC123', category: 'body' }, errors: [{ column: 'category', code: 'unknown_field' }] },
    { name: 'reference on a category', cells: { category: 'body', oe_reference_fen: '100' }, errors: [{ column: 'oe_reference_fen', code: 'unknown_field' }] },
    { name: 'bp and amount for one grade', cells: { oe_no: 'ABC123', oes_bp: '9000', oes_max_fen: '100' }, errors: [{ column: 'oes_max_fen', code: 'invalid' }] },
    {
      name: 'every bad cell of the row at once',
      cells: { oe_no: 'A', region_code: '999999', oe_reference_fen: '0', certified_bp: '10001', recycled_max_fen: '1.5' },
      errors: [
        { column: 'oe_no', code: 'invalid_format', params: { format: 'OE number' } },
        { column: 'region_code', code: 'region_unknown', params: { value: '999999' } },
        { column: 'oe_reference_fen', code: 'too_small_number', params: { minimum: 1 } },
        { column: 'certified_bp', code: 'too_big_number', params: { maximum: 10_000 } },
        { column: 'recycled_max_fen', code: 'invalid_format', params: { format: 'integer' } },
      ],
    },
    { name: 'unknown category', cells: { category: 'wheels' }, errors: [{ column: 'category', code: 'invalid_value' }] },
  ])('$name', ({ cells, errors }) => {
    const parsed = parseGuideRow(cells);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(errors.map((e) => expect.objectContaining(e)));
  });

  it('keys rows by normalised OE number or category, and region, even when other cells are bad', () => {
    const a = parseGuideRow({ oe_no: '5G0-807-221B', region_code: '330000' });
    const b = parseGuideRow({ oe_no: '5G0807221B', region_code: '330000', certified_bp: 'x' });
    expect(b.ok).toBe(false);
    expect(a.key).toBe('oe:5G0807221B|330000');
    expect(b.key).toBe(a.key);
    expect(parseGuideRow({ category: 'body' })).toMatchObject({ key: 'category:body|*', keyColumn: 'category' });
    // No key when what the row is for, or where, is itself in doubt.
    expect(parseGuideRow({ oe_no: 'ABC123', category: 'body' }).key).toBeUndefined();
    expect(parseGuideRow({ oe_no: 'ABC123', region_code: '99' }).key).toBeUndefined();
  });
});
