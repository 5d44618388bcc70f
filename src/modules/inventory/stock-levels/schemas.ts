import { z } from 'zod';
import { MAX_COUNTED_QTY } from '../../../platform/bounds.ts';

// A supplier's stock levels (库存水位) at its own warehouse, as the supplier knows them.

// Lines of one request, and rows of one CSV file: a supplier's whole range of stocked articles.
export const MAX_STOCK_LEVEL_LINES = 2_000;
// One product (or one lot of it) at one warehouse, like a count of one lot on a shelf (bounds.ts).
export const MAX_STOCK_LEVEL_QTY = MAX_COUNTED_QTY;
// Units added to certified products are issued trace codes, one row and one label each, as a
// receipt issues them; one request issues at most as many as one receipt may.
export const MAX_STOCK_LEVEL_TRACE_CODES = 5_000;
// The lot a line without a lot number puts new stock into: a supplier that does not track lots
// still keeps one lot per product, so recalls and the trace codes of certified units have a lot.
export const DEFAULT_STOCK_LOT = 'SUPPLIER-STOCK';

const lotNoField = z.string().trim().min(1).max(60);

export const StockLevelLineInput = z
  .strictObject({
    // The product, by id or by the supplier's own article number (one of the two).
    productId: z.uuid().optional(),
    sku: z.string().trim().min(1).max(100).optional(),
    // With a lot number, the level of that lot; without, the product's total over all its lots.
    lotNo: lotNoField.optional(),
    // The level: how many units the supplier holds, whether orders have reserved some or not.
    qty: z.number().int().min(0).max(MAX_STOCK_LEVEL_QTY),
  })
  .meta({ id: 'StockLevelLineInput' });
export type StockLevelLineInput = z.infer<typeof StockLevelLineInput>;

export const SetStockLevelsInput = z
  .strictObject({
    note: z.string().trim().max(500).optional(),
    lines: z.array(StockLevelLineInput).min(1).max(MAX_STOCK_LEVEL_LINES),
  })
  .superRefine((input, ctx) => {
    input.lines.forEach((l, i) => {
      if ((l.productId === undefined) === (l.sku === undefined)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'productId'], message: 'product_id_or_sku' });
    });
  })
  .meta({ id: 'SetStockLevelsInput' });
export type SetStockLevelsInput = z.infer<typeof SetStockLevelsInput>;

export const StockLevelsDto = z
  .object({
    // The document the adjustment moves name (their document id) and the audit trail is kept under.
    id: z.uuid(),
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    supplierOrgId: z.uuid(),
    note: z.string().nullable(),
    // Whether anything changed: the same levels sent again change nothing.
    changed: z.boolean(),
    // Per line as sent: the level before and after (a lot's, or the product's total when the line
    // named no lot), what orders hold of it, and the trace codes issued for certified units added.
    lines: z.array(
      z.object({
        productId: z.uuid(),
        sku: z.string(),
        lotNo: z.string().nullable(),
        before: z.number().int(),
        qty: z.number().int(),
        reserved: z.number().int(),
        difference: z.number().int(),
        traceCodes: z.array(z.string()),
      }),
    ),
    // The moves that made the books say so: units in from the supplier, or out to it.
    adjustments: z.array(z.object({ productId: z.uuid(), lotId: z.uuid(), lotNo: z.string(), direction: z.enum(['in', 'out']), qty: z.number().int() })),
    createdAt: z.string(),
  })
  .meta({ id: 'StockLevels' });
export type StockLevelsDto = z.infer<typeof StockLevelsDto>;
