import { eq } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { warehouseCoverage } from '../tables.ts';
import { toWarehouseDto, type WarehouseDto } from './dto.ts';
import type { CoverageInput } from './schemas.ts';

// Replaces the regions a warehouse delivers to. Orders already sourced keep their ETA; the new
// coverage applies from the next order on.
export async function setCoverage(tx: Tx, ctx: Ctx, warehouseId: string, coverage: CoverageInput): Promise<WarehouseDto> {
  requirePermission(ctx.actor, 'warehouses.manage');
  const w = await findWarehouse(tx, ctx.actor, warehouseId, { forUpdate: true });
  assertRuns(ctx.actor, w, 'warehouses.manage');
  const before = await tx.select().from(warehouseCoverage).where(eq(warehouseCoverage.warehouseId, w.id));
  await tx.delete(warehouseCoverage).where(eq(warehouseCoverage.warehouseId, w.id));
  const rows = coverage.map((c) => ({ warehouseId: w.id, regionCode: c.regionCode, transitDays: c.transitDays }));
  await tx.insert(warehouseCoverage).values(rows);
  await recordAudit(tx, ctx, {
    orgId: w.operatorOrgId,
    objectType: 'warehouse',
    objectId: w.id,
    action: 'set_coverage',
    data: { before: before.map((c) => ({ regionCode: c.regionCode, transitDays: c.transitDays })), after: coverage },
  });
  return toWarehouseDto(w, rows);
}
