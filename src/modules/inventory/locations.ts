import type { LocationKind } from './tables.ts';

// The world outside the warehouses, as locations with fixed ids (inserted by migration 0007): where
// received goods come from, where sold goods go, and where counts and scrapping send what is gone.
// Stock in them is not counted (no quants), except in transit, which is counted: goods between two
// warehouses still exist and must add up.
export const virtualLocations = {
  supplier: { id: '00000000-0000-7000-8000-00000000a001', kind: 'supplier', name: '供应商' },
  customer: { id: '00000000-0000-7000-8000-00000000a002', kind: 'customer', name: '修理厂' },
  transit: { id: '00000000-0000-7000-8000-00000000a003', kind: 'transit', name: '在途' },
  loss: { id: '00000000-0000-7000-8000-00000000a004', kind: 'loss', name: '盘亏' },
  scrap: { id: '00000000-0000-7000-8000-00000000a005', kind: 'scrap', name: '报废' },
} as const satisfies Record<string, { id: string; kind: LocationKind; name: string }>;

const uncounted: ReadonlySet<string> = new Set([virtualLocations.supplier.id, virtualLocations.customer.id, virtualLocations.loss.id, virtualLocations.scrap.id]);

// Whether stock at a location is counted in quants. Moves name a warehouse's internal location,
// one of the virtual ones, or a transfer's own transit location (a child of 在途, counted like it),
// so the fixed ids of the uncounted ones are enough to decide.
export function isCounted(locationId: string): boolean {
  return !uncounted.has(locationId);
}
