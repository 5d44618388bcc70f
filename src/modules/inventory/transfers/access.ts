import { and, eq, sql, type SQL } from 'drizzle-orm';
import { isPlatform, type Actor } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { stockTransfer } from '../tables.ts';
import type { TransferRow } from './dto.ts';

// Who sees a transfer: the organisations running either of its warehouses, and the platform.
// Anyone else (a supplier whose consignment travels in it, say) learns of it through the stock list,
// not here.
export function transferScope(actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  return sql`exists (select 1 from warehouse w
    where w.id in (${stockTransfer.fromWarehouseId}, ${stockTransfer.toWarehouseId}) and w.operator_org_id = ${actor.orgId})`;
}

// A transfer the actor may see, or 404; locked when it is about to change.
export async function findTransfer(exec: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<TransferRow> {
  const query = exec
    .select()
    .from(stockTransfer)
    .where(and(transferScope(actor), eq(stockTransfer.id, id)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { what: 'stock_transfer' });
  return row;
}
