import { z } from 'zod';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import type { orderReturn } from '../tables.ts';

export const ReturnDto = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    orderLineId: z.uuid(),
    supplierOrgId: z.uuid(),
    warehouseId: z.uuid(),
    reason: z.enum(['wrong_part', 'damaged', 'quality', 'missing']),
    // Refused at the shop's receipt, or sent back after it accepted the line (售后退货).
    stage: z.enum(['at_receipt', 'after_acceptance']),
    note: z.string().nullable(),
    photoUrls: z.array(z.string()),
    qty: z.number().int(),
    // What the payer is owed when the return is received (the line's amount).
    creditFen: fenOutput,
    status: z.enum(['requested', 'approved', 'refused', 'received', 'closed']),
    disposition: z.enum(['restock', 'scrap']).nullable(),
    refusedReason: z.string().nullable(),
    // The reverse shipment, once the shop has sent the goods back.
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    replacementOrderId: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Return' });
export type ReturnDto = z.infer<typeof ReturnDto>;

export function toReturnDto(r: typeof orderReturn.$inferSelect): ReturnDto {
  return {
    id: r.id,
    orderId: r.orderId,
    orderLineId: r.orderLineId,
    supplierOrgId: r.supplierOrgId,
    warehouseId: r.warehouseId,
    reason: r.reason,
    stage: r.stage,
    note: r.note,
    photoUrls: r.photoUrls ?? [],
    qty: r.qty,
    creditFen: fenToJson(r.creditFen),
    status: r.status,
    disposition: r.disposition,
    refusedReason: r.refusedReason,
    carrier: r.carrier,
    trackingNo: r.trackingNo,
    replacementOrderId: r.replacementOrderId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
