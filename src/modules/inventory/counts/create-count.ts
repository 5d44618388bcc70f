import { and, asc, eq, inArray } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { applyMoves } from '../apply-moves.ts';
import { virtualLocations } from '../locations.ts';
import { stockCount, stockLot, stockQuant, traceUnit } from '../tables.ts';
import { bookCount } from './book-count.ts';
import { checkScannedCodes, decideCount } from './decide-count.ts';
import type { CountDto, CreateCountInput } from './schemas.ts';

// A stock count (盘点) at a warehouse, by its operator: each line is what was found of one product
// and lot, compared with the books (summed over owners), and every difference is posted at once as
// an adjustment move to or from the 盘亏 (loss) location. Counting fewer units than orders have
// reserved is refused: those orders must be cancelled or shipped first, or they would sell goods
// that are not there. The quants are locked first, so no order reserves in between. Loaded, then
// decided without the database (decide-count.ts), then written.
export async function createCount(tx: Tx, ctx: Ctx, warehouseId: string, input: CreateCountInput): Promise<CountDto> {
  requirePermission(ctx.actor, 'stock.adjust');
  const w = await findWarehouse(tx, ctx.actor, warehouseId);
  assertRuns(ctx.actor, w, 'stock.adjust');

  const lots = await tx
    .select({ id: stockLot.id, productId: stockLot.productId, lotNo: stockLot.lotNo })
    .from(stockLot)
    .where(and(inArray(stockLot.productId, [...new Set(input.lines.map((l) => l.productId))]), inArray(stockLot.lotNo, [...new Set(input.lines.map((l) => l.lotNo))])));
  const lotIds = input.lines.map((l) => lots.find((x) => x.productId === l.productId && x.lotNo === l.lotNo)?.id);
  // A lot is a supplier's label that arrived with a receipt; one never received anywhere is a typo.
  const unknown: FieldError[] = [];
  lotIds.forEach((id, i) => {
    if (!id) unknown.push({ path: `lines.${i}.lotNo`, in: 'body', code: 'unknown_reference', params: { what: 'stock_lot', value: input.lines[i]!.lotNo } });
  });
  if (unknown.length > 0) throw new AppError('validation_failed', { count: unknown.length }, unknown);

  const quants = await tx
    .select()
    .from(stockQuant)
    .where(and(eq(stockQuant.locationId, w.stockLocationId), inArray(stockQuant.lotId, lotIds as string[])))
    .orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId))
    .for('update');
  const plan = input.lines.map((line, index) => {
    const lotId = lotIds[index]!;
    const held = quants.filter((q) => q.lotId === lotId);
    return { index, line, lotId, held, expected: held.reduce((n, q) => n + q.onHand, 0), reserved: held.reduce((n, q) => n + q.reserved, 0) };
  });
  // The coded units on the shelf, for the scanned codes to be checked against (checkScannedCodes).
  const units = await tx
    .select({ code: traceUnit.code, lotId: traceUnit.lotId })
    .from(traceUnit)
    .where(and(eq(traceUnit.locationId, w.stockLocationId), inArray(traceUnit.lotId, lotIds as string[]), eq(traceUnit.status, 'in_stock')))
    .orderBy(asc(traceUnit.code))
    .for('update');
  const { errors: codeErrors, lost: lostCodes } = checkScannedCodes(plan, units);
  if (codeErrors.length > 0) throw new AppError('validation_failed', { count: codeErrors.length }, codeErrors);

  const below = plan.filter((p) => p.line.counted < p.reserved);
  if (below.length > 0) {
    throw new AppError(
      'count_below_reserved',
      { count: below.length },
      below.map((p) => ({ path: `lines.${p.index}.counted`, in: 'body' as const, code: 'below_reserved' as const, params: { counted: p.line.counted, reserved: p.reserved } })),
    );
  }

  // Decided without the database: the moves, the stored lines and the adjustments.
  const id = newId();
  const { moves, stored, adjustments } = decideCount(plan, { countId: id, stockLocationId: w.stockLocationId, operatorOrgId: w.operatorOrgId });
  await tx.insert(stockCount).values({ id, warehouseId: w.id, lines: stored, note: input.note ?? null, createdBy: ctx.actor.userId, createdAt: ctx.now });
  await applyMoves(tx, moves, ctx.now);
  if (lostCodes.length > 0) {
    await tx.update(traceUnit).set({ status: 'lost', locationId: virtualLocations.loss.id, updatedAt: ctx.now }).where(inArray(traceUnit.code, lostCodes));
  }

  const dto: CountDto = {
    id,
    warehouseId: w.id,
    warehouseCode: w.code,
    note: input.note ?? null,
    lines: plan.map((p) => ({
      productId: p.line.productId,
      lotId: p.lotId,
      lotNo: p.line.lotNo,
      expected: p.expected,
      counted: p.line.counted,
      reserved: p.reserved,
      difference: p.line.counted - p.expected,
    })),
    adjustments,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now.toISOString(),
  };
  await recordAudit(tx, ctx, { orgId: w.operatorOrgId, objectType: 'stock_count', objectId: id, action: 'count', data: { warehouseId: w.id, warehouseCode: w.code, lines: dto.lines, adjustments } });
  // Suppliers learn when a count wrote off their consignment; the operator of every count.
  const told = [...new Set([w.operatorOrgId, ...adjustments.map((a) => a.ownerOrgId)])];
  await emitEvents(
    tx,
    ctx,
    told.map((orgId) => ({
      orgId,
      type: 'stock.counted',
      payload: { countId: id, warehouseId: w.id, warehouseCode: w.code, adjustments: orgId === w.operatorOrgId ? adjustments : adjustments.filter((a) => a.ownerOrgId === orgId) },
    })),
  );
  await bookCount(tx, ctx, id, w.operatorOrgId, adjustments);
  return dto;
}
