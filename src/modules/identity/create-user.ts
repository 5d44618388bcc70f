import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, roleFitsKind, tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { normaliseEmail, toUserDto, type UserDto } from './dto.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { emailField, nameField, passwordField } from './schemas.ts';
import { appUser, org } from './tables.ts';

export const CreateUserInput = z
  .strictObject({
    // Omitted: the caller's own organisation. Only the platform may name another one.
    orgId: z.uuid().optional(),
    email: emailField,
    name: nameField,
    password: passwordField,
    roles: z.array(z.string().min(1).max(40)).min(1).max(10),
  })
  .superRefine((input, ctx) => {
    // The password policy's last rule needs both fields: not the email, nor its name part.
    if (passwordProblem(input.password, input.email) === 'password_like_email') ctx.addIssue({ code: 'custom', path: ['password'], message: 'password_like_email' });
  })
  .meta({ id: 'CreateUserInput' });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export function emailTaken(email: string): AppError {
  return new AppError('conflict', { what: 'user', value: email }, [{ path: 'email', in: 'body', code: 'email_taken' }]);
}

export function rolesErrors(roles: readonly string[], kind: Parameters<typeof roleFitsKind>[1]): FieldError[] {
  return roles.flatMap((role, i) => (roleFitsKind(role, kind) ? [] : [{ path: `roles.${i}`, in: 'body' as const, code: 'role_not_for_kind' as const, params: { role, kind } }]));
}

export async function createUser(tx: Tx, ctx: Ctx, input: CreateUserInput): Promise<UserDto> {
  requirePermission(ctx.actor, 'users.manage');
  const orgId = input.orgId ?? ctx.actor.orgId;
  // A foreign organisation is "not found", exactly like a missing one.
  const [owner] = await tx
    .select()
    .from(org)
    .where(and(tenantScope(ctx.actor, org.id), eq(org.id, orgId)));
  if (!owner) throw notFound('organisation');
  const errors = rolesErrors(input.roles, owner.kind);
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  const email = normaliseEmail(input.email);
  const [existing] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, email));
  if (existing) throw emailTaken(email);

  const [row] = await tx
    .insert(appUser)
    .values({
      id: newId(),
      orgId,
      email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      roles: [...new Set(input.roles)] as UserDto['roles'],
      status: 'active',
      createdAt: ctx.now,
    })
    .returning();
  const user = toUserDto(row!);
  await recordAudit(tx, ctx, { orgId, objectType: 'user', objectId: user.id, action: 'create', toState: 'active', data: { email, roles: user.roles } });
  await emitEvent(tx, ctx, { orgId, type: 'user.created', payload: { user } });
  return user;
}
