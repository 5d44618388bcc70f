import { z } from 'zod';
import { MAX_STOCK_LINE_QTY } from '../../../platform/bounds.ts';

export const MAX_RECEIPT_LINES = 200;
// A container of one article (platform/bounds.ts).
export const MAX_LINE_QTY = MAX_STOCK_LINE_QTY;
// Every trace code is a row and a label; a receipt of more coded units than this is split by the
// warehouse.
export const MAX_TRACE_CODES_PER_RECEIPT = 5_000;

export const ReceiptLineInput = z
  .strictObject({
    productId: z.uuid(),
    qty: z.number().int().min(1).max(MAX_LINE_QTY),
    lotNo: z.string().trim().min(1).max(60),
    // The platform issues one trace code per unit (random, so that the public lookup cannot be walked
    // through) and answers them for the labels. Always for certified parts; for others on request.
    // Codes are no longer taken from the request: a code the caller chose could be guessed.
    issueTraceCodes: z.boolean().optional(),
  })
  .meta({ id: 'GoodsReceiptLineInput' });

export const CreateReceiptInput = z
  .strictObject({
    // The supplier delivering; at a supplier's own warehouse, that supplier (may be left out).
    supplierOrgId: z.uuid().optional(),
    // Consignment (寄售): the goods stay the supplier's until sold.
    consignment: z.boolean().default(false),
    note: z.string().trim().max(500).optional(),
    lines: z.array(ReceiptLineInput).min(1).max(MAX_RECEIPT_LINES),
  })
  .meta({ id: 'CreateGoodsReceiptInput' });
export type CreateReceiptInput = z.infer<typeof CreateReceiptInput>;

export const ReceiptDto = z
  .object({
    id: z.uuid(),
    warehouseId: z.uuid(),
    supplierOrgId: z.uuid(),
    consignment: z.boolean(),
    ownerOrgId: z.uuid(),
    // The purchase order the goods were delivered against, if any.
    purchaseOrderId: z.uuid().nullable(),
    note: z.string().nullable(),
    // The codes issued for the line's units, in the printed form, to be put on their labels.
    lines: z.array(z.object({ productId: z.uuid(), qty: z.number().int(), lotId: z.uuid(), lotNo: z.string(), traceCodes: z.array(z.string()) })),
    // Backordered order lines the goods were reserved for on arrival (oldest first); the rest is free.
    backordersReserved: z.array(z.object({ orderLineId: z.uuid(), productId: z.uuid(), qty: z.number().int() })),
    createdAt: z.string(),
  })
  .meta({ id: 'GoodsReceipt' });
export type ReceiptDto = z.infer<typeof ReceiptDto>;
