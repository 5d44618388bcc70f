import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readHeader, type CsvItem } from './read-csv.ts';

// The file's structure: header, BOM, blank lines, quoting and encoding, row numbers as a
// spreadsheet shows them (header = row 1).

const dir = mkdtempSync(join(tmpdir(), 'anpei-read-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
async function read(content: string | Buffer): Promise<CsvItem[]> {
  const path = join(dir, `${++fileNo}.csv`);
  writeFileSync(path, content);
  const items: CsvItem[] = [];
  for await (const item of readCsv('fitment', path)) items.push(item);
  return items;
}

const row = (n: number, cells: Record<string, string>) => ({ type: 'row', row: n, cells });
const err = (n: number, column: string | null, code: string, fatal: boolean) => expect.objectContaining({ type: 'error', row: n, column, code, fatal });

describe('readCsv', () => {
  it.each<[string, string | Buffer, unknown[]]>([
    ['a plain file', 'vehicle_model_code,oe_no\nM1,A1\nM2,A2\n', [row(2, { vehicle_model_code: 'M1', oe_no: 'A1' }), row(3, { vehicle_model_code: 'M2', oe_no: 'A2' })]],
    ['a BOM, CRLF, no final newline', '\uFEFFvehicle_model_code,oe_no\r\nM1,A1', [row(2, { vehicle_model_code: 'M1', oe_no: 'A1' })]],
    ['header case, spaces and order', ' OE_NO , Vehicle_Model_Code \nA1,M1\n', [row(2, { vehicle_model_code: 'M1', oe_no: 'A1' })]],
    ['blank lines count but yield nothing', 'vehicle_model_code,oe_no\n\nM1,A1\n,\n\nM2,A2\n', [row(3, { vehicle_model_code: 'M1', oe_no: 'A1' }), row(6, { vehicle_model_code: 'M2', oe_no: 'A2' })]],
    ['trimmed cells; empty ones absent', 'vehicle_model_code,oe_no\n  M1 ,  \n', [row(2, { vehicle_model_code: 'M1' })]],
    [
      'a quoted cell with a comma, a quote and a line break',
      'vehicle_model_code,oe_no\n"M,1","A ""1""\nB"\nM2,A2\n',
      [row(2, { vehicle_model_code: 'M,1', oe_no: 'A "1"\nB' }), row(3, { vehicle_model_code: 'M2', oe_no: 'A2' })],
    ],
    ['trailing empty columns (Excel)', 'vehicle_model_code,oe_no,,\nM1,A1,,\n', [row(2, { vehicle_model_code: 'M1', oe_no: 'A1' })]],
    ['a cell beyond the header', 'vehicle_model_code,oe_no\nM1,A1,X\nM2,A2\n', [err(2, null, 'too_big_array', false), row(3, { vehicle_model_code: 'M2', oe_no: 'A2' })]],
    ['a short row', 'vehicle_model_code,oe_no\nM1\n', [row(2, { vehicle_model_code: 'M1' })]],
    ['an empty file', '', [err(1, null, 'required', true)]],
    ['a header only', 'vehicle_model_code,oe_no\n', []],
    [
      'a header with unknown, repeated and missing columns',
      'vehicle_model_code,vehicle_model_code,part\nM1,M1,A\n',
      [err(1, 'vehicle_model_code', 'duplicate_in_file', true), err(1, 'part', 'unknown_field', true), err(1, 'oe_no', 'required', true)],
    ],
    ['broken quoting stops the file', 'vehicle_model_code,oe_no\nM1,A1\nM2,"A2\n', [row(2, { vehicle_model_code: 'M1', oe_no: 'A1' }), err(3, null, 'invalid_format', true)]],
    ['GBK bytes in a cell', Buffer.concat([Buffer.from('vehicle_model_code,oe_no\nM1,'), Buffer.from([0xb4, 0xf3]), Buffer.from('\n')]), [err(2, 'oe_no', 'invalid_format', false)]],
  ])('%s', async (_name, content, expected) => {
    expect(await read(content)).toEqual(expected);
  });
});

describe('readHeader', () => {
  it('leaves out optional columns and names them in lower case', () => {
    expect(readHeader('offers', ['SKU', 'price_fen', 'lead_time_days', 'valid_from'])).toEqual({ names: ['sku', 'price_fen', 'lead_time_days', 'valid_from'], errors: [] });
  });
});
