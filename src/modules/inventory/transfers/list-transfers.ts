import { and, desc, eq, lt, or } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/pagination.ts';
import { stockTransfer } from '../tables.ts';
import { findTransfer, transferScope } from './access.ts';
import { toTransferDtos, type TransferDto } from './dto.ts';
import type { ListTransfersQuery } from './schemas.ts';

// The transfers the caller is a party to (it runs either warehouse; the platform sees all), newest
// first, optionally those of one warehouse (out of it or into it) or in one status.
export async function listTransfers(db: Executor, ctx: Ctx, query: ListTransfersQuery): Promise<Page<TransferDto>> {
  requirePermission(ctx.actor, 'stock.read');
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select()
    .from(stockTransfer)
    .where(
      and(
        transferScope(ctx.actor),
        query.warehouseId ? or(eq(stockTransfer.fromWarehouseId, query.warehouseId), eq(stockTransfer.toWarehouseId, query.warehouseId)) : undefined,
        query.status ? eq(stockTransfer.status, query.status) : undefined,
        before ? lt(stockTransfer.id, before) : undefined,
      ),
    )
    .orderBy(desc(stockTransfer.id))
    .limit(query.limit + 1);
  const dtos = new Map((await toTransferDtos(db, rows.slice(0, query.limit))).map((d) => [d.id, d]));
  return toPage(rows, query.limit, (r) => dtos.get(r.id)!);
}

export async function getTransfer(db: Executor, ctx: Ctx, id: string): Promise<TransferDto> {
  requirePermission(ctx.actor, 'stock.read');
  const [dto] = await toTransferDtos(db, [await findTransfer(db, ctx.actor, id)]);
  return dto!;
}
