import type { LineSource, SourceKind, UnsourceableReason } from '../../inventory/index.ts';

// Where an offer would come from and when, as the ranking sees it: the inventory's sourcing plan
// (planSourcing, the rule the order will follow too) for one line of the quote's quantity of the
// offer's product, reduced to what a quote keeps and shows. A warehouse is named by its code (the
// stable key) and its name (what a person reads).
export type WarehouseRef = { code: string; name: string };

export type OfferSource =
  // Ready now: platform stock in a warehouse delivering to the shop, or the supplier's own stock
  // shipped straight to it (drop-ship). `ship` is where it leaves from.
  | { kind: 'stock' | 'drop_ship'; etaDays: number; ship: WarehouseRef }
  // Sent from `from` to the warehouse delivering to the shop (`ship`), then delivered.
  | { kind: 'transfer'; etaDays: number; ship: WarehouseRef; from: WarehouseRef }
  // Bought from the offer's supplier for `ship`: lead time + inbound + transit.
  | { kind: 'purchase'; etaDays: number; ship: WarehouseRef }
  // Nothing can deliver it to the shop; the offer cannot be chosen.
  | { kind: 'none'; reason: UnsourceableReason };

export type DeliverableSource = Exclude<OfferSource, { kind: 'none' }>;

// A candidate's source kind in the order the ranking prefers at an equal price and ETA: goods on
// hand before goods that must move or be bought (the plan's own order of kinds).
export function sourceRank(kind: SourceKind | 'none'): number {
  switch (kind) {
    case 'stock':
      return 0;
    case 'drop_ship':
      return 1;
    case 'transfer':
      return 2;
    case 'purchase':
      return 3;
    case 'none':
      return 4;
  }
}

export function etaOf(source: OfferSource): number | null {
  return source.kind === 'none' ? null : source.etaDays;
}

// The plan of one line as an offer's source, with its warehouses' names. A warehouse missing from
// `names` is named by its code (the plan only names warehouses the world holds, so this is a
// fallback for a warehouse renamed or read apart, not an expected case).
export function offerSourceOf(plan: LineSource, names: ReadonlyMap<string, string>): OfferSource {
  const ref = (code: string): WarehouseRef => ({ code, name: names.get(code) ?? code });
  switch (plan.kind) {
    case 'none':
      return { kind: 'none', reason: plan.reason };
    case 'transfer':
      return { kind: 'transfer', etaDays: plan.etaDays, ship: ref(plan.ship.code), from: ref(plan.from.code) };
    case 'stock':
    case 'drop_ship':
    case 'purchase':
      return { kind: plan.kind, etaDays: plan.etaDays, ship: ref(plan.ship.code) };
  }
}
