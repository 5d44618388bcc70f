import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { toVehicleModelDto, type VehicleModelDto } from './dto.ts';
import { vehicleModel } from './tables.ts';
import type { DecodedVin } from './vin/index.ts';

export const ListVehicleModelsQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  brand: z.string().trim().min(1).max(60).optional(),
  wmi: z.string().trim().length(3).toUpperCase().optional(),
  ...pageQuery,
});
export type ListVehicleModelsQuery = z.infer<typeof ListVehicleModelsQuery>;

export async function listVehicleModels(db: Executor, ctx: Ctx, query: ListVehicleModelsQuery): Promise<Page<VehicleModelDto>> {
  requirePermission(ctx.actor, 'catalog.read');
  const after = decodeCursor(query.cursor);
  const text = query.q ? containsPattern(query.q) : undefined;
  const conditions: (SQL | undefined)[] = [
    text ? or(ilike(vehicleModel.brand, text), ilike(vehicleModel.brandEn, text), ilike(vehicleModel.series, text), ilike(vehicleModel.model, text), ilike(vehicleModel.code, text)) : undefined,
    query.brand ? or(eq(vehicleModel.brand, query.brand), ilike(vehicleModel.brandEn, query.brand)) : undefined,
    query.wmi ? eq(vehicleModel.wmi, query.wmi) : undefined,
    after ? gt(vehicleModel.id, after) : undefined,
  ];
  const rows = await db
    .select()
    .from(vehicleModel)
    .where(and(...conditions))
    .orderBy(asc(vehicleModel.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toVehicleModelDto);
}

// The models a decoded VIN may be: same WMI, VDS matching the model's pattern (`*` = any one
// character), model year within the model's years. The most specific patterns come first, so a
// rule for one trim outranks its series' catch-all. An unreadable model year does not exclude.
export async function matchVehicleModels(db: Executor, vin: Pick<DecodedVin, 'wmi' | 'vds' | 'modelYear'>): Promise<VehicleModelDto[]> {
  const rows = await db
    .select()
    .from(vehicleModel)
    .where(
      and(
        eq(vehicleModel.wmi, vin.wmi),
        sql`${vin.vds} like translate(${vehicleModel.vdsPattern}, '*', '_')`,
        vin.modelYear === null ? undefined : sql`${vin.modelYear} between ${vehicleModel.yearFrom} and ${vehicleModel.yearTo}`,
      ),
    )
    .orderBy(sql`length(${vehicleModel.vdsPattern}) - length(replace(${vehicleModel.vdsPattern}, '*', ''))`, asc(vehicleModel.code))
    .limit(20);
  return rows.map(toVehicleModelDto);
}
