import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { findWarehouse, warehouseScope } from '../access.ts';
import { warehouse, warehouseCoverage } from '../tables.ts';
import { toWarehouseDto, type WarehouseDto } from './dto.ts';

export const ListWarehousesQuery = z.strictObject({
  kind: z.enum(['central', 'front', 'supplier']).optional(),
  operatorOrgId: z.uuid().optional(),
});
export type ListWarehousesQuery = z.infer<typeof ListWarehousesQuery>;

// There are tens of warehouses, not thousands: the list is one page, by code.
const MAX_WAREHOUSES = 500;

export async function listWarehouses(db: Executor, ctx: Ctx, query: ListWarehousesQuery): Promise<{ items: WarehouseDto[] }> {
  requirePermission(ctx.actor, 'catalog.read');
  const rows = await db
    .select()
    .from(warehouse)
    .where(and(warehouseScope(ctx.actor), query.kind ? eq(warehouse.kind, query.kind) : undefined, query.operatorOrgId ? eq(warehouse.operatorOrgId, query.operatorOrgId) : undefined))
    .orderBy(asc(warehouse.code))
    .limit(MAX_WAREHOUSES);
  const coverage =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(warehouseCoverage)
          .where(
            inArray(
              warehouseCoverage.warehouseId,
              rows.map((w) => w.id),
            ),
          );
  return { items: rows.map((w) => toWarehouseDto(w, coverage)) };
}

export async function getWarehouse(db: Executor, ctx: Ctx, id: string): Promise<WarehouseDto> {
  requirePermission(ctx.actor, 'catalog.read');
  const w = await findWarehouse(db, ctx.actor, id);
  const coverage = await db.select().from(warehouseCoverage).where(eq(warehouseCoverage.warehouseId, w.id));
  return toWarehouseDto(w, coverage);
}
