import { eq } from 'drizzle-orm';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError, invalidField } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { org } from '../../identity/index.ts';
import { stockLocation, warehouse, warehouseCoverage } from '../tables.ts';
import { toWarehouseDto, type WarehouseDto } from './dto.ts';
import type { CreateWarehouseInput } from './schemas.ts';

// Which organisation kind runs which warehouse kind: operators run the platform's warehouses, a
// supplier only its own stock.
const runs = { central: 'operator', front: 'operator', supplier: 'supplier' } as const;

// Creates a warehouse with its location tree (a root view location and its sellable stock under
// it) and the regions it delivers to. An operator's admin creates the operator's, a supplier's
// admin its own drop-ship stock, the platform's admin either for any organisation.
export async function createWarehouse(tx: Tx, ctx: Ctx, input: CreateWarehouseInput): Promise<WarehouseDto> {
  requirePermission(ctx.actor, 'warehouses.manage');
  const operatorOrgId = isPlatform(ctx.actor) ? input.operatorOrgId : ctx.actor.orgId;
  if (operatorOrgId === undefined) throw invalidField('operatorOrgId', 'required');
  if (!isPlatform(ctx.actor) && input.operatorOrgId !== undefined && input.operatorOrgId !== ctx.actor.orgId) {
    throw invalidField('operatorOrgId', 'invalid');
  }
  const [operator] = await tx.select({ kind: org.kind }).from(org).where(eq(org.id, operatorOrgId));
  if (!operator) throw invalidField('operatorOrgId', 'org_unknown');
  if (operator.kind !== runs[input.kind]) {
    throw invalidField('kind', 'warehouse_kind_for_org', { kind: operator.kind, warehouseKind: input.kind });
  }

  const id = newId();
  const rootId = newId();
  const stockId = newId();
  await tx.insert(stockLocation).values([
    { id: rootId, kind: 'view', name: input.code, parentId: null, warehouseId: id },
    { id: stockId, kind: 'internal', name: `${input.code}/库存`, parentId: rootId, warehouseId: id },
  ]);
  const row = { id, operatorOrgId, code: input.code, name: input.name, kind: input.kind, regionCode: input.regionCode, stockLocationId: stockId, createdAt: ctx.now };
  try {
    await tx.insert(warehouse).values(row);
  } catch (e) {
    if (isUniqueViolation(e, 'warehouse_code_uq')) throw new AppError('conflict', { what: 'warehouse', value: input.code });
    throw e;
  }
  const coverage = input.coverage.map((c) => ({ warehouseId: id, regionCode: c.regionCode, transitDays: c.transitDays }));
  await tx.insert(warehouseCoverage).values(coverage);
  await recordAudit(tx, ctx, {
    orgId: operatorOrgId,
    objectType: 'warehouse',
    objectId: id,
    action: 'create',
    data: { code: input.code, kind: input.kind, regionCode: input.regionCode, coverage: input.coverage },
  });
  return toWarehouseDto(row, coverage);
}
