import { eq } from 'drizzle-orm';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import type { OrderDto } from '../dto.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import { productPrices } from '../../catalog/index.ts';
import { placeOrder } from '../place/place-order.ts';
import { orderReturn } from '../tables.ts';
import { findReturn } from './find-return.ts';

// Orders a replacement (补发) for a returned line once the seller has approved the return: the same
// product, quantity and prices, for the same payer and shop, through the same placement (stock
// reserved or the request refused). One replacement per return.
export async function replaceReturn(tx: Tx, ctx: Ctx, returnId: string): Promise<OrderDto> {
  requirePermission(ctx.actor, 'orders.place');
  const { ret, order, line } = await findReturn(tx, ctx.actor, returnId, { forUpdate: true });
  if (!isPlatform(ctx.actor) && ctx.actor.orgId !== order.payerOrgId && ctx.actor.orgId !== order.buyerOrgId) throw new AppError('forbidden', { permission: 'orders.place' });
  if (ret.status !== 'approved' && ret.status !== 'received') throw new AppError('invalid_state', { what: 'order_return', state: ret.status });
  if (ret.replacementOrderId) throw new AppError('conflict', { what: 'order', value: ret.replacementOrderId });
  // Bought again if no stock can serve it: from the product's offer for the shop's region today.
  const [price] = (await productPrices(tx, { wanted: new Map([[line.productId, line.qty]]), regionCode: order.deliveryRegionCode, day: chinaDate(ctx.now) })).values();
  const placed = await placeOrder(tx, ctx, {
    kind: order.kind,
    claimId: order.claimId,
    assessmentId: order.assessmentId,
    claim: null,
    payerOrgId: order.payerOrgId,
    buyerOrgId: order.buyerOrgId,
    deliveryRegionCode: order.deliveryRegionCode,
    note: `replacement for return ${ret.id}`,
    replacesReturnId: ret.id,
    backorders: 'wait',
    lines: [
      {
        quoteLineId: line.quoteLineId,
        partId: line.partId,
        productId: line.productId,
        supplierOrgId: line.supplierOrgId,
        grade: line.grade,
        qty: line.qty,
        unitFen: line.unitFen,
        amountFen: line.amountFen,
        vatFen: line.vatFen,
        handlingFeeFen: line.handlingFeeFen,
        purchase: price ? { offerId: price.offerId, unitFen: price.priceFen, leadTimeDays: price.leadTimeDays } : null,
        path: 'returnId',
      },
    ],
  });
  // The return names its replacement, so the order goes in first (a round trip of its own here,
  // where placing an order alone leaves it for the command's last one).
  await writeTogether(tx, placed.writes);
  await tx.update(orderReturn).set({ replacementOrderId: placed.result.id, updatedAt: ctx.now }).where(eq(orderReturn.id, ret.id));
  return placed.result;
}
