import { and, eq } from 'drizzle-orm';
import { tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import { offer, product } from '../tables.ts';

// Every read and change of one product or offer starts here, inside the tenant scope: another
// supplier's product is "not found", exactly like one that does not exist.

export async function findProduct(exec: Executor, ctx: Ctx, id: string): Promise<typeof product.$inferSelect> {
  const [row] = await exec
    .select()
    .from(product)
    .where(and(tenantScope(ctx.actor, product.supplierOrgId), eq(product.id, id)));
  if (!row) throw notFound('product');
  return row;
}

// Commands lock the row they change, so two concurrent edits apply one after the other.
export async function lockProduct(tx: Tx, ctx: Ctx, id: string): Promise<typeof product.$inferSelect> {
  const [row] = await tx
    .select()
    .from(product)
    .where(and(tenantScope(ctx.actor, product.supplierOrgId), eq(product.id, id)))
    .for('update');
  if (!row) throw notFound('product');
  return row;
}

export async function lockOffer(tx: Tx, ctx: Ctx, id: string): Promise<typeof offer.$inferSelect> {
  const [row] = await tx
    .select()
    .from(offer)
    .where(and(tenantScope(ctx.actor, offer.supplierOrgId), eq(offer.id, id)))
    .for('update');
  if (!row) throw notFound('offer');
  return row;
}
