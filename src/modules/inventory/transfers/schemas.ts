import { z } from 'zod';
import { MAX_STOCK_LINE_QTY } from '../../../platform/bounds.ts';
import { pageQuery } from '../../../platform/pagination.ts';

export const MAX_TRANSFER_LINES = 200;
// A container of one article (platform/bounds.ts).
export const MAX_TRANSFER_LINE_QTY = MAX_STOCK_LINE_QTY;

export const TransferLineInput = z
  .strictObject({
    productId: z.uuid(),
    // Only this lot; left out, the oldest lots go first.
    lotNo: z.string().trim().min(1).max(60).optional(),
    qty: z.number().int().min(1).max(MAX_TRANSFER_LINE_QTY),
  })
  .meta({ id: 'TransferLineInput' });

export const CreateTransferInput = z
  .strictObject({
    fromWarehouseId: z.uuid(),
    toWarehouseId: z.uuid(),
    note: z.string().trim().max(500).optional(),
    lines: z.array(TransferLineInput).min(1).max(MAX_TRANSFER_LINES),
  })
  .superRefine((input, ctx) => {
    if (input.fromWarehouseId === input.toWarehouseId) ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'same_warehouse' });
  })
  .meta({ id: 'CreateTransferInput' });
export type CreateTransferInput = z.infer<typeof CreateTransferInput>;

export const ListTransfersQuery = z.strictObject({
  // Transfers out of or into this warehouse.
  warehouseId: z.uuid().optional(),
  status: z.enum(['in_transit', 'received']).optional(),
  ...pageQuery,
});
export type ListTransfersQuery = z.infer<typeof ListTransfersQuery>;
