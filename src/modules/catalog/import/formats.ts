import { z } from 'zod';
import { MAX_MIN_QTY, MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import { isRegionCode } from '../../regions/index.ts';
import { categoryCodes } from '../categories.ts';
import { grades } from '../grades.ts';
import { normaliseOe } from '../oe-number.ts';
import { regionKey } from '../products/region-key.ts';
import { normaliseVin } from '../vin/index.ts';
import { code, date, fen, integer, list, listItemFail, optionalText, text } from '../../../platform/csv-import/cells.ts';

// The CSV formats of catalog imports, one zod row schema per kind.
//
// Every file is UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one), comma
// separated, quoted with `"` where a cell holds a comma, quote or line break. The first row names
// the columns (in any order, case-insensitive); optional columns may be left out of the header.
// Cells are trimmed, and an empty cell means "absent". Rows whose cells are all empty are skipped.
// Row numbers in error reports are the file's rows as a spreadsheet shows them: the header is row 1.
// Lists inside a cell are separated by `|`. Dates are `YYYY-MM-DD` (`2025/1/5` is accepted too).
// Money is in fen (分), VAT-inclusive, as a whole number.
//
// vehicle_models (natural key: code)
//   code          required  e.g. FAW-VW-SAGITAR-2019-1.4T; letters, digits, - . _
//   brand         required  大众        brand_en  required  Volkswagen
//   series        required  速腾        model     required  2019款 1.4T 舒适型
//   year_from     required  model years, year_from ≤ year_to
//   year_to       required
//   engine        required  EA211 1.4T  body      required  三厢
//   wmi           required  3 VIN characters, e.g. LFV
//   vds_pattern   required  5 characters over VIN positions 4-8, `*` matches any, e.g. 2A1**
//   sample_vin    optional  a VIN that matches wmi and vds_pattern
//
// parts (natural key: the normalised OE number, so `5G0-807-221-B` and `5G0807221B` are one part)
//   oe_no         required  as the maker writes it
//   name_zh       required  前保险杠皮   name_en  required  Front bumper cover
//   category      required  one of categories.ts: body, structure, lighting, glass, …
//   oe_price_fen  required  the maker's list price, VAT-inclusive, in fen (1 to 100,000,000: ¥1,000,000)
//
// fitment (natural key: the pair; both must already be in the catalog)
//   vehicle_model_code  required    oe_no  required
//
// products (natural key: the supplier and sku; the supplier is the importing organisation)
//   sku           required  the supplier's own article number
//   brand         required    name  required
//   grade         required  oem | oes | certified | aftermarket | recycled
//   oe_nos        required  `|`-separated OE numbers of the catalog parts it replaces (they must exist)
//   cert_body     optional  certification body code, e.g. CAPA (must exist) } all four required
//   cert_no       optional  certificate number                               } when grade is
//   cert_valid_from optional                                                 } certified
//   cert_valid_to optional  not before cert_valid_from                       }
//   warranty_months optional, default 0
//   picture_urls  optional  `|`-separated http(s) URLs, at most 10
//
// offers (natural key: the supplier's product by sku and the set of regions)
//   sku           required  a product of the same supplier, already imported
//   price_fen     required  VAT-inclusive, in fen (1 to 100,000,000); the 13 % VAT part is computed
//   min_qty       optional  default 1, at most 999 (what one line may order)
//   lead_time_days required days to deliver when not in stock (0-365)
//   region_codes  optional  `|`-separated GB/T 2260 codes; empty means nationwide
//   valid_from    required    valid_to  optional, not before valid_from

export const importKinds = ['vehicle_models', 'parts', 'fitment', 'products', 'offers'] as const;
export type ImportKind = (typeof importKinds)[number];

// A vehicle-model code is matched exactly (case included), so it is not upper-cased.
const modelCode = () =>
  z.string().transform((raw, ctx) => {
    const value = raw.normalize('NFKC');
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(value) ? value : listItemFail(ctx, 'invalid_format', { format: 'A-Z 0-9 - . _ (≤ 80)' });
  });

const OE_NORM = /^[A-Z0-9]{2,40}$/;

// An OE number keeps the maker's spelling for display and its normalised form as the key.
const oeNumber = () =>
  text(60).transform((raw, ctx) => {
    const norm = normaliseOe(raw);
    return OE_NORM.test(norm) ? { raw, norm } : listItemFail(ctx, 'invalid_format', { format: 'OE number' });
  });

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

const pictureUrl = (value: string, ctx: z.core.$RefinementCtx) => {
  if (value.length > 500) return listItemFail(ctx, 'too_big_string', { maximum: 500 });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return listItemFail(ctx, 'invalid_format', { format: 'URL' });
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? value : listItemFail(ctx, 'url_scheme');
};

export const VehicleModelRow = z.object({
  code: modelCode(),
  brand: text(60),
  brand_en: text(60),
  series: text(60),
  model: text(120),
  year_from: integer(1950, 2100),
  year_to: integer(1950, 2100),
  engine: text(60),
  body: text(60),
  wmi: code(/^[A-HJ-NPR-Z0-9]{3}$/, 'WMI'),
  vds_pattern: code(/^[A-HJ-NPR-Z0-9*]{5}$/, 'VDS pattern'),
  sample_vin: z
    .string()
    .transform((raw, ctx) => {
      const vin = normaliseVin(raw);
      return VIN.test(vin) ? vin : listItemFail(ctx, 'invalid_format', { format: 'VIN' });
    })
    .optional(),
});

export const PartRow = z.object({
  oe_no: oeNumber(),
  name_zh: text(100),
  name_en: text(200),
  category: z.enum(categoryCodes),
  oe_price_fen: fen(MAX_UNIT_PRICE_FEN),
});

export const FitmentRow = z.object({
  vehicle_model_code: modelCode(),
  oe_no: oeNumber(),
});

export const ProductRow = z.object({
  sku: text(64),
  brand: text(60),
  name: text(200),
  grade: z.enum(grades),
  oe_nos: list((value, ctx) => {
    const norm = normaliseOe(value);
    return OE_NORM.test(norm) ? norm : listItemFail(ctx, 'invalid_format', { format: 'OE number' });
  }, 50).pipe(z.array(z.string()).min(1)),
  cert_body: code(/^[A-Z0-9-]{2,20}$/, 'A-Z 0-9 -').optional(),
  cert_no: optionalText(60),
  cert_valid_from: date().optional(),
  cert_valid_to: date().optional(),
  warranty_months: integer(0, 240).optional(),
  picture_urls: list(pictureUrl, 10).optional(),
});

export const OfferRow = z.object({
  sku: text(64),
  price_fen: fen(MAX_UNIT_PRICE_FEN),
  min_qty: integer(1, MAX_MIN_QTY).optional(),
  lead_time_days: integer(0, 365),
  region_codes: list((value, ctx) => {
    const region = value.normalize('NFKC');
    return isRegionCode(region) ? region : listItemFail(ctx, 'region_unknown', { value: region });
  }, 400).optional(),
  valid_from: date(),
  valid_to: date().optional(),
});

export type VehicleModelRow = z.output<typeof VehicleModelRow>;
export type PartRow = z.output<typeof PartRow>;
export type FitmentRow = z.output<typeof FitmentRow>;
export type ProductRow = z.output<typeof ProductRow>;
export type OfferRow = z.output<typeof OfferRow>;

export const rowSchemas = {
  vehicle_models: VehicleModelRow,
  parts: PartRow,
  fitment: FitmentRow,
  products: ProductRow,
  offers: OfferRow,
} as const satisfies Record<ImportKind, z.ZodObject>;

export type RowOf<K extends ImportKind> = z.output<(typeof rowSchemas)[K]>;

// A reason that spans several cells of one row, reported at the column named.
export type RowIssue = { column: string; code: string; params?: Record<string, unknown> };

// Rules across columns. They see only the cells that were valid on their own, so a row with a bad
// date still gets its missing certificate reported: the report is meant to list every reason.
export const rowRules: { [K in ImportKind]: (row: Partial<RowOf<K>>) => RowIssue[] } = {
  vehicle_models(row) {
    const issues: RowIssue[] = [];
    if (row.year_from !== undefined && row.year_to !== undefined && row.year_to < row.year_from) {
      issues.push({ column: 'year_to', code: 'too_small_number', params: { minimum: row.year_from } });
    }
    if (row.sample_vin && row.wmi && row.vds_pattern) {
      const vds = row.sample_vin.slice(3, 8);
      const fits = row.sample_vin.startsWith(row.wmi) && [...row.vds_pattern].every((c, i) => c === '*' || c === vds[i]);
      if (!fits) issues.push({ column: 'sample_vin', code: 'invalid_format', params: { format: `VIN ${row.wmi}${row.vds_pattern}…` } });
    }
    return issues;
  },
  parts: () => [],
  fitment: () => [],
  products(row) {
    const issues: RowIssue[] = [];
    if (row.grade === 'certified') {
      // Only empty cells: a cell present but invalid has already been reported for what it is.
      for (const column of ['cert_body', 'cert_no', 'cert_valid_from', 'cert_valid_to'] as const) {
        if (column in row && row[column] === undefined) issues.push({ column, code: 'certificate_required' });
      }
    }
    if (row.cert_valid_from && row.cert_valid_to && row.cert_valid_to < row.cert_valid_from) {
      issues.push({ column: 'cert_valid_to', code: 'date_order' });
    }
    return issues;
  },
  offers(row) {
    if (row.valid_from && row.valid_to && row.valid_to < row.valid_from) return [{ column: 'valid_to', code: 'date_order' }];
    return [];
  },
};

// Natural keys within one file, and the column a duplicate is reported at. The supplier is the
// same for the whole file, so it is not part of the key here.
export const naturalKeys: { [K in ImportKind]: { column: string; of(row: Partial<RowOf<K>>): string | undefined } } = {
  vehicle_models: { column: 'code', of: (row) => row.code },
  parts: { column: 'oe_no', of: (row) => row.oe_no?.norm },
  fitment: {
    column: 'oe_no',
    of: (row) => (row.vehicle_model_code && row.oe_no ? `${row.vehicle_model_code}\u0000${row.oe_no.norm}` : undefined),
  },
  products: { column: 'sku', of: (row) => row.sku },
  offers: {
    column: 'sku',
    // Only a row whose regions parsed has a key: a bad region list must not look like nationwide.
    of: (row) => (row.sku && 'region_codes' in row ? `${row.sku}\u0000${regionKey(row.region_codes ?? [])}` : undefined),
  },
};

// The columns of each kind in documented order, and which of them the header must name.
export function columnsOf(kind: ImportKind): { name: string; required: boolean }[] {
  return Object.entries(rowSchemas[kind].shape).map(([name, schema]) => ({
    name,
    required: !(schema as z.ZodType).safeParse(undefined).success,
  }));
}
