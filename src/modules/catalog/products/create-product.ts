import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { product, productPart } from '../tables.ts';
import { certificateErrors } from './certificate.ts';
import { toProductDto, type ProductDto } from './dto.ts';
import { errorsOf, resolveCertBody, resolveParts, resolveSupplierOrg } from './references.ts';
import { certBodyCodeField, certNoField, dateField, gradeField, oeNosField, partIdsField, pictureUrlsField, skuField, textField, warrantyMonthsField } from './schemas.ts';

export const CreateProductInput = z
  .strictObject({
    // Omitted: the caller's own organisation. The platform's catalog team must name a supplier.
    supplierOrgId: z.uuid().optional(),
    sku: skuField,
    brand: textField,
    name: textField,
    grade: gradeField,
    // The parts it replaces, by id or by OE number (or both); at least one in all.
    partIds: partIdsField.optional(),
    oeNos: oeNosField.optional(),
    certBodyCode: certBodyCodeField.optional(),
    certNo: certNoField.optional(),
    certValidFrom: dateField.optional(),
    certValidTo: dateField.optional(),
    warrantyMonths: warrantyMonthsField,
    pictureUrls: pictureUrlsField.optional(),
  })
  .meta({ id: 'CreateProductInput' });
export type CreateProductInput = z.infer<typeof CreateProductInput>;

export function skuTaken(sku: string): AppError {
  return new AppError('conflict', { what: 'product', value: sku });
}

export async function createProduct(tx: Tx, ctx: Ctx, input: CreateProductInput): Promise<ProductDto> {
  requirePermission(ctx.actor, 'products.manage');
  const cert = {
    certBodyCode: input.certBodyCode ?? null,
    certNo: input.certNo ?? null,
    certValidFrom: input.certValidFrom ?? null,
    certValidTo: input.certValidTo ?? null,
  };
  const supplier = await resolveSupplierOrg(tx, ctx.actor, input.supplierOrgId);
  const parts = await resolveParts(tx, input);
  const body = await resolveCertBody(tx, cert.certBodyCode);
  const errors = errorsOf(supplier, parts, body).concat(certificateErrors(input.grade, cert));
  if (errors.length > 0 || !supplier.ok || !parts.ok || !body.ok) {
    throw new AppError('validation_failed', { count: errors.length }, errors);
  }

  let row: typeof product.$inferSelect;
  try {
    [row] = (await tx
      .insert(product)
      .values({
        id: newId(),
        supplierOrgId: supplier.value,
        sku: input.sku,
        brand: input.brand,
        name: input.name,
        grade: input.grade,
        certBodyId: body.value,
        certNo: cert.certNo,
        certValidFrom: cert.certValidFrom,
        certValidTo: cert.certValidTo,
        warrantyMonths: input.warrantyMonths,
        pictureUrls: input.pictureUrls ?? [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()) as [typeof product.$inferSelect];
  } catch (error) {
    // The unique index decides, so two concurrent creates of one SKU cannot both succeed.
    if (isUniqueViolation(error, 'product_supplier_sku_uq')) throw skuTaken(input.sku);
    throw error;
  }
  await tx.insert(productPart).values(parts.value.map((partId) => ({ partId, productId: row.id })));
  await recordAudit(tx, ctx, {
    orgId: row.supplierOrgId,
    objectType: 'product',
    objectId: row.id,
    action: 'create',
    toState: row.grade,
    data: { sku: row.sku, partIds: parts.value },
  });
  return toProductDto(tx, row);
}
