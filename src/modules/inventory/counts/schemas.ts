import { z } from 'zod';
import { MAX_COUNTED_QTY } from '../../../platform/bounds.ts';
import { traceCodeField } from '../trace-code.ts';

export const MAX_COUNT_LINES = 500;
// One lot on one shelf (platform/bounds.ts).
export const MAX_COUNTED = MAX_COUNTED_QTY;

export const CountLineInput = z
  .strictObject({
    productId: z.uuid(),
    lotNo: z.string().trim().min(1).max(60),
    // What is on the shelf, whoever owns it: the warehouse counts units, not owners.
    counted: z.number().int().min(0).max(MAX_COUNTED),
    // For a lot whose units carry trace codes: the codes found, one per unit counted.
    traceCodes: z.array(traceCodeField).max(5000).optional(),
  })
  .meta({ id: 'CountLineInput' });

export const CreateCountInput = z
  .strictObject({
    note: z.string().trim().max(500).optional(),
    lines: z.array(CountLineInput).min(1).max(MAX_COUNT_LINES),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.lines.forEach((l, i) => {
      const key = `${l.productId}|${l.lotNo}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['lines', i], message: 'duplicate_count_line' });
      seen.add(key);
    });
  })
  .meta({ id: 'CreateCountInput' });
export type CreateCountInput = z.infer<typeof CreateCountInput>;

export const CountDto = z
  .object({
    id: z.uuid(),
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    note: z.string().nullable(),
    // Per counted product and lot, summed over owners: what the books said, what was found.
    lines: z.array(
      z.object({ productId: z.uuid(), lotId: z.uuid(), lotNo: z.string(), expected: z.number().int(), counted: z.number().int(), reserved: z.number().int(), difference: z.number().int() }),
    ),
    // The moves that made the books agree: losses to the 盘亏 location, surpluses from it.
    adjustments: z.array(z.object({ productId: z.uuid(), lotId: z.uuid(), lotNo: z.string(), ownerOrgId: z.uuid(), direction: z.enum(['loss', 'surplus']), qty: z.number().int() })),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StockCount' });
export type CountDto = z.infer<typeof CountDto>;
