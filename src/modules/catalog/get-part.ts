import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { PartDto, toPartDto, toVehicleModelDto, VehicleModelDto } from './dto.ts';
import { part, partFitment, partInterchange, partSupersession, vehicleModel } from './tables.ts';

const PartRef = z.object({ id: z.uuid(), oeNo: z.string(), nameZh: z.string() });

export const PartDetailDto = PartDto.extend({
  fitment: z.array(VehicleModelDto),
  // OE numbers this part replaced, and the newer ones that replace it.
  supersedes: z.array(PartRef),
  supersededBy: z.array(PartRef),
  interchange: z.array(PartRef),
}).meta({ id: 'PartDetail' });
export type PartDetailDto = z.infer<typeof PartDetailDto>;

// Bounds for the lists inside one part: a part that fits more models than this is listed in part.
const MAX_FITMENT = 500;
const MAX_RELATED = 50;

const ref = { id: part.id, oeNo: part.oeNo, nameZh: part.nameZh };

export async function getPart(db: Executor, ctx: Ctx, id: string): Promise<PartDetailDto> {
  requirePermission(ctx.actor, 'catalog.read');
  const [row] = await db.select().from(part).where(eq(part.id, id));
  if (!row) throw notFound('part');
  const [fitment, supersedes, supersededBy, interchange] = await Promise.all([
    db
      .select({ m: vehicleModel })
      .from(partFitment)
      .innerJoin(vehicleModel, eq(vehicleModel.id, partFitment.vehicleModelId))
      .where(eq(partFitment.partId, id))
      .orderBy(asc(vehicleModel.code))
      .limit(MAX_FITMENT),
    db.select(ref).from(partSupersession).innerJoin(part, eq(part.id, partSupersession.oldPartId)).where(eq(partSupersession.newPartId, id)).limit(MAX_RELATED),
    db.select(ref).from(partSupersession).innerJoin(part, eq(part.id, partSupersession.newPartId)).where(eq(partSupersession.oldPartId, id)).limit(MAX_RELATED),
    db.select(ref).from(partInterchange).innerJoin(part, eq(part.id, partInterchange.otherPartId)).where(eq(partInterchange.partId, id)).limit(MAX_RELATED),
  ]);
  return { ...toPartDto(row), fitment: fitment.map((f) => toVehicleModelDto(f.m)), supersedes, supersededBy, interchange };
}
