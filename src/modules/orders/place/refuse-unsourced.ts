import { AppError } from '../../../platform/errors.ts';
import type { LineSource, SourcingWorld } from '../../inventory/index.ts';
import type { OrderPlan } from './plan.ts';

// The two refusals left when an order is placed, each naming every line concerned: a line nothing
// can source (409 `unsourceable`: no platform warehouse delivers to the region and the supplier has
// none there, or it has no stock anywhere and cannot be bought), and, for a shop that asked for
// what is in stock only, a line that would have to wait (409 `insufficient_stock`, with the most
// any one place delivering there could give, as before backorders existed).
export function refuseUnsourced(plan: OrderPlan, sources: readonly LineSource[], world: SourcingWorld): void {
  const none = sources.flatMap((s, i) => (s.kind === 'none' ? [{ i, reason: s.reason }] : []));
  if (none.length > 0) {
    throw new AppError(
      'unsourceable',
      { count: none.length },
      none.map(({ i, reason }) => ({ path: plan.lines[i]!.path, in: 'body' as const, code: reason, params: { productId: plan.lines[i]!.productId, regionCode: plan.deliveryRegionCode } })),
    );
  }
  if (plan.backorders !== 'in_stock_only') return;
  const waiting = sources.flatMap((s, i) => (s.kind === 'transfer' || s.kind === 'purchase' ? [i] : []));
  if (waiting.length === 0) return;
  const readyAt = (productId: string, supplierOrgId: string) =>
    Math.max(
      0,
      ...world.warehouses
        .filter((w) => w.transitDays !== null && (w.kind !== 'supplier' || w.operatorOrgId === supplierOrgId))
        .map((w) => world.quants.filter((q) => q.warehouseId === w.warehouseId && q.productId === productId).reduce((n, q) => n + q.available, 0)),
    );
  throw new AppError(
    'insufficient_stock',
    { count: waiting.length },
    waiting.map((i) => {
      const l = plan.lines[i]!;
      return { path: l.path, in: 'body' as const, code: 'stock_short' as const, params: { productId: l.productId, requested: l.qty, available: readyAt(l.productId, l.supplierOrgId) } };
    }),
  );
}
