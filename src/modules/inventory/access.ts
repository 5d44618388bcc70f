import { and, eq, ne, or, type SQL } from 'drizzle-orm';
import { isPlatform, mayActFor, type Actor } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { warehouse } from './tables.ts';

// Who sees a warehouse: the platform's own warehouses (central, front) are public facts every
// party may see, as sourcing explains itself by them; a supplier's own stock (kind `supplier`) is
// that supplier's business and the platform's only.
export function warehouseScope(actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  return or(ne(warehouse.kind, 'supplier'), eq(warehouse.operatorOrgId, actor.orgId));
}

export type WarehouseRow = typeof warehouse.$inferSelect;

// A warehouse the actor may see, or 404.
export async function findWarehouse(exec: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<WarehouseRow> {
  const query = exec
    .select()
    .from(warehouse)
    .where(and(warehouseScope(actor), eq(warehouse.id, id)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { what: 'warehouse' });
  return row;
}

// A warehouse the actor runs (or the platform): seeing one is not running it.
export function assertRuns(actor: Actor, w: WarehouseRow, permission: string): void {
  if (!mayActFor(actor, w.operatorOrgId)) throw new AppError('forbidden', { permission });
}
