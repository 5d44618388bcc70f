import { and, count, eq, exists, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import { fenInput, vatOfGross } from '../../../platform/money.ts';
import { bid, inquiry, inquirySupplier } from '../tables.ts';
import { inquiryNotFound } from './access.ts';
import { BidDto, toBidDto } from './dto.ts';
import { grades, product, productPart } from './ports.ts';
import { assertTransition } from './state.ts';

// How many products one supplier may bid on one inquiry: a few grades of the same part, not its
// whole range.
export const MAX_BIDS_PER_SUPPLIER = 10;

export const PlaceBidInput = z
  .strictObject({
    productId: z.uuid(),
    grade: z.enum(grades),
    // The VAT-inclusive unit price in fen; the VAT inside it is worked out at the parts' rate. At
    // most the domain's bound for a unit (bounds.ts), like an offer's.
    priceFen: fenInput(MAX_UNIT_PRICE_FEN, 1),
    leadTimeDays: z.number().int().min(0).max(365),
    // The last day (in China) the price holds.
    validTo: z.iso.date(),
  })
  .meta({ id: 'PlaceBidInput' });
export type PlaceBidInput = z.infer<typeof PlaceBidInput>;

export const PlacedBidDto = z.object({ bid: BidDto, replaced: z.boolean() }).meta({ id: 'PlacedBid' });
export type PlacedBidDto = z.infer<typeof PlacedBidDto>;

// A supplier's sealed bid on an inquiry it was invited to, while the inquiry is open and before
// its deadline. The product must be the supplier's own, of the grade it states, and, when the
// inquiry names a catalog part, one that replaces that part (the supplier maps its products to
// parts itself, so a missing mapping is its to add). One bid per product: bidding the same product
// again replaces the price, lead time and validity, and the audit keeps the old and new price.
// The audit rows belong to the supplier, so the insurer cannot read prices there before the deadline.
export async function placeBid(tx: Tx, ctx: Ctx, inquiryId: string, input: PlaceBidInput): Promise<PlacedBidDto> {
  requirePermission(ctx.actor, 'inquiries.bid');
  const supplierOrgId = ctx.actor.orgId;
  const invited = exists(sql`(select 1 from ${inquirySupplier} where ${inquirySupplier.inquiryId} = ${inquiry.id} and ${inquirySupplier.supplierOrgId} = ${supplierOrgId})`);
  // The lock orders this bid against a concurrent close: a bid either lands before the close or
  // sees the inquiry closed.
  const [row] = await tx
    .select()
    .from(inquiry)
    .where(and(eq(inquiry.id, inquiryId), invited))
    .for('update');
  if (!row) throw inquiryNotFound();
  assertTransition(row, 'bid', ctx.now);

  const [prod] = await tx
    .select({ id: product.id, grade: product.grade })
    .from(product)
    .where(and(eq(product.id, input.productId), eq(product.supplierOrgId, supplierOrgId)));
  if (!prod) throw notFound('product');
  if (prod.grade !== input.grade) throw invalidField('grade', 'invalid_value', { values: prod.grade });
  if (row.partId !== null) {
    const [fits] = await tx
      .select({ one: sql`1` })
      .from(productPart)
      .where(and(eq(productPart.productId, prod.id), eq(productPart.partId, row.partId)));
    if (!fits) throw invalidField('productId', 'invalid');
  }
  if (input.validTo < chinaDate(ctx.now)) throw invalidField('validTo', 'invalid');

  const values = {
    grade: input.grade,
    priceFen: input.priceFen,
    vatFen: vatOfGross(input.priceFen),
    leadTimeDays: input.leadTimeDays,
    validTo: input.validTo,
    updatedAt: ctx.now,
  };
  const [previous] = await tx
    .select()
    .from(bid)
    .where(and(eq(bid.inquiryId, row.id), eq(bid.supplierOrgId, supplierOrgId), eq(bid.productId, prod.id)))
    .for('update');

  if (previous) {
    const [after] = await tx.update(bid).set(values).where(eq(bid.id, previous.id)).returning();
    await recordAudit(tx, ctx, {
      orgId: supplierOrgId,
      objectType: 'bid',
      objectId: previous.id,
      action: 'replace',
      data: {
        inquiryId: row.id,
        productId: prod.id,
        old: { priceFen: previous.priceFen.toString(), leadTimeDays: previous.leadTimeDays, validTo: previous.validTo },
        new: { priceFen: input.priceFen.toString(), leadTimeDays: input.leadTimeDays, validTo: input.validTo },
      },
    });
    return { bid: toBidDto(after!), replaced: true };
  }

  const [counted] = await tx
    .select({ n: count() })
    .from(bid)
    .where(and(eq(bid.inquiryId, row.id), eq(bid.supplierOrgId, supplierOrgId)));
  if ((counted?.n ?? 0) >= MAX_BIDS_PER_SUPPLIER) throw new AppError('limit_reached', { what: 'bid', limit: MAX_BIDS_PER_SUPPLIER });
  const [created] = await tx
    .insert(bid)
    .values({ id: newId(), inquiryId: row.id, supplierOrgId, productId: prod.id, createdBy: ctx.actor.userId, createdAt: ctx.now, ...values })
    .returning();
  await recordAudit(tx, ctx, {
    orgId: supplierOrgId,
    objectType: 'bid',
    objectId: created!.id,
    action: 'create',
    data: { inquiryId: row.id, productId: prod.id, grade: input.grade, priceFen: input.priceFen.toString(), leadTimeDays: input.leadTimeDays, validTo: input.validTo },
  });
  return { bid: toBidDto(created!), replaced: false };
}
