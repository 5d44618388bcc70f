import { and, asc, eq, gt } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudits } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { applyMoves } from '../apply-moves.ts';
import { stockQuant, stockTransfer, traceUnit } from '../tables.ts';
import { fillDemands } from '../sourcing/demands.ts';
import { findTransfer } from './access.ts';
import { toTransferDtos, type TransferDto } from './dto.ts';
import { transferTransition } from './lifecycle.ts';

// The destination receives a transfer (调拨入库): everything that left the source arrives, the same
// products, lots, owners and quantities, with its certified units. By the destination's operator
// only: the source's sees the transfer but may not receive it (403); anyone else does not see it
// (404). What arrives is reserved first for the backordered order lines waiting for it at the
// destination, oldest first (fillDemands). A transfer is received once: the row is locked, and a second receipt finds it received.
export async function receiveTransfer(tx: Tx, ctx: Ctx, transferId: string): Promise<TransferDto> {
  requirePermission(ctx.actor, 'stock.adjust');
  const transfer = await findTransfer(tx, ctx.actor, transferId, { forUpdate: true });
  const from = await findWarehouse(tx, ctx.actor, transfer.fromWarehouseId);
  const to = await findWarehouse(tx, ctx.actor, transfer.toWarehouseId);
  assertRuns(ctx.actor, to, 'stock.adjust');
  const step = transferTransition(transfer.status, 'receive');
  if (!step.ok) throw new AppError('invalid_state', { what: 'stock_transfer', state: transfer.status });

  // What is in the transfer's own transit location (whose id is the transfer's) is exactly what it
  // sent: nothing else moves stock there or out of it, and the lock above keeps a second receipt out.
  const sent = await tx
    .select({ productId: stockQuant.productId, lotId: stockQuant.lotId, ownerOrgId: stockQuant.ownerOrgId, qty: stockQuant.onHand })
    .from(stockQuant)
    .where(and(eq(stockQuant.locationId, transfer.id), gt(stockQuant.onHand, 0)))
    .orderBy(asc(stockQuant.productId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId));
  if (sent.length === 0) throw new Error(`receiveTransfer: transfer ${transfer.id} has nothing in transit`);
  await applyMoves(
    tx,
    sent.map((m) => ({ ...m, phase: 'single' as const, kind: 'transfer' as const, fromLocationId: transfer.id, toLocationId: to.stockLocationId, documentId: transfer.id })),
    ctx.now,
  );
  const units = await tx.update(traceUnit).set({ locationId: to.stockLocationId, updatedAt: ctx.now }).where(eq(traceUnit.locationId, transfer.id)).returning({ code: traceUnit.code });
  const traceCodes = units.map((u) => u.code).sort();
  // What it brought is reserved first for the lines waiting on it there (oldest first).
  await fillDemands(
    tx,
    ctx,
    { id: to.id, stockLocationId: to.stockLocationId },
    sent.map((m) => m.productId),
  );
  const received = { ...transfer, status: step.to, receivedBy: ctx.actor.userId, receivedAt: ctx.now };
  await tx.update(stockTransfer).set({ status: received.status, receivedBy: received.receivedBy, receivedAt: received.receivedAt }).where(eq(stockTransfer.id, transfer.id));

  const summary = { transferId: transfer.id, fromWarehouseId: from.id, fromWarehouseCode: from.code, toWarehouseId: to.id, toWarehouseCode: to.code, units: sent.reduce((n, m) => n + m.qty, 0) };
  const parties = [...new Set([from.operatorOrgId, to.operatorOrgId])];
  await recordAudits(
    tx,
    ctx,
    parties.map((orgId) => ({ orgId, objectType: 'stock_transfer', objectId: transfer.id, action: 'receive', fromState: transfer.status, toState: step.to, data: { ...summary, traceCodes } })),
  );
  await emitEvents(
    tx,
    ctx,
    parties.map((orgId) => ({ orgId, type: 'stock.transfer_received', payload: summary })),
  );
  const [dto] = await toTransferDtos(tx, [received]);
  return dto!;
}
