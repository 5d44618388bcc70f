import type { Executor } from '../../../platform/db.ts';
import { loadSourcingWorld, planSourcing, type LineSource } from '../../inventory/index.ts';
import { offerSourceOf, type OfferSource } from '../rules/index.ts';

// One offer (or bid) of a line to plan: its product and supplier, the line's quantity and the
// offer's lead time. `key` is the caller's name for it (a line and offer, a bid).
export type SourcingRequest = { key: string; productId: string; supplierOrgId: string; qty: number; leadTimeDays: number };

// Where each offer would come from and when, for ranking: the sourcing world (warehouses, their
// coverage of the shop's region, available stock of every product asked about, the suppliers' own
// warehouses) is read once, without locks (a quote reserves nothing), and each offer is planned
// on its own as a one-line order of the line's quantity, by the same planSourcing the order will
// run. Planned apart, two offers of one product each see the whole stock: the quote compares
// them, it does not hand the units out. The world carries the warehouses' names for the reasons.
export async function planOfferSources(exec: Executor, regionCode: string, requests: readonly SourcingRequest[]): Promise<Map<string, OfferSource>> {
  const out = new Map<string, OfferSource>();
  if (requests.length === 0) return out;
  const world = await loadSourcingWorld(exec, {
    regionCode,
    productIds: requests.map((r) => r.productId),
    supplierOrgIds: requests.map((r) => r.supplierOrgId),
    lock: false,
  });
  const plans = new Map<string, LineSource>();
  for (const r of requests) {
    const [plan] = planSourcing([{ productId: r.productId, supplierOrgId: r.supplierOrgId, qty: r.qty, leadTimeDays: r.leadTimeDays }], world);
    if (!plan) throw new Error(`planOfferSources: no plan for ${r.key}`);
    plans.set(r.key, plan);
  }
  const names = new Map(world.warehouses.map((w) => [w.code, w.name]));
  for (const [key, plan] of plans) out.set(key, offerSourceOf(plan, names));
  return out;
}
