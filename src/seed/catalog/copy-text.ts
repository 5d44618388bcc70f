import type { LargeModel } from './large-models.ts';
import { vehicleModelRow } from './large-models.ts';
import type { LargeOffer, LargePart, LargeProduct } from './large-rows.ts';

// Rows in PostgreSQL's COPY text format: columns separated by tabs, rows by newlines, NULL as
// \N, and backslash, tab, newline and carriage return escaped with a backslash. Column lists
// name only what the seed sets; created_at and updated_at take their defaults.

export const COPY_COLUMNS = {
  vehicle_model: ['id', 'code', 'brand', 'brand_en', 'series', 'model', 'year_from', 'year_to', 'engine', 'body', 'wmi', 'vds_pattern', 'sample_vin'],
  part: ['id', 'oe_no', 'oe_norm', 'name_zh', 'name_en', 'pinyin', 'initials', 'category', 'oe_price_fen'],
  part_fitment: ['vehicle_model_id', 'part_id'],
  product: ['id', 'supplier_org_id', 'sku', 'brand', 'name', 'grade', 'cert_body_id', 'cert_no', 'cert_valid_from', 'cert_valid_to', 'warranty_months'],
  product_part: ['part_id', 'product_id'],
  offer: ['id', 'product_id', 'supplier_org_id', 'price_fen', 'vat_fen', 'min_qty', 'lead_time_days', 'region_codes', 'region_key', 'valid_from'],
} as const;

export type CopyTable = keyof typeof COPY_COLUMNS;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

// A text[] literal; elements are quoted so that commas, braces or spaces inside one stay in it.
export function copyTextArray(values: readonly string[]): string {
  return copyText(`{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`);
}

export function vehicleModelLine(m: LargeModel): string {
  const r = vehicleModelRow(m);
  return `${[r.id, r.code, r.brand, r.brandEn, r.series, r.model].map(copyText).join('\t')}\t${r.yearFrom}\t${r.yearTo}\t${[r.engine, r.body, r.wmi, r.vdsPattern, r.sampleVin ?? null]
    .map(copyText)
    .join('\t')}\n`;
}

export function partLine(p: LargePart): string {
  return `${p.id}\t${copyText(p.oeNo)}\t${copyText(p.oeNorm)}\t${copyText(p.nameZh)}\t${copyText(p.nameEn)}\t${p.pinyin}\t${p.initials}\t${p.category}\t${p.oePriceFen}\n`;
}

export function pairLine(a: string, b: string): string {
  return `${a}\t${b}\n`;
}

export function productLine(p: LargeProduct): string {
  return `${p.id}\t${p.supplierOrgId}\t${copyText(p.sku)}\t${copyText(p.brand)}\t${copyText(p.name)}\t${p.grade}\t${copyText(p.certBodyId)}\t${copyText(p.certNo)}\t${copyText(p.certValidFrom)}\t${copyText(p.certValidTo)}\t${p.warrantyMonths}\n`;
}

export function offerLine(o: LargeOffer): string {
  return `${o.id}\t${o.productId}\t${o.supplierOrgId}\t${o.priceFen}\t${o.vatFen}\t${o.minQty}\t${o.leadTimeDays}\t${copyTextArray(o.regionCodes)}\t${copyText(o.regionKey)}\t${o.validFrom}\n`;
}
