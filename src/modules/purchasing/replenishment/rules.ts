import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { mayActFor, requirePermission, type Actor } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_REPLENISH_QTY } from '../../../platform/bounds.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { AppError, forbidden, type FieldError } from '../../../platform/errors.ts';
import { product } from '../../catalog/index.ts';
import { findWarehouse, MAX_FACT_PRODUCTS } from '../../inventory/index.ts';
import { replenishmentRule } from '../tables.ts';

// A warehouse's replenishment rules: a few hundred products at most (a run reads their facts in
// one statement, inventory's stockFacts).
export const MAX_REPLENISHMENT_RULES = MAX_FACT_PRODUCTS;

export const ReplenishmentRulesBody = z
  .strictObject({
    lines: z
      .array(
        z
          .strictObject({
            productId: z.uuid(),
            // The reorder point: at or below it (available + incoming − backorders), buy.
            minQty: z.number().int().min(0).max(MAX_REPLENISH_QTY),
            // Up to this.
            maxQty: z.number().int().min(1).max(MAX_REPLENISH_QTY),
          })
          .refine((l) => l.maxQty > l.minQty, { message: 'max_not_above_min', path: ['maxQty'] }),
      )
      .max(MAX_REPLENISHMENT_RULES),
  })
  .meta({ id: 'SetReplenishmentRulesInput' });
export type ReplenishmentRulesBody = z.infer<typeof ReplenishmentRulesBody>;

export const ReplenishmentRulesDto = z
  .object({
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    lines: z.array(z.object({ productId: z.uuid(), sku: z.string(), productName: z.string(), supplierOrgId: z.uuid(), minQty: z.number().int(), maxQty: z.number().int(), updatedAt: z.string() })),
  })
  .meta({ id: 'ReplenishmentRules' });
export type ReplenishmentRulesDto = z.infer<typeof ReplenishmentRulesDto>;

// The rules are the buyer's: the warehouse's operator and the platform read and set them. A
// warehouse is a public fact (inventory's access), its rules are not.
async function ruledWarehouse(exec: Executor, actor: Actor, warehouseId: string) {
  const w = await findWarehouse(exec, actor, warehouseId);
  if (!mayActFor(actor, w.operatorOrgId)) throw forbidden('purchasing.manage');
  return w;
}

export async function getReplenishmentRules(db: Executor, ctx: Ctx, warehouseId: string): Promise<ReplenishmentRulesDto> {
  requirePermission(ctx.actor, 'purchasing.read');
  const w = await ruledWarehouse(db, ctx.actor, warehouseId);
  return rulesOf(db, w);
}

async function rulesOf(exec: Executor, w: { id: string; code: string }): Promise<ReplenishmentRulesDto> {
  const rows = await exec
    .select({ rule: replenishmentRule, sku: product.sku, productName: product.name, supplierOrgId: product.supplierOrgId })
    .from(replenishmentRule)
    .innerJoin(product, eq(product.id, replenishmentRule.productId))
    .where(eq(replenishmentRule.warehouseId, w.id))
    .orderBy(asc(product.sku), asc(product.id));
  return {
    warehouseId: w.id,
    warehouseCode: w.code,
    lines: rows.map((r) => ({
      productId: r.rule.productId,
      sku: r.sku,
      productName: r.productName,
      supplierOrgId: r.supplierOrgId,
      minQty: r.rule.minQty,
      maxQty: r.rule.maxQty,
      updatedAt: r.rule.updatedAt.toISOString(),
    })),
  };
}

// Replaces the warehouse's rules with the given ones (none: replenishment stops there), audited
// with what they were and what they are.
export async function setReplenishmentRules(tx: Tx, ctx: Ctx, warehouseId: string, body: ReplenishmentRulesBody): Promise<ReplenishmentRulesDto> {
  requirePermission(ctx.actor, 'purchasing.manage');
  const w = await ruledWarehouse(tx, ctx.actor, warehouseId);
  const errors: FieldError[] = [];
  if (w.kind === 'supplier') errors.push({ path: 'id', in: 'params', code: 'purchase_warehouse_kind' });
  const productIds = [...new Set(body.lines.map((l) => l.productId))];
  const known = new Set(productIds.length === 0 ? [] : (await tx.select({ id: product.id }).from(product).where(inArray(product.id, productIds))).map((p) => p.id));
  const seen = new Set<string>();
  body.lines.forEach((l, i) => {
    if (seen.has(l.productId)) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'duplicate_product' });
    seen.add(l.productId);
    if (!known.has(l.productId)) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'unknown_reference', params: { what: 'product', value: l.productId } });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  const before = await tx
    .delete(replenishmentRule)
    .where(eq(replenishmentRule.warehouseId, w.id))
    .returning({ productId: replenishmentRule.productId, minQty: replenishmentRule.minQty, maxQty: replenishmentRule.maxQty });
  if (body.lines.length > 0) await tx.insert(replenishmentRule).values(body.lines.map((l) => ({ warehouseId: w.id, productId: l.productId, minQty: l.minQty, maxQty: l.maxQty, updatedAt: ctx.now })));
  await recordAudit(tx, ctx, { orgId: w.operatorOrgId, objectType: 'warehouse', objectId: w.id, action: 'set_replenishment_rules', data: { before, after: body.lines } });
  return rulesOf(tx, w);
}
