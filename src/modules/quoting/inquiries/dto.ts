import { z } from 'zod';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import type { bid, inquiry } from '../tables.ts';
import { inquiryStatuses } from './lifecycle.ts';
import { grades } from './ports.ts';

// What callers see of inquiries and bids. The insurer and the invited suppliers share one shape;
// the fields one side must not see are null for it (the claim and quote line are the insurer's
// business, the list of invited suppliers too, and the bids are sealed until the deadline).

export const BidDto = z
  .object({
    id: z.uuid(),
    inquiryId: z.uuid(),
    supplierOrgId: z.uuid(),
    productId: z.uuid(),
    grade: z.enum(grades),
    // VAT-inclusive unit price and the VAT inside it, in fen.
    priceFen: fenOutput,
    vatFen: fenOutput,
    leadTimeDays: z.number().int(),
    validTo: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Bid' });
export type BidDto = z.infer<typeof BidDto>;

export const InquirySummaryDto = z
  .object({
    id: z.uuid(),
    status: z.enum(inquiryStatuses),
    insurerOrgId: z.uuid(),
    // The insurer's own references; null for suppliers.
    claimId: z.uuid().nullable(),
    quoteLineId: z.uuid().nullable(),
    partId: z.uuid().nullable(),
    description: z.string(),
    quantity: z.number().int(),
    deliveryRegionCode: z.string(),
    deadlineAt: z.string(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
  })
  .meta({ id: 'InquirySummary' });
export type InquirySummaryDto = z.infer<typeof InquirySummaryDto>;

export const InquiryDetailDto = InquirySummaryDto.extend({
  part: z.object({ oeNo: z.string(), nameZh: z.string(), nameEn: z.string(), category: z.string() }).nullable(),
  vehicle: z.object({ brand: z.string(), series: z.string(), model: z.string(), yearFrom: z.number().int(), yearTo: z.number().int() }).nullable(),
  // True while the insurer may not see the bids' contents: the inquiry is open, or it was withdrawn
  // before anything was unsealed.
  sealed: z.boolean(),
  // How many bids arrived (for a supplier: how many of its own).
  bidCount: z.number().int(),
  // The insurer's view only: who was invited. Null for suppliers, who never learn their rivals.
  invitedSuppliers: z.array(z.object({ orgId: z.uuid(), name: z.string(), invitedAt: z.string() })).nullable(),
  // The insurer: null while sealed, all bids after the deadline. A supplier: its own bids, always.
  bids: z.array(BidDto).nullable(),
}).meta({ id: 'Inquiry' });
export type InquiryDetailDto = z.infer<typeof InquiryDetailDto>;

type InquiryRow = typeof inquiry.$inferSelect;
type BidRow = typeof bid.$inferSelect;

export function toInquirySummary(row: InquiryRow, forInsurer: boolean): InquirySummaryDto {
  return {
    id: row.id,
    status: row.status,
    insurerOrgId: row.insurerOrgId,
    claimId: forInsurer ? row.claimId : null,
    quoteLineId: forInsurer ? row.quoteLineId : null,
    partId: row.partId,
    description: row.description,
    quantity: row.quantity,
    deliveryRegionCode: row.deliveryRegionCode,
    deadlineAt: row.deadlineAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    withdrawnReason: row.withdrawnReason,
  };
}

export function toBidDto(row: BidRow): BidDto {
  return {
    id: row.id,
    inquiryId: row.inquiryId,
    supplierOrgId: row.supplierOrgId,
    productId: row.productId,
    grade: row.grade,
    priceFen: fenToJson(row.priceFen),
    vatFen: fenToJson(row.vatFen),
    leadTimeDays: row.leadTimeDays,
    validTo: row.validTo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
