import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Category } from './categories.ts';
import type { Grade } from './grades.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// A vehicle model as the catalog knows it, with the rule that maps VINs to it: the WMI, a pattern
// over the VDS (positions 4-8, `*` matches any character) and the model-year range.
export const vehicleModel = pgTable(
  'vehicle_model',
  {
    id: uuid('id').primaryKey(),
    // The natural key imports upsert by, e.g. `FAW-VW-SAGITAR-2019-1.4T`.
    code: text('code').notNull(),
    brand: text('brand').notNull(),
    brandEn: text('brand_en').notNull(),
    series: text('series').notNull(),
    model: text('model').notNull(),
    yearFrom: integer('year_from').notNull(),
    yearTo: integer('year_to').notNull(),
    engine: text('engine').notNull(),
    body: text('body').notNull(),
    wmi: text('wmi').notNull(),
    vdsPattern: text('vds_pattern').notNull(),
    sampleVin: text('sample_vin'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vehicle_model_code_uq').on(t.code),
    index('vehicle_model_wmi_idx').on(t.wmi, t.yearFrom),
    index('vehicle_model_brand_idx').on(t.brand, t.series),
    check('vehicle_model_years_ck', sql`${t.yearFrom} <= ${t.yearTo}`),
    check('vehicle_model_wmi_ck', sql`${t.wmi} ~ '^[A-HJ-NPR-Z0-9]{3}$'`),
    check('vehicle_model_vds_ck', sql`${t.vdsPattern} ~ '^[A-HJ-NPR-Z0-9*]{5}$'`),
  ],
);

// A catalog part: one per OE number. `oe_norm` is the OE number without spaces, dashes or dots,
// upper-cased, which is what people type and what suppliers' spreadsheets disagree on.
export const part = pgTable(
  'part',
  {
    id: uuid('id').primaryKey(),
    oeNo: text('oe_no').notNull(),
    oeNorm: text('oe_norm').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    // Full pinyin without tones or spaces (qianbaoxiangang) and its initials (qbxg).
    pinyin: text('pinyin').notNull(),
    initials: text('initials').notNull(),
    category: text('category').$type<Category>().notNull(),
    // The carmaker's list price incl. 13 % VAT: the OE reference savings are measured against.
    oePriceFen: bigint('oe_price_fen', { mode: 'bigint' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('part_oe_norm_uq').on(t.oeNorm),
    // Prefix search (`LIKE 'abc%'`) needs pattern ops under a UTF-8 collation; fragment search in
    // OE numbers and Chinese names goes through trigram GIN indexes (pg_trgm).
    index('part_oe_norm_prefix_idx').on(t.oeNorm.op('text_pattern_ops')),
    index('part_oe_norm_trgm_idx').using('gin', t.oeNorm.op('gin_trgm_ops')),
    index('part_name_zh_trgm_idx').using('gin', t.nameZh.op('gin_trgm_ops')),
    index('part_pinyin_prefix_idx').on(t.pinyin.op('text_pattern_ops')),
    index('part_initials_prefix_idx').on(t.initials.op('text_pattern_ops')),
    index('part_category_idx').on(t.category, t.id),
    check('part_oe_price_ck', sql`${t.oePriceFen} > 0`),
  ],
);

// Which parts fit which models. The searchable columns of the part ride along (copied by database
// triggers, see migration 0003): a VIN-scoped search then reads one model's parts from one index,
// in order, instead of visiting a thousand part rows one by one. Writers insert only the two ids.
export const partFitment = pgTable(
  'part_fitment',
  {
    vehicleModelId: uuid('vehicle_model_id')
      .notNull()
      .references(() => vehicleModel.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => part.id),
    oeNorm: text('oe_norm'),
    nameZh: text('name_zh'),
    pinyin: text('pinyin'),
    initials: text('initials'),
    category: text('category').$type<Category>(),
  },
  (t) => [primaryKey({ columns: [t.vehicleModelId, t.partId] }), index('part_fitment_part_idx').on(t.partId)],
);

// The maker replaced an OE number with a newer one; both stay searchable.
export const partSupersession = pgTable(
  'part_supersession',
  {
    oldPartId: uuid('old_part_id')
      .notNull()
      .references(() => part.id),
    newPartId: uuid('new_part_id')
      .notNull()
      .references(() => part.id),
  },
  (t) => [primaryKey({ columns: [t.oldPartId, t.newPartId] }), index('part_supersession_new_idx').on(t.newPartId)],
);

// Parts that fit in each other's place. Stored in both directions so a lookup is one index scan.
export const partInterchange = pgTable(
  'part_interchange',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => part.id),
    otherPartId: uuid('other_part_id')
      .notNull()
      .references(() => part.id),
  },
  (t) => [primaryKey({ columns: [t.partId, t.otherPartId] })],
);

// Bodies that certify independent parts (e.g. CAPA, 中汽研 CATARC).
export const certBody = pgTable(
  'cert_body',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [uniqueIndex('cert_body_code_uq').on(t.code)],
);

// What a supplier sells: its own SKU of some grade, replacing one or more catalog parts.
export const product = pgTable(
  'product',
  {
    id: uuid('id').primaryKey(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    sku: text('sku').notNull(),
    brand: text('brand').notNull(),
    name: text('name').notNull(),
    grade: text('grade').$type<Grade>().notNull(),
    certBodyId: uuid('cert_body_id').references(() => certBody.id),
    certNo: text('cert_no'),
    certValidFrom: date('cert_valid_from', { mode: 'string' }),
    certValidTo: date('cert_valid_to', { mode: 'string' }),
    warrantyMonths: integer('warranty_months').notNull().default(0),
    pictureUrls: text('picture_urls').array().notNull().default(sql`'{}'::text[]`),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('product_supplier_sku_uq').on(t.supplierOrgId, t.sku),
    check('product_grade_ck', sql`${t.grade} in ('oem','oes','certified','aftermarket','recycled')`),
    // A certified part without its certificate is an aftermarket part with a claim attached.
    check('product_certified_ck', sql`${t.grade} <> 'certified' or (${t.certBodyId} is not null and ${t.certNo} is not null and ${t.certValidFrom} is not null and ${t.certValidTo} is not null)`),
  ],
);

export const productPart = pgTable(
  'product_part',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => part.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
  },
  (t) => [primaryKey({ columns: [t.partId, t.productId] }), index('product_part_product_idx').on(t.productId)],
);

// A product's price for some regions and dates. Money in fen, VAT-inclusive, with the VAT split.
export const offer = pgTable(
  'offer',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    priceFen: bigint('price_fen', { mode: 'bigint' }).notNull(),
    vatFen: bigint('vat_fen', { mode: 'bigint' }).notNull(),
    minQty: integer('min_qty').notNull().default(1),
    leadTimeDays: integer('lead_time_days').notNull(),
    // GB/T 2260 codes (provinces or cities) the offer serves; empty means nationwide.
    regionCodes: text('region_codes').array().notNull().default(sql`'{}'::text[]`),
    // The region list as one sorted string (`*` when nationwide): with the product, the natural key.
    regionKey: text('region_key').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('offer_product_region_uq').on(t.productId, t.regionKey),
    index('offer_supplier_idx').on(t.supplierOrgId, t.id),
    check('offer_price_ck', sql`${t.priceFen} > 0 and ${t.vatFen} >= 0 and ${t.vatFen} < ${t.priceFen}`),
    check('offer_qty_ck', sql`${t.minQty} >= 1 and ${t.leadTimeDays} >= 0`),
  ],
);
