import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { toOrgDto, type OrgDto } from './dto.ts';
import { nameField, regionCodeField } from './schemas.ts';
import { org } from './tables.ts';

export const UpdateOrgInput = z
  .strictObject({
    name: nameField.optional(),
    regionCode: regionCodeField.optional(),
    // Suspending an organisation signs out all its users and disables its API keys at once, since
    // every credential check joins the organisation's status.
    status: z.enum(['active', 'suspended']).optional(),
  })
  .meta({ id: 'UpdateOrgInput' });
export type UpdateOrgInput = z.infer<typeof UpdateOrgInput>;

export async function updateOrg(tx: Tx, ctx: Ctx, id: string, input: UpdateOrgInput): Promise<OrgDto> {
  requirePermission(ctx.actor, 'orgs.manage');
  const [before] = await tx
    .select()
    .from(org)
    .where(and(tenantScope(ctx.actor, org.id), eq(org.id, id)))
    .for('update');
  if (!before) throw notFound('organisation');
  const [after] = await tx
    .update(org)
    .set({ ...input, updatedAt: ctx.now })
    .where(eq(org.id, id))
    .returning();
  await recordAudit(tx, ctx, {
    orgId: id,
    objectType: 'organisation',
    objectId: id,
    action: 'update',
    fromState: before.status,
    toState: after!.status,
    data: { changed: Object.keys(input) },
  });
  return toOrgDto(after!);
}
