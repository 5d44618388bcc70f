import { z } from 'zod';
import { orgKinds } from '../../platform/access.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords.ts';
import { validateUscc } from './uscc.ts';

// Input fields shared by several identity commands. Refinement messages are field codes from
// platform/messages.ts, translated at the HTTP edge.

export const usccField = z.string().transform((value, ctx) => {
  const result = validateUscc(value);
  if (result.ok) return result.code;
  ctx.addIssue({ code: 'custom', message: `uscc_${result.reason}`, params: { position: result.position } });
  return z.NEVER;
});

export { regionCodeField } from '../regions/index.ts';

export const emailField = z.email().max(254);
// The password policy's rules that need only the password (passwords.ts); "not the email" needs
// the account's email too, so the create and update commands' inputs check it.
export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: 'password_weak' })
  .max(200)
  .refine((password) => passwordProblem(password) !== 'password_common', { message: 'password_common' });
export const orgKindField = z.enum(orgKinds);
export const nameField = z.string().trim().min(1).max(200);
