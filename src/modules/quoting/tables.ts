import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Category, Grade } from '../catalog/index.ts';
import { approvalLifecycle, type ApprovalStatus } from './approve/approval-lifecycle.ts';
import { inquiryLifecycle, type InquiryState as InquiryStatus } from './inquiries/lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'bigint' });

// The insurer's rules, the quotes made under them, the inquiries for lines nothing could fill,
// and the price check. References into other modules (insurer, claim, assessment line, part,
// offer, product, supplier) carry no foreign keys: each module owns only its own tables.

// One procurement policy per insurer, stored as the JSON of rules/policy.ts's ProcurementPolicy
// (validated by that schema on the way in and out). `version` counts changes, so a quote can say
// which policy it was made under.
export const procurementPolicy = pgTable('procurement_policy', {
  insurerOrgId: uuid('insurer_org_id').primaryKey(),
  policy: jsonb('policy').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// A price guide entry: for a part or a whole category, nationwide or for one region, the OE
// reference price and the most allowed per grade. `caps` is rules/price-guide.ts's GradeCaps with
// fen written as decimal strings (JSON has no bigint). `guide_key` is the natural key
// (scope|part or category|region or *), what a re-imported guide upserts by.
export const priceGuideEntry = pgTable(
  'price_guide_entry',
  {
    id: uuid('id').primaryKey(),
    insurerOrgId: uuid('insurer_org_id').notNull(),
    scope: text('scope').$type<'part' | 'category'>().notNull(),
    partId: uuid('part_id'),
    category: text('category').$type<Category>(),
    regionCode: text('region_code'),
    guideKey: text('guide_key').notNull(),
    oeReferenceFen: fen('oe_reference_fen'),
    caps: jsonb('caps').$type<Record<string, { bp: number } | { maxFen: string }>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('price_guide_entry_key_uq').on(t.insurerOrgId, t.guideKey),
    index('price_guide_entry_part_idx').on(t.insurerOrgId, t.partId),
    check('price_guide_entry_scope_ck', sql`(${t.scope} = 'part' and ${t.partId} is not null) or (${t.scope} = 'category' and ${t.category} is not null)`),
  ],
);

// The quote of one assessment version: made once, when the version is quoted (then frozen).
export const quote = pgTable(
  'quote',
  {
    id: uuid('id').primaryKey(),
    assessmentId: uuid('assessment_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    insurerOrgId: uuid('insurer_org_id').notNull(),
    repairShopOrgId: uuid('repair_shop_org_id').notNull(),
    // Where the parts go: the repair shop's region.
    deliveryRegionCode: text('delivery_region_code').notNull(),
    policyVersion: integer('policy_version'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('quote_assessment_uq').on(t.assessmentId), index('quote_claim_idx').on(t.claimId)],
);

export type QuoteLineApproval = ApprovalStatus;

// One assessment line as quoted and then price-checked. `candidates` keeps the full ranking with
// its reasons as shown to the checker (fen as decimal strings), so the decision can be explained
// later even after offers change.
export const quoteLine = pgTable(
  'quote_line',
  {
    id: uuid('id').primaryKey(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quote.id),
    assessmentLineId: uuid('assessment_line_id').notNull(),
    partId: uuid('part_id'),
    quantity: integer('quantity').notNull(),
    oeReferenceFen: fen('oe_reference_fen'),
    guideCapFen: fen('guide_cap_fen'),
    chosenOfferId: uuid('chosen_offer_id'),
    chosenBidId: uuid('chosen_bid_id'),
    chosenGrade: text('chosen_grade').$type<Grade>(),
    unitPriceFen: fen('unit_price_fen'),
    lineAmountFen: fen('line_amount_fen'),
    // Where the chosen offer would come from and in how many days, as quoted (stock-aware ranking).
    chosenSource: text('chosen_source'),
    etaDays: integer('eta_days'),
    candidates: jsonb('candidates').$type<unknown[]>().notNull(),
    needsInquiry: boolean('needs_inquiry').notNull().default(false),
    // Price check (核价).
    approval: text('approval').$type<QuoteLineApproval>().notNull().default('pending'),
    approvalReasons: jsonb('approval_reasons').$type<unknown[]>(),
    approvedOfferId: uuid('approved_offer_id'),
    approvedBidId: uuid('approved_bid_id'),
    approvedGrade: text('approved_grade').$type<Grade>(),
    approvedUnitFen: fen('approved_unit_fen'),
    approvedAmountFen: fen('approved_amount_fen'),
    approvedVatFen: fen('approved_vat_fen'),
    savingFen: fen('saving_fen'),
    savingBp: integer('saving_bp'),
    handlingFeeFen: fen('handling_fee_fen'),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    sendBackReason: text('send_back_reason'),
  },
  (t) => [
    uniqueIndex('quote_line_assessment_line_uq').on(t.assessmentLineId),
    index('quote_line_quote_idx').on(t.quoteId),
    check('quote_line_qty_ck', sql`${t.quantity} > 0`),
    check('quote_line_approval_ck', approvalLifecycle.check(t.approval)),
  ],
);

export type { InquiryStatus };

// An inquiry (询价单) for a quote line no stocked offer could fill: sent to the suppliers who
// serve that make and region, answered with sealed bids until the deadline.
export const inquiry = pgTable(
  'inquiry',
  {
    id: uuid('id').primaryKey(),
    insurerOrgId: uuid('insurer_org_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    quoteLineId: uuid('quote_line_id').notNull(),
    partId: uuid('part_id'),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    deliveryRegionCode: text('delivery_region_code').notNull(),
    status: text('status').$type<InquiryStatus>().notNull().default('open'),
    deadlineAt: ts('deadline_at').notNull(),
    withdrawnReason: text('withdrawn_reason'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    index('inquiry_insurer_idx').on(t.insurerOrgId, t.status, t.id),
    index('inquiry_quote_line_idx').on(t.quoteLineId),
    index('inquiry_open_deadline_idx').on(t.deadlineAt).where(sql`${t.status} = 'open'`),
    check('inquiry_status_ck', inquiryLifecycle.check(t.status)),
  ],
);

// The suppliers an inquiry was sent to; only they see it.
export const inquirySupplier = pgTable(
  'inquiry_supplier',
  {
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiry.id),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    invitedAt: ts('invited_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inquiryId, t.supplierOrgId] }), index('inquiry_supplier_org_idx').on(t.supplierOrgId, t.inquiryId)],
);

// A supplier's sealed bid: visible to the insurer only after the deadline, to its supplier always.
export const bid = pgTable(
  'bid',
  {
    id: uuid('id').primaryKey(),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiry.id),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    productId: uuid('product_id').notNull(),
    grade: text('grade').$type<Grade>().notNull(),
    priceFen: fen('price_fen').notNull(),
    vatFen: fen('vat_fen').notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bid_inquiry_supplier_product_uq').on(t.inquiryId, t.supplierOrgId, t.productId),
    check('bid_price_ck', sql`${t.priceFen} > 0 and ${t.vatFen} >= 0 and ${t.vatFen} < ${t.priceFen}`),
    check('bid_lead_time_ck', sql`${t.leadTimeDays} >= 0`),
  ],
);
