import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db.ts';
import { accountId, accountRef, ledgerTransfer } from '../../ledger/index.ts';
import { orderLine } from '../../orders/index.ts';
import { supplierRating, supplierRecord } from '../../ratings/index.ts';
import { financingRequest, statementLine } from '../tables.ts';
import { financingLimit, type LimitInputs } from './terms.ts';

export type SupplierLimit = LimitInputs & { limitFen: bigint; outstandingFen: bigint; availableFen: bigint };

// A supplier's financing limit today (terms.ts: the formula), from its history: its last 90 days
// of sales in the ledger (goods of its own sold through the platform, with their VAT), its rating and return rate from what shops found (ratings), its dispute
// rate from the statements; less what is advanced and not repaid, or asked for and not refused.
export async function supplierLimit(exec: Executor, supplierOrgId: string, now: Date): Promise<SupplierLimit> {
  const account = accountId(accountRef('supplier_payable', supplierOrgId));
  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString();
  const t = ledgerTransfer;
  const [sales] = await queryRows<{ fen: string }>(
    exec,
    sql`select coalesce(sum(${t.amountFen}), 0)::text as fen from ${t}
      where ${t.creditAccountId} = ${account}::uuid and ${t.code} in ('consignment_sold', 'purchase_vat') and ${t.orderLineId} is not null and ${t.at} >= ${since}::timestamptz`,
  );
  const [record] = await exec.select().from(supplierRecord).where(eq(supplierRecord.supplierOrgId, supplierOrgId));
  const [billing] = await queryRows<{ billed: number; credited: number }>(
    exec,
    sql`select count(*) filter (where ${statementLine.kind} = 'sale')::int as billed, count(*) filter (where ${statementLine.kind} = 'credit')::int as credited
      from ${statementLine} join ${orderLine} on ${orderLine.id} = ${statementLine.orderLineId}
      where ${orderLine.supplierOrgId} = ${supplierOrgId}`,
  );
  const [held] = await exec
    .select({ fen: sql<string>`coalesce(sum(${financingRequest.faceFen}), 0)::text` })
    .from(financingRequest)
    .where(and(eq(financingRequest.supplierOrgId, supplierOrgId), inArray(financingRequest.status, ['requested', 'approved', 'funded', 'overdue'])));
  const inputs: LimitInputs = {
    salesFen: BigInt(sales!.fen),
    rating: record ? supplierRating(record) : null,
    linesReceived: record?.linesReceived ?? 0,
    linesRejected: record?.linesRejected ?? 0,
    linesBilled: billing?.billed ?? 0,
    linesCredited: billing?.credited ?? 0,
  };
  const limitFen = financingLimit(inputs);
  const outstandingFen = BigInt(held!.fen);
  return { ...inputs, limitFen, outstandingFen, availableFen: limitFen > outstandingFen ? limitFen - outstandingFen : 0n };
}
