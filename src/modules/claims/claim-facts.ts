import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { org } from '../identity/index.ts';
import { regionName } from '../regions/index.ts';
import { vehicleModel } from './catalog-port.ts';
import { toClaimDto, type ClaimFactsDto } from './dto.ts';
import type { claim } from './tables.ts';

// What a person reads about a claim beside its ids: the vehicle model by name, the insurer's and
// the shop's names, the accident region as "province city county". One query per kind of reference
// for a whole page of claims, so a list costs three statements, not three per row.
export async function withFacts(exec: Executor, rows: readonly (typeof claim.$inferSelect)[]): Promise<ClaimFactsDto[]> {
  if (rows.length === 0) return [];
  const modelIds = [...new Set(rows.flatMap((r) => (r.vehicleModelId ? [r.vehicleModelId] : [])))];
  const orgIds = [...new Set(rows.flatMap((r) => [r.insurerOrgId, r.repairShopOrgId]))];
  const models = new Map(
    modelIds.length === 0
      ? []
      : (
          await exec
            .select({
              id: vehicleModel.id,
              brand: vehicleModel.brand,
              series: vehicleModel.series,
              model: vehicleModel.model,
              yearFrom: vehicleModel.yearFrom,
              yearTo: vehicleModel.yearTo,
              engine: vehicleModel.engine,
            })
            .from(vehicleModel)
            .where(inArray(vehicleModel.id, modelIds))
        ).map((m) => [m.id, m]),
  );
  const orgs = new Map((await exec.select({ id: org.id, name: org.name }).from(org).where(inArray(org.id, orgIds))).map((o) => [o.id, o.name]));
  return rows.map((row) => ({
    ...toClaimDto(row),
    vehicle: row.vehicleModelId ? (models.get(row.vehicleModelId) ?? null) : null,
    insurerName: orgs.get(row.insurerOrgId) ?? null,
    repairShopName: orgs.get(row.repairShopOrgId) ?? null,
    accidentRegionName: regionName(row.accidentRegionCode),
  }));
}
