import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assessmentLifecycle, type AssessmentStatus } from './assessment-lifecycle.ts';
import { claimLifecycle, type ClaimStatus } from './lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// References into other modules (the insurer and shop organisations, the vehicle model, the part)
// carry no foreign keys, as in the catalog's products: a module owns only its own tables, and the
// commands check those references when they write them.

// A motor claim (报案/立案) as the insurer filed it. The claim number is the insurer's own, so it is
// unique per insurer, not platform-wide. `status` moves only through lifecycle.ts.
export const claim = pgTable(
  'claim',
  {
    id: uuid('id').primaryKey(),
    insurerOrgId: uuid('insurer_org_id').notNull(),
    claimNo: text('claim_no').notNull(),
    policyNo: text('policy_no').notNull(),
    accidentDate: date('accident_date', { mode: 'string' }).notNull(),
    // GB/T 2260, the place of the accident (county level or coarser).
    accidentRegionCode: text('accident_region_code').notNull(),
    vin: text('vin').notNull(),
    // Null while the VIN maps to no model the catalog knows.
    vehicleModelId: uuid('vehicle_model_id'),
    plate: text('plate').notNull(),
    // The vehicle's value (fen) as the policy insures it: insurers' procurement rules vary by price
    // band. Null when the insurer did not send it; the band rules then do not apply.
    vehicleValueFen: bigint('vehicle_value_fen', { mode: 'bigint' }),
    repairShopOrgId: uuid('repair_shop_org_id').notNull(),
    status: text('status').$type<ClaimStatus>().notNull(),
    // The user or API key that filed the claim; the audit trail says which of the two it was.
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('claim_insurer_no_uq').on(t.insurerOrgId, t.claimNo),
    // Each side's worklist: newest first, optionally by status.
    index('claim_insurer_idx').on(t.insurerOrgId, t.status, t.id),
    // The unfiltered list, newest first: without it every page would sort all of an insurer's claims.
    index('claim_insurer_recent_idx').on(t.insurerOrgId, t.id),
    index('claim_shop_recent_idx').on(t.repairShopOrgId, t.id),
    index('claim_shop_idx').on(t.repairShopOrgId, t.status, t.id),
    // `q` finds a claim by any fragment of its number, plate or VIN (people type the VIN's tail).
    index('claim_no_trgm_idx').using('gin', t.claimNo.op('gin_trgm_ops')),
    index('claim_plate_trgm_idx').using('gin', t.plate.op('gin_trgm_ops')),
    index('claim_vin_trgm_idx').using('gin', t.vin.op('gin_trgm_ops')),
    check('claim_status_ck', claimLifecycle.check(t.status)),
    check('claim_region_ck', sql`${t.accidentRegionCode} ~ '^[0-9]{6}$'`),
    check('claim_vin_ck', sql`${t.vin} ~ '^[A-HJ-NPR-Z0-9]{17}$'`),
  ],
);

// A damage assessment (定损单) version: 1 is the first assessment, 2 and up are supplements
// (追加定损) written after teardown. Each version holds only its own lines; the claim's full
// assessment is the union of its versions. A version is frozen once quoted.
export const assessment = pgTable(
  'assessment',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claim.id),
    version: integer('version').notNull(),
    status: text('status').$type<AssessmentStatus>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessment_claim_version_uq').on(t.claimId, t.version),
    check('assessment_status_ck', assessmentLifecycle.check(t.status)),
    check('assessment_version_ck', sql`${t.version} >= 1`),
  ],
);

// One line of an assessment: a part to replace or repair, with labour. A line names a catalog part
// (by id, or by an OE number that resolved to one) or is free text, flagged so the price checker
// sees that no catalog price or offer can back it.
export const assessmentLine = pgTable(
  'assessment_line',
  {
    id: uuid('id').primaryKey(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessment.id),
    lineNo: integer('line_no').notNull(),
    partId: uuid('part_id'),
    // The OE number as the adjuster typed it, kept even when it resolved, for the record.
    oeNoRaw: text('oe_no_raw'),
    description: text('description').notNull(),
    isFreeText: boolean('is_free_text').notNull(),
    quantity: integer('quantity').notNull(),
    operation: text('operation').$type<'replace' | 'repair'>().notNull(),
    // Labour in tenths of an hour: hours have one decimal, and integers keep sums exact.
    labourTenths: integer('labour_tenths').notNull(),
    photoUrls: text('photo_urls').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('assessment_line_no_uq').on(t.assessmentId, t.lineNo),
    index('assessment_line_part_idx').on(t.partId),
    check('assessment_line_qty_ck', sql`${t.quantity} > 0`),
    check('assessment_line_labour_ck', sql`${t.labourTenths} >= 0`),
    check('assessment_line_operation_ck', sql`${t.operation} in ('replace','repair')`),
    // The flag is exactly "no catalog part": it cannot disagree with the part reference.
    check('assessment_line_free_text_ck', sql`${t.isFreeText} = (${t.partId} is null)`),
    check('assessment_line_description_ck', sql`length(${t.description}) > 0`),
  ],
);
