import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../platform/db.ts';
import { stockLot, stockMove, stockQuant, type stockTransfer, traceUnit, warehouse } from '../tables.ts';

export const TransferDto = z
  .object({
    id: z.uuid(),
    status: z.enum(['in_transit', 'received']),
    fromWarehouseId: z.uuid(),
    fromWarehouseCode: z.string(),
    toWarehouseId: z.uuid(),
    toWarehouseCode: z.string(),
    // The transfer's own place in transit (a child of the 在途 location, with the transfer's id).
    transitLocationId: z.uuid(),
    note: z.string().nullable(),
    // What left the source, by product, lot and owner: the same arrives at the destination.
    lines: z.array(z.object({ productId: z.uuid(), lotId: z.uuid(), lotNo: z.string(), ownerOrgId: z.uuid(), qty: z.number().int() })),
    units: z.number().int(),
    // The certified units travelling with it; empty once received (the audit trail keeps the list).
    traceCodesInTransit: z.array(z.string()),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    receivedBy: z.uuid().nullable(),
    receivedAt: z.string().nullable(),
  })
  .meta({ id: 'Transfer' });
export type TransferDto = z.infer<typeof TransferDto>;

export type TransferRow = typeof stockTransfer.$inferSelect;

// Transfers with their lines, read from the moves that sent them (a transfer's lines are its
// moves: source → its transit location), in four queries whatever the number of transfers.
// stock_move has no index on document_id, so the moves are found by lot: the transfer's transit
// quants (indexed by location, kept at zero once received) name its lots.
export async function toTransferDtos(exec: Executor, rows: readonly TransferRow[]): Promise<TransferDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const warehouseIds = [...new Set(rows.flatMap((r) => [r.fromWarehouseId, r.toWarehouseId]))];
  const codes = new Map((await exec.select({ id: warehouse.id, code: warehouse.code }).from(warehouse).where(inArray(warehouse.id, warehouseIds))).map((w) => [w.id, w.code]));
  const lotIds = [...new Set((await exec.select({ lotId: stockQuant.lotId }).from(stockQuant).where(inArray(stockQuant.locationId, ids))).map((q) => q.lotId))];
  const moves =
    lotIds.length === 0
      ? []
      : await exec
          .select({ documentId: stockMove.documentId, productId: stockMove.productId, lotId: stockMove.lotId, lotNo: stockLot.lotNo, ownerOrgId: stockMove.ownerOrgId, qty: stockMove.qty })
          .from(stockMove)
          .innerJoin(stockLot, eq(stockLot.id, stockMove.lotId))
          .where(and(inArray(stockMove.lotId, lotIds), inArray(stockMove.documentId, ids), eq(stockMove.kind, 'transfer'), eq(stockMove.toLocationId, stockMove.documentId)))
          .orderBy(asc(stockMove.id));
  const units = await exec.select({ code: traceUnit.code, locationId: traceUnit.locationId }).from(traceUnit).where(inArray(traceUnit.locationId, ids)).orderBy(asc(traceUnit.code));
  return rows.map((r) => {
    const lines = moves.filter((m) => m.documentId === r.id).map(({ documentId: _, ...line }) => line);
    return {
      id: r.id,
      status: r.status,
      fromWarehouseId: r.fromWarehouseId,
      fromWarehouseCode: codes.get(r.fromWarehouseId) ?? '',
      toWarehouseId: r.toWarehouseId,
      toWarehouseCode: codes.get(r.toWarehouseId) ?? '',
      transitLocationId: r.id,
      note: r.note,
      lines,
      units: lines.reduce((n, l) => n + l.qty, 0),
      traceCodesInTransit: units.filter((u) => u.locationId === r.id).map((u) => u.code),
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      receivedBy: r.receivedBy,
      receivedAt: r.receivedAt?.toISOString() ?? null,
    };
  });
}
