import { inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { settlementTerms } from '../tables.ts';
import { ANNUAL_RATE_BP } from './terms.ts';

// The annual rates advances are priced at, per funder: the platform's (null) is the stated rate; a
// funder organisation's is the one its settlement terms carry, else the platform's.
export async function funderRates(exec: Executor, funderOrgIds: readonly string[]): Promise<Map<string | null, number>> {
  const rates = new Map<string | null, number>([[null, ANNUAL_RATE_BP]]);
  for (const id of funderOrgIds) rates.set(id, ANNUAL_RATE_BP);
  if (funderOrgIds.length === 0) return rates;
  const rows = await exec
    .select({ orgId: settlementTerms.orgId, rate: settlementTerms.financingRateBp })
    .from(settlementTerms)
    .where(inArray(settlementTerms.orgId, [...funderOrgIds]));
  for (const r of rows) if (r.rate !== null) rates.set(r.orgId, r.rate);
  return rates;
}

export async function funderRate(exec: Executor, funderOrgId: string | null): Promise<number> {
  return (await funderRates(exec, funderOrgId === null ? [] : [funderOrgId])).get(funderOrgId)!;
}
