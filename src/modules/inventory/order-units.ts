import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { product } from '../catalog/index.ts';
import { applyMoves } from './apply-moves.ts';
import { virtualLocations } from './locations.ts';
import { stockLot, stockMove, traceUnit, warehouse, type TraceUnitStatus } from './tables.ts';

// The stock side of an order line's life, for the orders module: the lots reserved for it, the
// units scanned for it at packing, and what becomes of them (shipped, fitted on a vehicle, back
// on the shelf, returned). Moves and trace units are inventory's; orders changes them only here.

export type ReservedLot = {
  orderLineId: string;
  lotId: string;
  lotNo: string;
  qty: number;
  // The lot was recalled (召回) after it was reserved: the line must not be picked from it.
  recalled: boolean;
};

const resolution = alias(stockMove, 'resolution');

// What each line holds reserved, per lot: its pending moves not yet posted or voided. A line whose
// reservation was voided and made again elsewhere (re-sourced after a recall) holds only the new one.
export async function reservedLots(exec: Executor, orderLineIds: readonly string[]): Promise<ReservedLot[]> {
  if (orderLineIds.length === 0) return [];
  const rows = await exec
    .select({ orderLineId: stockMove.orderLineId, lotId: stockMove.lotId, lotNo: stockLot.lotNo, qty: stockMove.qty, recalledAt: stockLot.recalledAt })
    .from(stockMove)
    .innerJoin(stockLot, eq(stockLot.id, stockMove.lotId))
    .leftJoin(resolution, eq(resolution.pendingId, stockMove.id))
    .where(and(inArray(stockMove.orderLineId, [...orderLineIds]), eq(stockMove.phase, 'pending'), isNull(resolution.id)));
  return rows.map(({ recalledAt, ...r }) => ({ ...r, orderLineId: r.orderLineId!, recalled: recalledAt !== null }));
}

export type LineToScan = {
  orderLineId: string;
  productId: string;
  qty: number;
  // Certified parts carry one code per unit, which must then be scanned.
  codesRequired: boolean;
  codes: readonly string[];
  // Where the line sits in the request, for errors: `lines.3`.
  path: string;
};

// A scanned unit as the check needs it: where it is, for which line, and its lot's recall.
export type UnitAtScan = {
  code: string;
  productId: string;
  lotId: string;
  lotNo: string;
  lotRecalled: boolean;
  status: TraceUnitStatus;
  locationId: string;
  orderLineId: string | null;
};

// Pure: every reason the scans cannot be packed, all at once, in request order. Each code must
// exist, be of the line's product, not be of a recalled lot, be of a lot reserved for that line
// (no more units of a lot than were reserved from it), be on this warehouse's shelf and not already
// scanned for another line, and be scanned once. A line still holding a recalled lot cannot be
// picked at all, scanned or not: its goods must not leave, and it waits to be re-sourced.
export function scanProblems(lines: readonly LineToScan[], reserved: readonly ReservedLot[], units: readonly UnitAtScan[], stockLocationId: string | undefined): FieldError[] {
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const errors: FieldError[] = [];
  const err = (path: string, code: FieldError['code'], params?: Record<string, unknown>) => errors.push({ path, in: 'body', code, params });
  const seen = new Set<string>();
  for (const line of lines) {
    const held = reserved.filter((r) => r.orderLineId === line.orderLineId);
    const recalled = held.find((r) => r.recalled);
    if (recalled) err(`${line.path}.orderLineId`, 'line_lot_recalled', { lotNo: recalled.lotNo });
    if (line.codesRequired && line.codes.length === 0) {
      err(`${line.path}.traceCodes`, 'trace_codes_required');
      continue;
    }
    if (line.codes.length > 0 && line.codes.length !== line.qty) {
      err(`${line.path}.traceCodes`, 'trace_codes_count', { count: line.codes.length, qty: line.qty });
      continue;
    }
    const room = new Map<string, number>();
    for (const r of held) room.set(r.lotId, (room.get(r.lotId) ?? 0) + r.qty);
    // biome-ignore lint/suspicious/useIterableCallbackReturn: each `return err(…)` ends one code's checks (a continue); what err returns is not used.
    line.codes.forEach((code, j) => {
      const path = `${line.path}.traceCodes.${j}`;
      const unit = unitByCode.get(code);
      if (seen.has(code)) return err(path, 'trace_code_taken', { value: code });
      seen.add(code);
      if (!unit) return err(path, 'trace_code_not_found', { value: code });
      if (unit.productId !== line.productId) return err(path, 'trace_code_wrong_product', { value: code });
      // Before the lot check: a unit of a recalled lot is refused for that reason, whichever line
      // it is scanned for, and the picker learns why rather than "not reserved".
      if (unit.lotRecalled) return err(path, 'trace_code_recalled', { value: code, lotNo: unit.lotNo });
      if ((room.get(unit.lotId) ?? 0) <= 0) return err(path, 'trace_code_wrong_lot', { value: code });
      room.set(unit.lotId, room.get(unit.lotId)! - 1);
      if (unit.status !== 'in_stock' || unit.locationId !== stockLocationId || unit.orderLineId !== null) return err(path, 'trace_code_not_in_stock', { value: code });
    });
  }
  return errors;
}

// Pick and pack by scanning (see scanProblems): nothing is tied unless everything fits. Then the
// units are tied to their lines, so the shop's scan at receipt can be checked against them.
export async function scanUnitsForLines(tx: Tx, warehouseId: string, lines: readonly LineToScan[], at: Date): Promise<void> {
  const [wh] = await tx.select({ stockLocationId: warehouse.stockLocationId }).from(warehouse).where(eq(warehouse.id, warehouseId));
  const reserved = await reservedLots(
    tx,
    lines.map((l) => l.orderLineId),
  );
  const codes = lines.flatMap((l) => l.codes);
  const units =
    codes.length === 0
      ? []
      : await tx
          .select({
            code: traceUnit.code,
            productId: traceUnit.productId,
            lotId: traceUnit.lotId,
            lotNo: stockLot.lotNo,
            recalledAt: stockLot.recalledAt,
            status: traceUnit.status,
            locationId: traceUnit.locationId,
            orderLineId: traceUnit.orderLineId,
          })
          .from(traceUnit)
          .innerJoin(stockLot, eq(stockLot.id, traceUnit.lotId))
          .where(inArray(traceUnit.code, codes))
          .for('update', { of: traceUnit });
  const errors = scanProblems(
    lines,
    reserved,
    units.map(({ recalledAt, ...u }) => ({ ...u, lotRecalled: recalledAt !== null })),
    wh?.stockLocationId,
  );
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  for (const line of lines) {
    if (line.codes.length === 0) continue;
    await tx
      .update(traceUnit)
      .set({ orderLineId: line.orderLineId, updatedAt: at })
      .where(and(inArray(traceUnit.code, [...line.codes]), isNull(traceUnit.orderLineId)));
  }
}

// The units of lines that shipped leave with them, to the customer.
export async function shipLineUnits(tx: Tx, orderLineIds: readonly string[], at: Date): Promise<void> {
  if (orderLineIds.length === 0) return;
  await tx
    .update(traceUnit)
    .set({ status: 'shipped', locationId: virtualLocations.customer.id, updatedAt: at })
    .where(inArray(traceUnit.orderLineId, [...orderLineIds]));
}

// The units of lines fitted on a vehicle record its VIN, which owners' lookups and recalls read.
export async function installLineUnits(tx: Tx, orderLineIds: readonly string[], vin: string, at: Date): Promise<void> {
  if (orderLineIds.length === 0) return;
  await tx
    .update(traceUnit)
    .set({ status: 'installed', installedVin: vin, installedAt: at, updatedAt: at })
    .where(inArray(traceUnit.orderLineId, [...orderLineIds]));
}

// Unties the units scanned for order lines that will not ship (cancelled after picking): still in
// stock where they were, free for the next order, for a transfer or a count.
export async function releaseLineUnits(tx: Tx, orderLineIds: readonly string[], at: Date): Promise<void> {
  if (orderLineIds.length === 0) return;
  await tx
    .update(traceUnit)
    .set({ orderLineId: null, updatedAt: at })
    .where(and(inArray(traceUnit.orderLineId, [...orderLineIds]), eq(traceUnit.status, 'in_stock')));
}

// A returned line's goods come back from the customer: what left with it (its posted moves, by lot
// and owner) is restocked at the warehouse as sellable, or scrapped, and its units follow (back in
// stock and free, or scrapped). `documentId` is the return.
export async function takeBackLine(tx: Tx, input: { orderLineId: string; warehouseId: string; disposition: 'restock' | 'scrap'; documentId: string; at: Date }): Promise<LineGoods[]> {
  const [wh] = await tx.select({ stockLocationId: warehouse.stockLocationId }).from(warehouse).where(eq(warehouse.id, input.warehouseId));
  const left = await tx
    .select({ productId: stockMove.productId, lotId: stockMove.lotId, ownerOrgId: stockMove.ownerOrgId, qty: stockMove.qty })
    .from(stockMove)
    .where(and(eq(stockMove.orderLineId, input.orderLineId), eq(stockMove.phase, 'post')));
  const restock = input.disposition === 'restock';
  const to = restock ? wh!.stockLocationId : virtualLocations.scrap.id;
  await applyMoves(
    tx,
    left.map((m) => ({
      ...m,
      phase: 'single' as const,
      kind: restock ? ('return' as const) : ('scrap' as const),
      fromLocationId: virtualLocations.customer.id,
      toLocationId: to,
      documentId: input.documentId,
      orderLineId: input.orderLineId,
    })),
    input.at,
  );
  await tx
    .update(traceUnit)
    .set(restock ? { status: 'in_stock', locationId: to, orderLineId: null, updatedAt: input.at } : { status: 'scrapped', locationId: to, updatedAt: input.at })
    .where(eq(traceUnit.orderLineId, input.orderLineId));
  return left.map((m) => ({ orderLineId: input.orderLineId, productId: m.productId, ownerOrgId: m.ownerOrgId, qty: m.qty }));
}

export type LineGoods = { orderLineId: string; productId: string; ownerOrgId: string; qty: number };

// Whose goods left with each line (its posted reservations, by owner): the supplier's on
// consignment or drop-ship, or the operator's, bought outright. Settlement asks it at the sale.
export async function lineGoods(exec: Executor, orderLineIds: readonly string[]): Promise<LineGoods[]> {
  if (orderLineIds.length === 0) return [];
  const rows = await exec
    .select({ orderLineId: stockMove.orderLineId, productId: stockMove.productId, ownerOrgId: stockMove.ownerOrgId, qty: sql<number>`sum(${stockMove.qty})::int` })
    .from(stockMove)
    .where(and(inArray(stockMove.orderLineId, [...orderLineIds]), eq(stockMove.phase, 'post'), eq(stockMove.kind, 'order')))
    .groupBy(stockMove.orderLineId, stockMove.productId, stockMove.ownerOrgId)
    .orderBy(stockMove.orderLineId, stockMove.ownerOrgId);
  return rows.map((r) => ({ ...r, orderLineId: r.orderLineId! }));
}

export type ScannedUnit = { code: string; productId: string; orderLineId: string | null; grade: string };

// What scanned codes really are (at the shop's receipt): product, grade, and the line they were
// packed for. Unknown codes are absent.
export async function unitsByCode(exec: Executor, codes: readonly string[]): Promise<ScannedUnit[]> {
  if (codes.length === 0) return [];
  return exec
    .select({ code: traceUnit.code, productId: traceUnit.productId, orderLineId: traceUnit.orderLineId, grade: product.grade })
    .from(traceUnit)
    .innerJoin(product, eq(product.id, traceUnit.productId))
    .where(inArray(traceUnit.code, [...codes]));
}
