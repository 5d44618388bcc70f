import { z } from 'zod';
import { MAX_LINE_QTY, MAX_ORDER_LINES } from '../../../platform/bounds.ts';

// Lines per order and units per line bound an order's total, so they are the domain's bounds
// (platform/bounds.ts), defined there with the arithmetic they keep safe.
export { MAX_ORDER_LINES };
export const MAX_SHOP_LINE_QTY = MAX_LINE_QTY;

// One body for both kinds of order: `assessmentId` turns an approved assessment version into an
// order (the insurer pays); `lines` is a shop buying for itself (the shop pays). Exactly one.
export const CreateOrderInput = z
  .strictObject({
    assessmentId: z.uuid().optional(),
    lines: z
      .array(z.strictObject({ productId: z.uuid(), qty: z.number().int().min(1).max(MAX_SHOP_LINE_QTY) }))
      .min(1)
      .max(MAX_ORDER_LINES)
      .optional(),
    note: z.string().trim().max(500).optional(),
    // A shop's own purchase: wait for lines not in stock (a transfer or a purchase brings them; the
    // default), or take the order only if everything is in stock now.
    backorders: z.enum(['wait', 'in_stock_only']).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.assessmentId === undefined && input.lines === undefined) ctx.addIssue({ code: 'custom', message: 'required', path: ['assessmentId'] });
    if (input.assessmentId !== undefined && input.lines !== undefined) ctx.addIssue({ code: 'custom', message: 'invalid', path: ['lines'] });
    if (input.assessmentId !== undefined && input.backorders !== undefined) ctx.addIssue({ code: 'custom', message: 'invalid', path: ['backorders'] });
  })
  .meta({ id: 'CreateOrderInput' });
export type CreateOrderInput = z.infer<typeof CreateOrderInput>;
