import { z } from 'zod';
import { MAX_STOCK_LINE_QTY, MAX_UNIT_PRICE_FEN } from '../../platform/bounds.ts';
import { fenInput } from '../../platform/money.ts';
import { MAX_RECEIPT_LINES } from '../inventory/index.ts';
import { MAX_PURCHASE_ORDER_LINES } from './raise-purchase-order.ts';

// Inputs of the purchase order commands. Refinement messages are field codes (platform/messages.ts),
// translated at the HTTP edge.

const day = z.iso.date();
const reason = z.string().trim().min(1).max(300);

export const CreatePurchaseOrderInput = z
  .strictObject({
    supplierOrgId: z.uuid(),
    // A platform warehouse (central or front) the caller runs; the platform may buy for any.
    warehouseId: z.uuid(),
    // Consignment (寄售): the goods stay the supplier's until sold; otherwise bought outright.
    consignment: z.boolean().default(false),
    // The day the goods are wanted at the warehouse.
    expectedDate: day,
    note: z.string().trim().max(500).optional(),
    lines: z
      .array(
        z.strictObject({
          productId: z.uuid(),
          // A container of one article, as a receipt line (platform/bounds.ts).
          qty: z.number().int().min(1).max(MAX_STOCK_LINE_QTY),
          // The agreed unit price, VAT included; left out, the supplier's valid offer for the
          // warehouse's region.
          unitFen: fenInput(MAX_UNIT_PRICE_FEN, 1).optional(),
        }),
      )
      .min(1)
      .max(MAX_PURCHASE_ORDER_LINES),
  })
  .meta({ id: 'CreatePurchaseOrderInput' });
export type CreatePurchaseOrderInput = z.infer<typeof CreatePurchaseOrderInput>;

// The supplier's answer, line by line: confirm with the day it promises, or refuse with why.
export const ConfirmPurchaseOrderInput = z
  .strictObject({
    lines: z
      .array(
        z
          .strictObject({
            lineId: z.uuid(),
            promisedDate: day.optional(),
            refuseReason: reason.optional(),
          })
          .refine((l) => (l.promisedDate === undefined) !== (l.refuseReason === undefined), { message: 'promised_date_or_reason', path: ['promisedDate'] }),
      )
      .min(1)
      .max(MAX_PURCHASE_ORDER_LINES),
  })
  .meta({ id: 'ConfirmPurchaseOrderInput' });
export type ConfirmPurchaseOrderInput = z.infer<typeof ConfirmPurchaseOrderInput>;

export const RefusePurchaseOrderInput = z.strictObject({ reason }).meta({ id: 'RefusePurchaseOrderInput' });
export type RefusePurchaseOrderInput = z.infer<typeof RefusePurchaseOrderInput>;

export const ShipPurchaseOrderInput = z
  .strictObject({
    carrier: z.string().trim().min(1).max(60),
    trackingNo: z.string().trim().min(1).max(60),
  })
  .meta({ id: 'ShipPurchaseOrderInput' });
export type ShipPurchaseOrderInput = z.infer<typeof ShipPurchaseOrderInput>;

// Why it is withdrawn: the supplier is told, and the backorders it carried are handed back with it.
export const CancelPurchaseOrderInput = z.strictObject({ reason }).meta({ id: 'CancelPurchaseOrderInput' });
export type CancelPurchaseOrderInput = z.infer<typeof CancelPurchaseOrderInput>;

// A delivery against the purchase order: per line what arrived, by lot (a line may arrive in
// several lots). `final` closes the order with what has arrived, short or not; only then may there
// be no lines (the supplier will deliver no more).
export const ReceivePurchaseOrderInput = z
  .strictObject({
    note: z.string().trim().max(500).optional(),
    final: z.boolean().default(false),
    lines: z
      .array(
        z.strictObject({
          lineId: z.uuid(),
          qty: z.number().int().min(1).max(MAX_STOCK_LINE_QTY),
          lotNo: z.string().trim().min(1).max(60),
          // As on any receipt: certified parts always get trace codes, others on request.
          issueTraceCodes: z.boolean().optional(),
        }),
      )
      .max(MAX_RECEIPT_LINES)
      .default([]),
  })
  .superRefine((input, ctx) => {
    if (input.lines.length === 0 && !input.final) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'receipt_lines_required' });
  })
  .meta({ id: 'ReceivePurchaseOrderInput' });
export type ReceivePurchaseOrderInput = z.infer<typeof ReceivePurchaseOrderInput>;
