import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { regionPath } from '../regions/index.ts';
import type { WarehouseReach } from './allocate.ts';
import { warehouse, warehouseCoverage } from './tables.ts';

export type Reach = WarehouseReach & { stockLocationId: string };

// The warehouses that deliver to a region, each with its transit days from the most specific
// coverage entry containing the region (a county's own entry before its city's, before its
// province's).
export async function warehousesReaching(exec: Executor, regionCode: string): Promise<Reach[]> {
  const path = regionPath(regionCode).map((r) => r.code);
  if (path.length === 0) return [];
  const rows = await exec
    .select({
      warehouseId: warehouse.id,
      kind: warehouse.kind,
      operatorOrgId: warehouse.operatorOrgId,
      code: warehouse.code,
      stockLocationId: warehouse.stockLocationId,
      regionCode: warehouseCoverage.regionCode,
      transitDays: warehouseCoverage.transitDays,
    })
    .from(warehouseCoverage)
    .innerJoin(warehouse, eq(warehouse.id, warehouseCoverage.warehouseId))
    .where(inArray(warehouseCoverage.regionCode, path));
  const best = new Map<string, { depth: number; row: (typeof rows)[number] }>();
  for (const row of rows) {
    const depth = path.indexOf(row.regionCode);
    const seen = best.get(row.warehouseId);
    if (!seen || depth > seen.depth) best.set(row.warehouseId, { depth, row });
  }
  return [...best.values()].map(({ row }) => ({
    warehouseId: row.warehouseId,
    kind: row.kind,
    operatorOrgId: row.operatorOrgId,
    code: row.code,
    stockLocationId: row.stockLocationId,
    transitDays: row.transitDays,
  }));
}
