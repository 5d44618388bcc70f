import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { vatOfGross } from '../../../platform/money.ts';
import { productPrices } from '../../catalog/index.ts';
import type { OrderPlan } from './plan.ts';

// A repair shop buying for itself (no claim): each product at its cheapest valid offer for the
// shop's region, paid by the shop. Only shops buy this way; an insurer orders through a claim.
export async function planShopOrder(tx: Tx, ctx: Ctx, lines: readonly { productId: string; qty: number }[], note: string | null, backorders: OrderPlan['backorders']): Promise<OrderPlan> {
  if (ctx.actor.orgKind !== 'repair_shop') throw new AppError('forbidden', { permission: 'orders.place' });
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.productId, Math.max(wanted.get(l.productId) ?? 0, l.qty));
  const prices = await productPrices(tx, { wanted, regionCode: ctx.actor.orgRegionCode, day: chinaDate(ctx.now) });
  const errors: FieldError[] = [];
  lines.forEach((l, i) => {
    if (!prices.has(l.productId)) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'no_offer_for_region' });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  return {
    kind: 'shop',
    claimId: null,
    assessmentId: null,
    claim: null,
    payerOrgId: ctx.actor.orgId,
    buyerOrgId: ctx.actor.orgId,
    deliveryRegionCode: ctx.actor.orgRegionCode,
    note,
    replacesReturnId: null,
    backorders,
    lines: lines.map((l, i) => {
      const p = prices.get(l.productId)!;
      const amountFen = p.priceFen * BigInt(l.qty);
      return {
        quoteLineId: null,
        partId: p.partId,
        productId: l.productId,
        supplierOrgId: p.supplierOrgId,
        grade: p.grade,
        qty: l.qty,
        unitFen: p.priceFen,
        amountFen,
        vatFen: vatOfGross(amountFen),
        handlingFeeFen: 0n,
        purchase: { offerId: p.offerId, unitFen: p.priceFen, leadTimeDays: p.leadTimeDays },
        path: `lines.${i}`,
      };
    }),
  };
}
