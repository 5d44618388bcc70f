import { and, eq, inArray } from 'drizzle-orm';
import { mayActFor, requirePermission } from '../../platform/access.ts';
import { MAX_STOCK_LINE_QTY } from '../../platform/bounds.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, forbidden, type FieldError } from '../../platform/errors.ts';
import { product, productPrices } from '../catalog/index.ts';
import { org } from '../identity/index.ts';
import { findWarehouse } from '../inventory/index.ts';
import type { PurchaseOrderDto } from './dto.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { raisePurchaseOrder } from './raise-purchase-order.ts';
import type { CreatePurchaseOrderInput } from './schemas.ts';

// An operator (or the platform) writes a purchase order to a supplier for one of its warehouses:
// a draft, which the supplier does not see until it is sent. Every line is a product of that
// supplier; its price is the one given, or the supplier's valid offer for the warehouse's region
// (whose minimum order the quantity must then meet). Every problem is reported at once, by line.
export async function createPurchaseOrder(tx: Tx, ctx: Ctx, input: CreatePurchaseOrderInput): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.manage');
  const w = await findWarehouse(tx, ctx.actor, input.warehouseId);
  if (!mayActFor(ctx.actor, w.operatorOrgId)) throw forbidden('purchasing.manage');
  const errors: FieldError[] = [];
  // A supplier's own warehouse holds its own stock; nobody buys into it.
  if (w.kind === 'supplier') errors.push({ path: 'warehouseId', in: 'body', code: 'purchase_warehouse_kind' });
  const [supplier] = await tx
    .select({ id: org.id })
    .from(org)
    .where(and(eq(org.id, input.supplierOrgId), eq(org.kind, 'supplier'), eq(org.status, 'active')));
  if (!supplier) errors.push({ path: 'supplierOrgId', in: 'body', code: 'not_a_supplier' });
  const today = chinaDate(ctx.now);
  if (input.expectedDate < today) errors.push({ path: 'expectedDate', in: 'body', code: 'date_in_past' });

  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const owners = new Map((await tx.select({ id: product.id, supplierOrgId: product.supplierOrgId }).from(product).where(inArray(product.id, productIds))).map((p) => [p.id, p.supplierOrgId]));
  // The offer is looked up whatever the quantity, so that a quantity below its minimum is named
  // as such rather than as a missing offer.
  const prices = await productPrices(tx, { wanted: new Map(productIds.map((id) => [id, MAX_STOCK_LINE_QTY])), regionCode: w.regionCode, day: today });
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    const owner = owners.get(line.productId);
    const price = prices.get(line.productId);
    if (seen.has(line.productId)) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'duplicate_product' });
    seen.add(line.productId);
    if (owner === undefined) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'unknown_reference', params: { what: 'product', value: line.productId } });
    else if (owner !== input.supplierOrgId) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'product_of_other_supplier', params: { supplier: input.supplierOrgId } });
    else if (line.unitFen === undefined && !price) errors.push({ path: `lines.${i}.unitFen`, in: 'body', code: 'no_offer_for_region' });
    else if (line.unitFen === undefined && price && line.qty < price.minQty) errors.push({ path: `lines.${i}.qty`, in: 'body', code: 'below_offer_min_qty', params: { minQty: price.minQty } });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  const raised = await raisePurchaseOrder(tx, ctx, {
    supplierOrgId: input.supplierOrgId,
    warehouseId: w.id,
    operatorOrgId: w.operatorOrgId,
    origin: 'manual',
    consignment: input.consignment,
    send: false,
    expectedDate: input.expectedDate,
    note: input.note ?? null,
    lines: input.lines.map((l) => {
      const price = prices.get(l.productId);
      const unitFen = l.unitFen ?? price!.priceFen;
      // The offer is named only when the price is the offer's: a price agreed otherwise is not it.
      return { productId: l.productId, offerId: price && price.priceFen === unitFen ? price.offerId : null, qty: l.qty, unitFen };
    }),
  });
  return getPurchaseOrder(tx, ctx, raised.id);
}
