import { and, asc, eq, inArray } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { applyMoves, type NewMove } from '../apply-moves.ts';
import { virtualLocations } from '../locations.ts';
import { stockCount, stockLot, stockQuant, traceUnit } from '../tables.ts';
import type { CountDto, CreateCountInput } from './schemas.ts';

type Quant = { ownerOrgId: string; onHand: number; reserved: number };
export type Adjustment = { ownerOrgId: string; delta: number };

// How a count's difference is booked among the owners of a lot's goods at the warehouse (a pure
// rule). A surplus is the operator's: found goods nobody delivered on consignment. A loss falls on
// the operator's own goods first, since it answers for what it keeps, and on consignment only when
// its own are gone, by owner id so the choice is always the same; never on reserved units, which
// orders hold (the caller refuses a count below what is reserved, so the loss always fits).
export function countAdjustments(quants: readonly Quant[], counted: number, operatorOrgId: string): Adjustment[] {
  const expected = quants.reduce((n, q) => n + q.onHand, 0);
  if (counted >= expected) return counted === expected ? [] : [{ ownerOrgId: operatorOrgId, delta: counted - expected }];
  let loss = expected - counted;
  const order = [...quants].sort((a, b) => Number(b.ownerOrgId === operatorOrgId) - Number(a.ownerOrgId === operatorOrgId) || (a.ownerOrgId < b.ownerOrgId ? -1 : 1));
  const out: Adjustment[] = [];
  for (const q of order) {
    const take = Math.min(loss, q.onHand - q.reserved);
    if (take <= 0) continue;
    out.push({ ownerOrgId: q.ownerOrgId, delta: -take });
    loss -= take;
  }
  if (loss > 0) throw new Error('countAdjustments: a loss beyond the unreserved stock (the count is below what is reserved)');
  return out;
}

// A stock count (盘点) at a warehouse, by its operator: each line is what was found of one product
// and lot, compared with the books (summed over owners), and every difference is posted at once as
// an adjustment move to or from the 盘亏 (loss) location. Counting fewer units than orders have
// reserved is refused: those orders must be cancelled or shipped first, or they would sell goods
// that are not there. The quants are locked first, so no order reserves in between.
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
  // Lots whose units carry trace codes are counted by scanning them: the codes found are the count,
  // and each must be a unit of that lot on this warehouse's shelf (new units come in by a receipt,
  // not by a count). The units not found are written off with the stock (status `lost`), so no
  // code stays "in stock" for goods that are gone.
  const units = await tx
    .select({ code: traceUnit.code, lotId: traceUnit.lotId })
    .from(traceUnit)
    .where(and(eq(traceUnit.locationId, w.stockLocationId), inArray(traceUnit.lotId, lotIds as string[]), eq(traceUnit.status, 'in_stock')))
    .orderBy(asc(traceUnit.code))
    .for('update');
  const codeErrors: FieldError[] = [];
  const lostCodes: string[] = [];
  for (const p of plan) {
    const onShelf = units.filter((u) => u.lotId === p.lotId).map((u) => u.code);
    const scanned = p.line.traceCodes;
    if (onShelf.length === 0 && scanned === undefined) continue;
    if (scanned === undefined) {
      codeErrors.push({ path: `lines.${p.index}.traceCodes`, in: 'body', code: 'trace_codes_required' });
      continue;
    }
    if (scanned.length !== p.line.counted) codeErrors.push({ path: `lines.${p.index}.traceCodes`, in: 'body', code: 'trace_codes_count', params: { count: scanned.length, qty: p.line.counted } });
    const shelf = new Set(onShelf);
    const seen = new Set<string>();
    scanned.forEach((code, j) => {
      if (seen.has(code)) codeErrors.push({ path: `lines.${p.index}.traceCodes.${j}`, in: 'body', code: 'trace_code_taken', params: { value: code } });
      else if (!shelf.has(code)) codeErrors.push({ path: `lines.${p.index}.traceCodes.${j}`, in: 'body', code: 'trace_code_not_in_stock', params: { value: code } });
      seen.add(code);
    });
    lostCodes.push(...onShelf.filter((code) => !seen.has(code)));
  }
  if (codeErrors.length > 0) throw new AppError('validation_failed', { count: codeErrors.length }, codeErrors);

  const below = plan.filter((p) => p.line.counted < p.reserved);
  if (below.length > 0) {
    throw new AppError(
      'count_below_reserved',
      { count: below.length },
      below.map((p) => ({ path: `lines.${p.index}.counted`, in: 'body' as const, code: 'below_reserved' as const, params: { counted: p.line.counted, reserved: p.reserved } })),
    );
  }

  const id = newId();
  const moves: NewMove[] = [];
  const adjustments: CountDto['adjustments'] = [];
  const stored: (typeof stockCount.$inferInsert)['lines'] = [];
  for (const p of plan) {
    const changes = countAdjustments(p.held, p.line.counted, w.operatorOrgId);
    const owners = new Set([...p.held.map((q) => q.ownerOrgId), ...changes.map((c) => c.ownerOrgId)]);
    if (owners.size === 0) owners.add(w.operatorOrgId);
    for (const ownerOrgId of owners) {
      const before = p.held.find((q) => q.ownerOrgId === ownerOrgId)?.onHand ?? 0;
      const delta = changes.find((c) => c.ownerOrgId === ownerOrgId)?.delta ?? 0;
      stored.push({ productId: p.line.productId, lotId: p.lotId, ownerOrgId, expected: before, counted: before + delta });
    }
    for (const c of changes) {
      const loss = c.delta < 0;
      moves.push({
        phase: 'single',
        kind: 'adjustment',
        productId: p.line.productId,
        lotId: p.lotId,
        ownerOrgId: c.ownerOrgId,
        qty: Math.abs(c.delta),
        fromLocationId: loss ? w.stockLocationId : virtualLocations.loss.id,
        toLocationId: loss ? virtualLocations.loss.id : w.stockLocationId,
        documentId: id,
      });
      adjustments.push({ productId: p.line.productId, lotId: p.lotId, lotNo: p.line.lotNo, ownerOrgId: c.ownerOrgId, direction: loss ? 'loss' : 'surplus', qty: Math.abs(c.delta) });
    }
  }
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
    lines: plan.map((p) => ({ productId: p.line.productId, lotId: p.lotId, lotNo: p.line.lotNo, expected: p.expected, counted: p.line.counted, reserved: p.reserved, difference: p.line.counted - p.expected })),
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
  return dto;
}
