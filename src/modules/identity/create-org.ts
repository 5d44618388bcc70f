import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { toOrgDto, type OrgDto } from './dto.ts';
import { nameField, orgKindField, regionCodeField, usccField } from './schemas.ts';
import { org } from './tables.ts';

export const CreateOrgInput = z
  .strictObject({
    kind: orgKindField,
    name: nameField,
    uscc: usccField,
    regionCode: regionCodeField,
  })
  .meta({ id: 'CreateOrgInput' });
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export function usccTaken(uscc: string): AppError {
  return new AppError('conflict', { what: 'organisation', value: uscc }, [{ path: 'uscc', in: 'body', code: 'uscc_taken' }]);
}

export async function createOrg(tx: Tx, ctx: Ctx, input: CreateOrgInput): Promise<OrgDto> {
  requirePermission(ctx.actor, 'orgs.manage');
  const [existing] = await tx.select({ id: org.id }).from(org).where(eq(org.uscc, input.uscc));
  if (existing) throw usccTaken(input.uscc);
  const [row] = await tx
    .insert(org)
    .values({ id: newId(), ...input, status: 'active', createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  await recordAudit(tx, ctx, { orgId: row!.id, objectType: 'organisation', objectId: row!.id, action: 'create', toState: 'active', data: { kind: input.kind, name: input.name } });
  return toOrgDto(row!);
}
