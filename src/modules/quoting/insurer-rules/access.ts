import { and, eq } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { org } from '../../identity/index.ts';

// Who sees and changes an insurer's rules. The rules belong to one insurer; every query here is
// scoped to the insurer these functions return, so another insurer's policy or guide entry is
// simply not there (404).

// Writes: the insurer's admin and its price checkers (insurer_rules.manage), always on their own
// insurer's rules. The platform holds no such grant: it reads rules, it does not write them.
export function ownInsurerForWrite(actor: Actor): string {
  requirePermission(actor, 'insurer_rules.manage');
  return actor.orgId;
}

// Reads: anyone of an insurer reads its own insurer's rules, because adjusters and checkers must be
// able to see why an offer was excluded. The platform's admin reads any insurer's, naming it with
// `insurerOrgId`. Suppliers, operators and repair shops never see an insurer's rules: the price
// guide is exactly what a supplier would price up to.
export async function insurerForRead(exec: Executor, actor: Actor, insurerOrgId: string | undefined): Promise<string> {
  requirePermission(actor, 'insurer_rules.read');
  if (actor.orgKind === 'insurer') {
    if (insurerOrgId !== undefined && insurerOrgId !== actor.orgId) throw notFound('organisation');
    return actor.orgId;
  }
  if (insurerOrgId === undefined) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'insurerOrgId', in: 'querystring', code: 'required' }]);
  }
  const [insurer] = await exec
    .select({ id: org.id })
    .from(org)
    .where(and(eq(org.id, insurerOrgId), eq(org.kind, 'insurer')));
  if (!insurer) throw notFound('organisation');
  return insurer.id;
}
