import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { rolesErrors } from './create-user.ts';
import { toUserDto, type UserDto } from './dto.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { nameField, passwordField } from './schemas.ts';
import { appUser, org, session } from './tables.ts';

export const UpdateUserInput = z
  .strictObject({
    name: nameField.optional(),
    roles: z.array(z.string().min(1).max(40)).min(1).max(10).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    password: passwordField.optional(),
  })
  .meta({ id: 'UpdateUserInput' });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export async function updateUser(tx: Tx, ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserDto> {
  requirePermission(ctx.actor, 'users.manage');
  const [found] = await tx
    .select()
    .from(appUser)
    .innerJoin(org, eq(org.id, appUser.orgId))
    .where(and(tenantScope(ctx.actor, appUser.orgId), eq(appUser.id, id)))
    .for('update', { of: appUser });
  if (!found) throw notFound('user');
  const before = found.app_user;
  // The password policy's last rule: the input has no email, the account has.
  if (input.password !== undefined && passwordProblem(input.password, before.email) === 'password_like_email') throw invalidField('password', 'password_like_email');
  if (input.roles) {
    const errors = rolesErrors(input.roles, found.org.kind);
    if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  }
  const [after] = await tx
    .update(appUser)
    .set({
      name: input.name,
      roles: input.roles ? ([...new Set(input.roles)] as UserDto['roles']) : undefined,
      status: input.status,
      passwordHash: input.password ? await hashPassword(input.password) : undefined,
    })
    .where(eq(appUser.id, id))
    .returning();
  // A disabled user or a changed password ends every open session of that user.
  if (input.status === 'disabled' || input.password) {
    await tx
      .update(session)
      .set({ revokedAt: ctx.now })
      .where(and(eq(session.userId, id), isNull(session.revokedAt)));
  }
  await recordAudit(tx, ctx, {
    orgId: before.orgId,
    objectType: 'user',
    objectId: id,
    action: 'update',
    fromState: before.status,
    toState: after!.status,
    data: { changed: Object.keys(input) },
  });
  return toUserDto(after!);
}
