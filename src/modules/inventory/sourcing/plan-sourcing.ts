import type { WarehouseKind } from '../tables.ts';

// Where each line of an order would come from, and when, as a pure function of the stock and the
// warehouses: the one sourcing rule that quoting (to rank offers by what can be delivered) and
// ordering (to reserve or to backorder) both use, so a quote never promises what the order then
// cannot do. After Odoo's procurement rules: what the stock cannot serve is not an error but a
// decision to transfer or to buy.
//
// The options for a line, with their ETA in days to the buyer:
//   stock      reserved now at a platform warehouse delivering to the region     ETA = its transit days
//   drop_ship  reserved now at the supplier's own warehouse delivering there    ETA = its transit days
//   transfer   stock at another platform warehouse, sent to the one delivering  ETA = line haul + transit
//   purchase   bought from the offer's supplier for the warehouse delivering    ETA = lead time + inbound + transit
// Goods that are there now are used before anything is bought or moved: of the ready options
// (stock, drop-ship) the soonest wins; only when there is none does the soonest of transfer and
// purchase decide. Ties go to the kind listed first, then to the warehouse code, so the answer is
// the same on every run. A line comes whole from one place (no split lines: one shipment, one
// receipt at the shop).

export type SourceKind = 'stock' | 'drop_ship' | 'transfer' | 'purchase';
export const sourceKinds: readonly SourceKind[] = ['stock', 'drop_ship', 'transfer', 'purchase'];

// Why nothing can source a line: no platform warehouse delivers to the region (so nothing can be
// transferred or bought for it) and the supplier holds none there either; or, with a warehouse,
// the line has no stock anywhere and cannot be bought (no valid offer of the product).
export type UnsourceableReason = 'no_warehouse_covers_region' | 'not_purchasable';

export type SourcingWarehouse = {
  warehouseId: string;
  code: string;
  name: string;
  kind: WarehouseKind;
  operatorOrgId: string;
  regionCode: string;
  // Days to the buyer's region by its most specific coverage entry; null when it does not deliver
  // there.
  transitDays: number | null;
};

export type SourcingQuant = {
  warehouseId: string;
  productId: string;
  locationId: string;
  lotId: string;
  ownerOrgId: string;
  // on hand − reserved, of a lot that is not recalled.
  available: number;
};

export type SourcingWorld = {
  warehouses: readonly SourcingWarehouse[];
  quants: readonly SourcingQuant[];
  // Line-haul days from one platform warehouse to another (transfers).
  transferDays: (fromWarehouseId: string, toWarehouseId: string) => number;
  // Days for a supplier's goods to reach a platform warehouse once shipped (purchases).
  inboundDays: (supplierOrgId: string, warehouseId: string) => number;
};

export type SourcingLine = {
  productId: string;
  // The product's supplier: the only one who may drop-ship it, and the one a purchase goes to.
  supplierOrgId: string;
  qty: number;
  // The offer's lead time when the product can be bought; null when it cannot.
  leadTimeDays: number | null;
};

export type Allocation = { locationId: string; lotId: string; ownerOrgId: string; qty: number };

type Place = { warehouseId: string; code: string; name: string; operatorOrgId: string; kind: WarehouseKind; transitDays: number };

export type LineSource =
  // Reserved now where it ships from.
  | { kind: 'stock' | 'drop_ship'; etaDays: number; ship: Place; allocations: Allocation[] }
  // Sent now from `from` (its lots in `allocations`) to `ship`, reserved there on arrival.
  | { kind: 'transfer'; etaDays: number; ship: Place; from: Place & { transferDays: number }; allocations: Allocation[] }
  // Bought for `ship`, reserved there on arrival.
  | { kind: 'purchase'; etaDays: number; ship: Place; leadTimeDays: number; inboundDays: number }
  | { kind: 'none'; reason: UnsourceableReason };

const isPlatform = (w: { kind: WarehouseKind }) => w.kind !== 'supplier';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The platform warehouse that ships what is transferred or bought for the region: the one that
// delivers there soonest, central before front, then by code.
export function homeWarehouse(warehouses: readonly SourcingWarehouse[]): Place | null {
  const covering = warehouses.filter((w): w is SourcingWarehouse & { transitDays: number } => isPlatform(w) && w.transitDays !== null);
  covering.sort((a, b) => a.transitDays - b.transitDays || Number(a.kind !== 'central') - Number(b.kind !== 'central') || cmp(a.code, b.code));
  const w = covering[0];
  return w ? placeOf(w, w.transitDays) : null;
}

function placeOf(w: SourcingWarehouse, transitDays: number): Place {
  return { warehouseId: w.warehouseId, code: w.code, name: w.name, operatorOrgId: w.operatorOrgId, kind: w.kind, transitDays };
}

// Plans every line of one order together, so two lines of the same product never count the same
// unit twice (what one line takes is gone for the next). Lines are planned in the order given.
export function planSourcing(lines: readonly SourcingLine[], world: SourcingWorld): LineSource[] {
  for (const l of lines) {
    if (!Number.isInteger(l.qty) || l.qty < 1) throw new Error(`planSourcing: quantity must be a positive integer, got ${l.qty}`);
  }
  // What is left per (warehouse, product), its quants in lot order (oldest first: lot ids are
  // UUIDv7, so by time of first receipt).
  const left = new Map<string, SourcingQuant[]>();
  const sorted = [...world.quants].sort((a, b) => cmp(a.lotId, b.lotId) || cmp(a.ownerOrgId, b.ownerOrgId) || cmp(a.locationId, b.locationId));
  for (const q of sorted) {
    if (q.available <= 0) continue;
    const key = `${q.warehouseId}|${q.productId}`;
    const list = left.get(key) ?? [];
    list.push({ ...q });
    left.set(key, list);
  }
  const total = (warehouseId: string, productId: string) => (left.get(`${warehouseId}|${productId}`) ?? []).reduce((s, q) => s + q.available, 0);
  const take = (warehouseId: string, productId: string, qty: number): Allocation[] => {
    const out: Allocation[] = [];
    let need = qty;
    for (const q of left.get(`${warehouseId}|${productId}`) ?? []) {
      if (need === 0) break;
      const n = Math.min(need, q.available);
      if (n === 0) continue;
      q.available -= n;
      need -= n;
      out.push({ locationId: q.locationId, lotId: q.lotId, ownerOrgId: q.ownerOrgId, qty: n });
    }
    if (need > 0) throw new Error('planSourcing: took more than was left');
    return out;
  };
  const home = homeWarehouse(world.warehouses);

  return lines.map((line): LineSource => {
    // Ready now: stock where it ships from (a platform warehouse, or the supplier's own).
    const ready = world.warehouses
      .filter((w): w is SourcingWarehouse & { transitDays: number } => w.transitDays !== null && (isPlatform(w) || w.operatorOrgId === line.supplierOrgId))
      .filter((w) => total(w.warehouseId, line.productId) >= line.qty)
      .sort((a, b) => a.transitDays - b.transitDays || Number(!isPlatform(a)) - Number(!isPlatform(b)) || Number(a.kind !== 'central') - Number(b.kind !== 'central') || cmp(a.code, b.code));
    const now = ready[0];
    if (now) {
      return { kind: isPlatform(now) ? 'stock' : 'drop_ship', etaDays: now.transitDays, ship: placeOf(now, now.transitDays), allocations: take(now.warehouseId, line.productId, line.qty) };
    }
    if (!home) return { kind: 'none', reason: 'no_warehouse_covers_region' };

    // Later: by transfer from another platform warehouse that has it all, or by purchase.
    const transfers = world.warehouses
      .filter((w) => isPlatform(w) && w.warehouseId !== home.warehouseId && total(w.warehouseId, line.productId) >= line.qty)
      .map((w) => ({ w, days: world.transferDays(w.warehouseId, home.warehouseId) }))
      .sort((a, b) => a.days - b.days || cmp(a.w.code, b.w.code));
    const transfer = transfers[0];
    const inbound = line.leadTimeDays === null ? null : world.inboundDays(line.supplierOrgId, home.warehouseId);
    const purchaseEta = line.leadTimeDays === null || inbound === null ? null : line.leadTimeDays + inbound + home.transitDays;
    const transferEta = transfer ? transfer.days + home.transitDays : null;
    if (transfer && transferEta !== null && (purchaseEta === null || transferEta <= purchaseEta)) {
      return {
        kind: 'transfer',
        etaDays: transferEta,
        ship: home,
        from: { ...placeOf(transfer.w, transfer.w.transitDays ?? 0), transferDays: transfer.days },
        allocations: take(transfer.w.warehouseId, line.productId, line.qty),
      };
    }
    if (purchaseEta !== null && inbound !== null && line.leadTimeDays !== null) {
      return { kind: 'purchase', etaDays: purchaseEta, ship: home, leadTimeDays: line.leadTimeDays, inboundDays: inbound };
    }
    return { kind: 'none', reason: 'not_purchasable' };
  });
}
