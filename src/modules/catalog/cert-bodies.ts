import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { certBody } from './tables.ts';

// Certification bodies (CAPA, 中汽研 CATARC, …) that certified parts cite. The platform's catalog
// team keeps the list; everyone reads it.

export const CertBodyDto = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string() }).meta({ id: 'CertBody' });
export type CertBodyDto = z.infer<typeof CertBodyDto>;

export const CreateCertBodyInput = z
  .strictObject({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{2,20}$/),
    name: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'CreateCertBodyInput' });
export type CreateCertBodyInput = z.infer<typeof CreateCertBodyInput>;

// A short list by nature; bounded all the same.
const MAX_CERT_BODIES = 200;

export async function listCertBodies(db: Executor, ctx: Ctx): Promise<{ items: CertBodyDto[] }> {
  requirePermission(ctx.actor, 'catalog.read');
  return { items: await db.select().from(certBody).orderBy(asc(certBody.code)).limit(MAX_CERT_BODIES) };
}

export async function createCertBody(tx: Tx, ctx: Ctx, input: CreateCertBodyInput): Promise<CertBodyDto> {
  requirePermission(ctx.actor, 'catalog.manage');
  const [existing] = await tx.select({ id: certBody.id }).from(certBody).where(eq(certBody.code, input.code));
  if (existing) throw new AppError('conflict', { what: 'cert_body', value: input.code });
  const [row] = await tx
    .insert(certBody)
    .values({ id: newId(), ...input })
    .returning();
  await recordAudit(tx, ctx, { orgId: null, objectType: 'cert_body', objectId: row!.id, action: 'create', toState: 'active', data: input });
  return row!;
}
