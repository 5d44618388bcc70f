import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { certBody, product, productPart } from '../tables.ts';
import { certificateErrors, type Certificate } from './certificate.ts';
import { toProductDto, type ProductDto } from './dto.ts';
import { lockProduct } from './find.ts';
import { errorsOf, resolveCertBody, resolveParts, type Resolved } from './references.ts';
import { certBodyCodeField, certNoField, dateField, gradeField, oeNosField, partIdsField, pictureUrlsField, textField, warrantyMonthsField } from './schemas.ts';

// The SKU and the supplier are the product's identity and stay fixed; a different SKU is a new
// product. Certificate fields may be cleared with null. Parts, when given (by id, OE number or
// both), replace the whole set.
export const UpdateProductInput = z
  .strictObject({
    brand: textField.optional(),
    name: textField.optional(),
    grade: gradeField.optional(),
    certBodyCode: certBodyCodeField.nullable().optional(),
    certNo: certNoField.nullable().optional(),
    certValidFrom: dateField.nullable().optional(),
    certValidTo: dateField.nullable().optional(),
    warrantyMonths: warrantyMonthsField.optional(),
    pictureUrls: pictureUrlsField.optional(),
    partIds: partIdsField.optional(),
    oeNos: oeNosField.optional(),
  })
  .meta({ id: 'UpdateProductInput' });
export type UpdateProductInput = z.infer<typeof UpdateProductInput>;

async function currentCertBodyCode(tx: Tx, certBodyId: string | null): Promise<string | null> {
  if (certBodyId === null) return null;
  const [row] = await tx.select({ code: certBody.code }).from(certBody).where(eq(certBody.id, certBodyId));
  return row?.code ?? null;
}

export async function updateProduct(tx: Tx, ctx: Ctx, id: string, input: UpdateProductInput): Promise<ProductDto> {
  requirePermission(ctx.actor, 'products.manage');
  const before = await lockProduct(tx, ctx, id);

  // The rules apply to the product as it will be, so a grade change to `certified` without a
  // certificate on file is refused just like a new certified product without one.
  const grade = input.grade ?? before.grade;
  const cert: Certificate = {
    certBodyCode: input.certBodyCode !== undefined ? input.certBodyCode : await currentCertBodyCode(tx, before.certBodyId),
    certNo: input.certNo !== undefined ? input.certNo : before.certNo,
    certValidFrom: input.certValidFrom !== undefined ? input.certValidFrom : before.certValidFrom,
    certValidTo: input.certValidTo !== undefined ? input.certValidTo : before.certValidTo,
  };
  const body: Resolved<string | null> = input.certBodyCode !== undefined ? await resolveCertBody(tx, input.certBodyCode) : { ok: true, value: before.certBodyId };
  const replacesParts = input.partIds !== undefined || input.oeNos !== undefined;
  const parts: Resolved<string[] | null> = replacesParts ? await resolveParts(tx, input) : { ok: true, value: null };
  const errors = errorsOf(body, parts).concat(certificateErrors(grade, cert));
  if (errors.length > 0 || !body.ok || !parts.ok) throw new AppError('validation_failed', { count: errors.length }, errors);

  const [after] = await tx
    .update(product)
    .set({
      brand: input.brand,
      name: input.name,
      grade,
      certBodyId: body.value,
      certNo: cert.certNo,
      certValidFrom: cert.certValidFrom,
      certValidTo: cert.certValidTo,
      warrantyMonths: input.warrantyMonths,
      pictureUrls: input.pictureUrls,
      updatedAt: ctx.now,
    })
    .where(eq(product.id, id))
    .returning();
  if (parts.value !== null) {
    await tx.delete(productPart).where(eq(productPart.productId, id));
    await tx.insert(productPart).values(parts.value.map((partId) => ({ partId, productId: id })));
  }
  await recordAudit(tx, ctx, {
    orgId: before.supplierOrgId,
    objectType: 'product',
    objectId: id,
    action: 'update',
    fromState: before.grade,
    toState: grade,
    data: { changed: Object.keys(input).filter((key) => input[key as keyof UpdateProductInput] !== undefined) },
  });
  return toProductDto(tx, after!);
}
