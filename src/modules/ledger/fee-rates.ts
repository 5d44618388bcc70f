import { and, desc, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { supplierFeeRate } from './tables.ts';

// The platform's fee on a supplier's sales (平台服务费): a rate in basis points, set by the
// platform per supplier with the day it takes effect, so that a change never reprices sales made
// before it. A supplier the platform set no rate for pays the default.
export const DEFAULT_FEE_BP = 300;

// The fee on a net amount: rate × amount, rounded half up to the fen.
export function feeOf(netFen: bigint, rateBp: number): bigint {
  if (netFen <= 0n || rateBp <= 0) return 0n;
  return (netFen * BigInt(rateBp) * 2n + 10_000n) / 20_000n;
}

// The rate in force on a day (YYYY-MM-DD, China time) for each supplier.
export async function feeRatesOn(exec: Executor, supplierOrgIds: readonly string[], day: string): Promise<Map<string, number>> {
  const ids = [...new Set(supplierOrgIds)];
  const rates = new Map<string, number>(ids.map((id) => [id, DEFAULT_FEE_BP]));
  if (ids.length === 0) return rates;
  const rows = await exec
    .selectDistinctOn([supplierFeeRate.supplierOrgId], { supplierOrgId: supplierFeeRate.supplierOrgId, rateBp: supplierFeeRate.rateBp })
    .from(supplierFeeRate)
    .where(and(inArray(supplierFeeRate.supplierOrgId, ids), lte(supplierFeeRate.fromDate, day)))
    .orderBy(supplierFeeRate.supplierOrgId, desc(supplierFeeRate.fromDate));
  for (const r of rows) rates.set(r.supplierOrgId, r.rateBp);
  return rates;
}
