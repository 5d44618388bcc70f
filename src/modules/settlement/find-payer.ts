import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { org } from '../identity/index.ts';
import type { PayerKind } from './tables.ts';

// The organisation a statement or a payment names as its payer (body field `payerOrgId`): one that
// pays the platform, an insurer or a repair shop; anything else is the request's mistake (400).
export async function findPayer(exec: Executor, payerOrgId: string): Promise<{ id: string; kind: PayerKind }> {
  const [payer] = await exec.select({ id: org.id, kind: org.kind }).from(org).where(eq(org.id, payerOrgId));
  if (!payer) throw new AppError('validation_failed', { count: 1 }, [{ path: 'payerOrgId', in: 'body', code: 'unknown_reference', params: { what: 'organisation', value: payerOrgId } }]);
  if (payer.kind !== 'insurer' && payer.kind !== 'repair_shop') throw new AppError('validation_failed', { count: 1 }, [{ path: 'payerOrgId', in: 'body', code: 'invalid' }]);
  return { id: payer.id, kind: payer.kind };
}
