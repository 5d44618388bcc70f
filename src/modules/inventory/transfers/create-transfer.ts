import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudits } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, invalidField } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { applyMoves } from '../apply-moves.ts';
import { virtualLocations } from '../locations.ts';
import { stockLocation, stockLot, stockQuant, stockTransfer, traceUnit } from '../tables.ts';
import { toTransferDtos, type TransferDto, type TransferRow } from './dto.ts';
import { pickLots, type Pick } from './pick-lots.ts';
import type { CreateTransferInput } from './schemas.ts';

// Sends stock from one warehouse to another (调拨): by the source's operator, from what is
// available there (on hand − reserved: orders keep what they reserved), oldest lots first. The
// goods leave at once for the transfer's own place in transit and arrive when the destination
// receives them (receive-transfer.ts). All lines or none: a short line refuses the transfer.
//
// Each transfer gets its own transit location, a child of the 在途 location sharing the transfer's
// id. A trace unit records only where it is, so the transfer's units must sit somewhere that is the
// transfer's alone for its receipt to find exactly them; its quants in transit are then its lines.
export async function createTransfer(tx: Tx, ctx: Ctx, input: CreateTransferInput): Promise<TransferDto> {
  requirePermission(ctx.actor, 'stock.adjust');
  const from = await findWarehouse(tx, ctx.actor, input.fromWarehouseId);
  assertRuns(ctx.actor, from, 'stock.adjust');
  const to = await findWarehouse(tx, ctx.actor, input.toWarehouseId);
  // The platform's warehouses trade stock among themselves; a supplier's own stock moves only
  // between that supplier's warehouses (into the platform's, it arrives by a receipt instead).
  if ((from.kind === 'supplier' || to.kind === 'supplier') && from.operatorOrgId !== to.operatorOrgId) throw invalidField('toWarehouseId', 'transfer_route');

  // Lock the source's quants of these products in key order (as applyMoves and reservations do, so
  // none of them can deadlock with another) and decide on what the lock shows.
  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const quants = await tx
    .select({
      productId: stockQuant.productId,
      lotId: stockQuant.lotId,
      lotNo: stockLot.lotNo,
      ownerOrgId: stockQuant.ownerOrgId,
      available: sql<number>`${stockQuant.onHand} - ${stockQuant.reserved}`.mapWith(Number),
    })
    .from(stockQuant)
    .innerJoin(stockLot, and(eq(stockLot.id, stockQuant.lotId), isNull(stockLot.recalledAt)))
    .where(and(eq(stockQuant.locationId, from.stockLocationId), inArray(stockQuant.productId, productIds), gt(stockQuant.onHand, stockQuant.reserved)))
    .orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId))
    .for('update', { of: stockQuant });
  const picked = pickLots(input.lines, quants, from.operatorOrgId);
  if (!picked.ok) {
    throw new AppError(
      'transfer_stock_short',
      { count: picked.short.length },
      picked.short.map((s) => ({
        path: `lines.${s.index}.qty`,
        in: 'body' as const,
        code: 'available_short' as const,
        params: { productId: s.productId, lotNo: s.lotNo, requested: s.requested, available: s.available },
      })),
    );
  }
  // One move per product, lot and owner, however many lines named them.
  const merged = new Map<string, Pick>();
  for (const p of picked.lines.flat()) {
    const key = `${p.productId}|${p.lotId}|${p.ownerOrgId}`;
    const seen = merged.get(key);
    if (seen) seen.qty += p.qty;
    else merged.set(key, { ...p });
  }

  const row = await sendTransfer(tx, ctx, { from, to, picks: [...merged.values()], note: input.note ?? null });
  const [dto] = await toTransferDtos(tx, [row]);
  return dto!;
}

type TransferEnd = { id: string; code: string; operatorOrgId: string };

// Sends the picked lots from one warehouse to another: the transfer's own transit location and
// row, the moves into transit, its certified units, the audit trail and the events. The caller has
// locked the source's quants and chosen the lots (createTransfer for an operator's transfer, order
// placement for a backordered line's).
export async function sendTransfer(tx: Tx, ctx: Ctx, input: { from: TransferEnd & { stockLocationId: string }; to: TransferEnd; picks: readonly Pick[]; note: string | null }): Promise<TransferRow> {
  const { from, to } = input;
  const id = newId();
  await tx.insert(stockLocation).values({ id, kind: 'transit', name: `${virtualLocations.transit.name} ${from.code}→${to.code}`, parentId: virtualLocations.transit.id, warehouseId: null });
  const row: TransferRow = {
    id,
    fromWarehouseId: from.id,
    toWarehouseId: to.id,
    status: 'in_transit',
    note: input.note,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    receivedBy: null,
    receivedAt: null,
  };
  await tx.insert(stockTransfer).values(row);
  await applyMoves(
    tx,
    input.picks.map((p) => ({ ...p, phase: 'single' as const, kind: 'transfer' as const, fromLocationId: from.stockLocationId, toLocationId: id, documentId: id })),
    ctx.now,
  );
  const traceCodes = await sendTraceUnits(tx, from.stockLocationId, id, input.picks, ctx.now);

  const summary = { transferId: id, fromWarehouseId: from.id, fromWarehouseCode: from.code, toWarehouseId: to.id, toWarehouseCode: to.code, units: input.picks.reduce((n, p) => n + p.qty, 0) };
  const parties = [...new Set([from.operatorOrgId, to.operatorOrgId])];
  await recordAudits(
    tx,
    ctx,
    parties.map((orgId) => ({ orgId, objectType: 'stock_transfer', objectId: id, action: 'send', toState: 'in_transit', data: { ...summary, lines: input.picks, traceCodes } })),
  );
  await emitEvents(
    tx,
    ctx,
    parties.map((orgId) => ({ orgId, type: 'stock.transfer_sent', payload: summary })),
  );
  return row;
}

// Certified units go with their lot: as many of each lot's free units (in stock at the source, not
// yet scanned for an order line) as the lot sends, lowest codes first. Until a unit is scanned its
// code is not tied to an order, so any free unit of the lot will do; the quants locked above keep
// a concurrent transfer of the same lot from choosing the same units. A lot received without codes
// (an uncertified part) simply has none to move.
async function sendTraceUnits(tx: Tx, sourceLocationId: string, transitLocationId: string, picks: readonly Pick[], at: Date): Promise<string[]> {
  const need = new Map<string, number>();
  for (const p of picks) need.set(p.lotId, (need.get(p.lotId) ?? 0) + p.qty);
  const free = await tx
    .select({ code: traceUnit.code, lotId: traceUnit.lotId })
    .from(traceUnit)
    .where(and(eq(traceUnit.locationId, sourceLocationId), inArray(traceUnit.lotId, [...need.keys()]), eq(traceUnit.status, 'in_stock'), isNull(traceUnit.orderLineId)))
    .orderBy(asc(traceUnit.code))
    .for('update');
  const chosen: string[] = [];
  for (const unit of free) {
    const left = need.get(unit.lotId) ?? 0;
    if (left === 0) continue;
    chosen.push(unit.code);
    need.set(unit.lotId, left - 1);
  }
  for (let i = 0; i < chosen.length; i += 1000) {
    await tx
      .update(traceUnit)
      .set({ locationId: transitLocationId, updatedAt: at })
      .where(inArray(traceUnit.code, chosen.slice(i, i + 1000)));
  }
  return chosen;
}
