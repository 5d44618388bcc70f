import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { org } from '../../identity/index.ts';
import type { ImportKind } from './formats.ts';

// Who may import what, and for which supplier. Checked before a byte of the file is read, so a
// caller without the permission is refused at once rather than after uploading 200 MB.

export type ImportScope = {
  kind: ImportKind;
  // The supplier whose products or offers the file holds; null for the platform's own catalog.
  supplierOrgId: string | null;
  // The organisation the audit event belongs to (and that may read it).
  auditOrgId: string;
};

export function isSupplierKind(kind: ImportKind): boolean {
  return kind === 'products' || kind === 'offers';
}

const queryError = (code: 'required' | 'unknown_field' | 'invalid_format', params?: Record<string, unknown>) =>
  new AppError('validation_failed', { count: 1 }, [{ path: 'supplierOrgId', in: 'querystring', code, params }]);

export async function resolveImportScope(exec: Executor, ctx: Ctx, kind: ImportKind, supplierOrgId: string | undefined): Promise<ImportScope> {
  const { actor } = ctx;
  if (!isSupplierKind(kind)) {
    requirePermission(actor, 'catalog.manage');
    // Vehicle models, parts and fitment belong to no supplier; naming one is a mistake to point out.
    if (supplierOrgId !== undefined) throw queryError('unknown_field');
    return { kind, supplierOrgId: null, auditOrgId: actor.orgId };
  }
  requirePermission(actor, 'products.manage');
  if (!isPlatform(actor)) {
    // A supplier imports only its own products; another organisation is "not found", as anywhere.
    if (supplierOrgId !== undefined && supplierOrgId !== actor.orgId) throw notFound('organisation');
    return { kind, supplierOrgId: actor.orgId, auditOrgId: actor.orgId };
  }
  if (supplierOrgId === undefined) throw queryError('required');
  if (!z.uuid().safeParse(supplierOrgId).success) throw queryError('invalid_format', { format: 'uuid' });
  const [supplier] = await exec
    .select({ id: org.id })
    .from(org)
    .where(and(eq(org.id, supplierOrgId), eq(org.kind, 'supplier')));
  if (!supplier) throw notFound('organisation');
  return { kind, supplierOrgId: supplier.id, auditOrgId: supplier.id };
}
