import type { WarehouseKind } from './tables.ts';

// Where each line of an order is taken from, as a pure function of the locked stock: the sourcing
// rule of the orders issue and the lot choice, decided together so that two lines of the same
// product in one order never count the same unit twice.

export type StockLine = {
  productId: string;
  // The product's supplier: the only one who may drop-ship it from its own stock.
  supplierOrgId: string;
  qty: number;
};

export type WarehouseReach = {
  warehouseId: string;
  kind: WarehouseKind;
  operatorOrgId: string;
  code: string;
  // Days to the buyer's region; warehouses that do not deliver there are left out by the caller.
  transitDays: number;
};

export type AvailableQuant = {
  warehouseId: string;
  productId: string;
  locationId: string;
  lotId: string;
  ownerOrgId: string;
  // on hand − reserved, as locked.
  available: number;
};

export type Allocation = { locationId: string; lotId: string; ownerOrgId: string; qty: number };
export type SourcedLine = { index: number; warehouseId: string; kind: WarehouseKind; operatorOrgId: string; transitDays: number; allocations: Allocation[] };
export type ShortLine = { index: number; productId: string; requested: number; available: number };

export type AllocationResult = { ok: true; lines: SourcedLine[] } | { ok: false; short: ShortLine[] };

const isPlatformWarehouse = (kind: WarehouseKind) => kind !== 'supplier';

// Each line comes whole from one warehouse: of the platform's warehouses that have it all, the one
// that delivers soonest (ties: central before front, then by code, so the answer is the same on
// every run); failing that, drop-shipped from its supplier's own stock. Within a warehouse the
// oldest lots go first (lot ids are UUIDv7, so by time of first receipt). Either every line is
// sourced or none is, and then every line that could not be is listed with the most any single
// warehouse that delivers to the buyer could still give.
export function allocate(lines: readonly StockLine[], reach: readonly WarehouseReach[], quants: readonly AvailableQuant[]): AllocationResult {
  // What is left per (warehouse, product), and the quants behind it in lot order.
  const left = new Map<string, AvailableQuant[]>();
  for (const q of [...quants].sort((a, b) => cmp(a.lotId, b.lotId) || cmp(a.ownerOrgId, b.ownerOrgId) || cmp(a.locationId, b.locationId))) {
    if (q.available <= 0) continue;
    const key = `${q.warehouseId}|${q.productId}`;
    const list = left.get(key) ?? [];
    list.push({ ...q });
    left.set(key, list);
  }
  const total = (warehouseId: string, productId: string) => (left.get(`${warehouseId}|${productId}`) ?? []).reduce((s, q) => s + q.available, 0);
  const ordered = [...reach].sort(
    (a, b) =>
      Number(!isPlatformWarehouse(a.kind)) - Number(!isPlatformWarehouse(b.kind)) ||
      a.transitDays - b.transitDays ||
      Number(a.kind !== 'central') - Number(b.kind !== 'central') ||
      cmp(a.code, b.code),
  );

  const sourced: SourcedLine[] = [];
  const short: ShortLine[] = [];
  lines.forEach((line, index) => {
    const allowed = ordered.filter((w) => isPlatformWarehouse(w.kind) || w.operatorOrgId === line.supplierOrgId);
    const from = allowed.find((w) => total(w.warehouseId, line.productId) >= line.qty);
    if (!from) {
      short.push({ index, productId: line.productId, requested: line.qty, available: Math.max(0, ...allowed.map((w) => total(w.warehouseId, line.productId))) });
      return;
    }
    const allocations: Allocation[] = [];
    let need = line.qty;
    for (const q of left.get(`${from.warehouseId}|${line.productId}`)!) {
      if (need === 0) break;
      const take = Math.min(need, q.available);
      if (take === 0) continue;
      q.available -= take;
      need -= take;
      allocations.push({ locationId: q.locationId, lotId: q.lotId, ownerOrgId: q.ownerOrgId, qty: take });
    }
    sourced.push({ index, warehouseId: from.warehouseId, kind: from.kind, operatorOrgId: from.operatorOrgId, transitDays: from.transitDays, allocations });
  });
  return short.length > 0 ? { ok: false, short } : { ok: true, lines: sourced };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
