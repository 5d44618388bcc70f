import { and, eq, inArray } from 'drizzle-orm';
import { org } from '../../modules/identity/index.ts';
import type { Executor } from '../../platform/db.ts';
import { demoOrgs } from '../demo-data.ts';
import type { DemoSupplierIds } from './demo-products.ts';

const KEYS = ['huajun', 'yuetong', 'anxin'] as const;

// The demo suppliers' org ids, found by their (unique, fictional) names. Seeded ids depend on the
// seed and on the order of the identity seed, so reading them back is sturdier than recomputing.
export async function findDemoSupplierIds(db: Executor): Promise<DemoSupplierIds> {
  const names = new Map(KEYS.map((key) => [demoOrgs.find((o) => o.key === key)?.name ?? key, key]));
  const rows = await db
    .select({ id: org.id, name: org.name })
    .from(org)
    .where(and(eq(org.kind, 'supplier'), inArray(org.name, [...names.keys()])));
  const found: Partial<DemoSupplierIds> = {};
  for (const row of rows) {
    const key = names.get(row.name);
    if (key) found[key] = row.id;
  }
  for (const key of KEYS) if (!found[key]) throw new Error(`demo supplier ${key} not seeded; run the identity seed first`);
  return found as DemoSupplierIds;
}
