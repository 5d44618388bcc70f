import { z } from 'zod';
import type { warehouse, warehouseCoverage } from '../tables.ts';

export const WarehouseDto = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['central', 'front', 'supplier']),
    regionCode: z.string(),
    operatorOrgId: z.uuid(),
    stockLocationId: z.uuid(),
    coverage: z.array(z.object({ regionCode: z.string(), transitDays: z.number().int() })),
    createdAt: z.string(),
  })
  .meta({ id: 'Warehouse' });
export type WarehouseDto = z.infer<typeof WarehouseDto>;

export function toWarehouseDto(w: typeof warehouse.$inferSelect, coverage: (typeof warehouseCoverage.$inferSelect)[]): WarehouseDto {
  return {
    id: w.id,
    code: w.code,
    name: w.name,
    kind: w.kind,
    regionCode: w.regionCode,
    operatorOrgId: w.operatorOrgId,
    stockLocationId: w.stockLocationId,
    coverage: coverage
      .filter((c) => c.warehouseId === w.id)
      .map((c) => ({ regionCode: c.regionCode, transitDays: c.transitDays }))
      .sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1)),
    createdAt: w.createdAt.toISOString(),
  };
}
