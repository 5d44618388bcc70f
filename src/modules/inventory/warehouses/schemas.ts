import { z } from 'zod';
import { regionCodeField } from '../../regions/index.ts';

export const MAX_COVERAGE_ENTRIES = 400;

export const CoverageInput = z
  .array(z.strictObject({ regionCode: regionCodeField, transitDays: z.number().int().min(0).max(60) }))
  .min(1)
  .max(MAX_COVERAGE_ENTRIES)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.regionCode)) ctx.addIssue({ code: 'custom', message: 'invalid', path: [i, 'regionCode'] });
      seen.add(e.regionCode);
    });
  })
  .meta({ id: 'CoverageInput' });
export type CoverageInput = z.infer<typeof CoverageInput>;

export const CreateWarehouseInput = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/),
    name: z.string().trim().min(1).max(100),
    kind: z.enum(['central', 'front', 'supplier']),
    regionCode: regionCodeField,
    // The platform creates warehouses for an operator (or a supplier); others for themselves.
    operatorOrgId: z.uuid().optional(),
    coverage: CoverageInput,
  })
  .meta({ id: 'CreateWarehouseInput' });
export type CreateWarehouseInput = z.infer<typeof CreateWarehouseInput>;

export const CoverageBody = z.strictObject({ coverage: CoverageInput }).meta({ id: 'SetCoverageInput' });
