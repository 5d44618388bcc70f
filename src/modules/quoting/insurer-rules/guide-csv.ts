import { z } from 'zod';
import { MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import type { FieldCode } from '../../../platform/messages.ts';
import { isRegionCode } from '../../regions/index.ts';
import type { GradeCaps } from '../rules/index.ts';
import { cellErrorOf, type CellError } from '../../../platform/csv-import/cell-error.ts';
import { integer, listItemFail, text } from '../../../platform/csv-import/cells.ts';
import { categoryCodes, grades, normaliseOe, type Category } from './catalog-port.ts';
import { NATIONWIDE } from './guide-entry.ts';

// The CSV format of a price guide import, in the conventions of the catalog's imports (UTF-8 with
// or without BOM, header row naming columns in any order and case, empty cell = absent, rows
// numbered as a spreadsheet shows them with the header as row 1, money in whole fen).
//
// price guide (natural key: the part's OE number or the category, with the region)
//   oe_no             } exactly one per row: a catalog part's OE number (it must exist), or
//   category          } a category code (body, lighting, safety, …) for every part in it
//   region_code       optional  a GB/T 2260 code (a province covers its cities); empty or * = nationwide
//   oe_reference_fen  optional  the insurer's OE reference for the part (only with oe_no)
//   <grade>_bp        optional  the most allowed for that grade as basis points of the OE reference
//   <grade>_max_fen   optional  … or as an amount in fen; not both for one grade
//     where <grade> is oem, oes, certified, aftermarket or recycled (e.g. certified_bp = 7000 is
//     "certified ≤ 70 % of OE"). A grade with neither is capped at the OE reference itself.

const OE_NORM = /^[A-Z0-9]{2,40}$/;

const oeNumber = () =>
  text(60).transform((raw, ctx) => {
    const norm = normaliseOe(raw);
    return OE_NORM.test(norm) ? { raw, norm } : listItemFail(ctx, 'invalid_format', { format: 'OE number' });
  });

// Codes are folded like every catalog code cell: Excel on Chinese Windows may write full-width
// letters, and people type Body as often as body.
const category = () =>
  z
    .string()
    .transform((raw) => raw.normalize('NFKC').toLowerCase())
    .pipe(z.enum(categoryCodes));

// `*` (or empty) is nationwide, written as null.
const regionCode = () =>
  z.string().transform((raw, ctx) => {
    const value = raw.normalize('NFKC');
    if (value === NATIONWIDE) return null;
    return isRegionCode(value) ? value : listItemFail(ctx, 'region_unknown', { value });
  });

const bp = () => integer(0, 10_000).optional();
// References and caps are unit prices, so at most the domain's bound for one (bounds.ts).
const maxFen = () =>
  integer(0, MAX_UNIT_PRICE_FEN)
    .transform((n) => BigInt(n))
    .optional();

export const GuideRow = z.object({
  oe_no: oeNumber().optional(),
  category: category().optional(),
  region_code: regionCode().optional(),
  oe_reference_fen: integer(1, MAX_UNIT_PRICE_FEN)
    .transform((n) => BigInt(n))
    .optional(),
  oem_bp: bp(),
  oem_max_fen: maxFen(),
  oes_bp: bp(),
  oes_max_fen: maxFen(),
  certified_bp: bp(),
  certified_max_fen: maxFen(),
  aftermarket_bp: bp(),
  aftermarket_max_fen: maxFen(),
  recycled_bp: bp(),
  recycled_max_fen: maxFen(),
});
export type GuideRow = z.output<typeof GuideRow>;

// The columns in documented order, which is also the order of errors within a row.
export const guideColumns: readonly string[] = Object.keys(GuideRow.shape);

// One row, parsed: what it is for, where, and its caps; or every reason it is not. `key` is the
// row's natural key within the file (the part's normalised OE number or the category, with the
// region) whenever those cells are valid, even if others are not: a duplicate row is reported
// along with its other faults, so one round of corrections fixes the file.
export type ParsedGuideRow = { key: string | undefined; keyColumn: 'oe_no' | 'category' } & (
  | {
      ok: true;
      target: { scope: 'part'; oe: { raw: string; norm: string } } | { scope: 'category'; category: Category };
      regionCode: string | null;
      oeReferenceFen: bigint | null;
      caps: GradeCaps;
    }
  | { ok: false; errors: CellError[] }
);

// Validates a row's cells: each column on its own, then the rules across columns on whatever was
// valid, so one pass reports every reason a person must fix. Pure, so it is tested by table.
export function parseGuideRow(cells: Readonly<Record<string, string | undefined>>): ParsedGuideRow {
  const errors: CellError[] = [];
  const values: Record<string, unknown> = {};
  const shape: Record<string, z.ZodType> = GuideRow.shape;
  for (const [column, schema] of Object.entries(shape)) {
    const cell = cells[column]?.trim();
    const result = schema.safeParse(cell === '' ? undefined : cell);
    if (result.success) values[column] = result.data;
    else if (result.error.issues[0]) errors.push(cellErrorOf(column, result.error.issues[0]));
  }
  // Only valid cells are in `values`, each as its column's parsed output.
  const row = values as Partial<GuideRow>;
  const error = (column: string, code: FieldCode) => errors.push({ column, code });
  // An invalid cell is already reported for what it is; these rules speak of absent cells.
  const hasOe = Boolean(cells.oe_no?.trim());
  const hasCategory = Boolean(cells.category?.trim());
  if (!hasOe && !hasCategory) error('oe_no', 'required');
  if (hasOe && hasCategory) error('category', 'unknown_field');
  if (hasCategory && cells.oe_reference_fen?.trim()) error('oe_reference_fen', 'unknown_field');
  const caps: GradeCaps = {};
  for (const g of grades) {
    const bp = row[`${g}_bp`];
    const maxFen = row[`${g}_max_fen`];
    if (bp !== undefined && maxFen !== undefined) error(`${g}_max_fen`, 'invalid');
    else if (bp !== undefined) caps[g] = { bp };
    else if (maxFen !== undefined) caps[g] = { maxFen };
  }

  const keyColumn = hasCategory && !hasOe ? 'category' : 'oe_no';
  const subject = hasOe === hasCategory ? undefined : row.oe_no ? `oe:${row.oe_no.norm}` : row.category ? `category:${row.category}` : undefined;
  const key = subject !== undefined && 'region_code' in row ? `${subject}|${row.region_code ?? NATIONWIDE}` : undefined;
  if (errors.length > 0) return { ok: false, errors, key, keyColumn };
  const target = row.oe_no ? { scope: 'part' as const, oe: row.oe_no } : { scope: 'category' as const, category: row.category! };
  return { ok: true, target, regionCode: row.region_code ?? null, oeReferenceFen: row.oe_reference_fen ?? null, caps, key, keyColumn };
}
