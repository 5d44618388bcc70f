import { z } from 'zod';

export const MAX_ORDER_LINES = 200;
export const MAX_SHOP_LINE_QTY = 999;

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
  })
  .superRefine((input, ctx) => {
    if (input.assessmentId === undefined && input.lines === undefined) ctx.addIssue({ code: 'custom', message: 'required', path: ['assessmentId'] });
    if (input.assessmentId !== undefined && input.lines !== undefined) ctx.addIssue({ code: 'custom', message: 'invalid', path: ['lines'] });
  });
export type CreateOrderInput = z.infer<typeof CreateOrderInput>;
