import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { StoredProcurementPolicy, type ProcurementPolicy } from '../rules/index.ts';
import { procurementPolicy } from '../tables.ts';

export type StoredPolicy = {
  policy: ProcurementPolicy;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
};

// The insurer's own policy, or null when it has none (it then works under DEFAULT_POLICY). The JSON
// was validated when it was written (by the same schema but for the bounds of its amounts, which
// may predate the domain's bounds: see policy.ts); failing to read it back now is a bug (a
// hand edit, a schema change without a migration), so it throws rather than quietly falling back
// to the default and quoting under rules nobody chose.
export async function readStoredPolicy(exec: Executor, insurerOrgId: string): Promise<StoredPolicy | null> {
  const [row] = await exec.select().from(procurementPolicy).where(eq(procurementPolicy.insurerOrgId, insurerOrgId));
  if (!row) return null;
  const parsed = StoredProcurementPolicy.safeParse(row.policy);
  if (!parsed.success) {
    throw new Error(`procurement_policy of ${insurerOrgId} (version ${row.version}) no longer parses: ${parsed.error.message}`);
  }
  return { policy: parsed.data, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}
