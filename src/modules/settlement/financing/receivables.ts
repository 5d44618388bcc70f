import { sql } from 'drizzle-orm';
import { chinaDate } from '../../../platform/china-date.ts';
import { type Executor, queryRows } from '../../../platform/db.ts';
import { product } from '../../catalog/index.ts';
import { claim } from '../../claims/index.ts';
import { accountId, accountRef, ledgerTransfer } from '../../ledger/index.ts';
import { orderLine, orderReturn, partsOrder } from '../../orders/index.ts';
import { financingItem, payoutItem, statement, statementLine } from '../tables.ts';
import { expectedPayDate } from './terms.ts';

// With what a supplier's clerk tells the lines apart by: the part, its order and claim.
export type Receivable = {
  orderLineId: string;
  statementId: string;
  statementNo: string;
  faceFen: bigint;
  expectedPayDate: string;
  productName: string;
  qty: number;
  orderNo: string;
  claimNo: string | null;
};

export const MAX_RECEIVABLES = 500;

// What a supplier may borrow against (可融资应收): each order line the shop accepted and the insurer
// approved (its sale is on a statement the insurer confirmed), with what the platform still owes the
// supplier for it (its goods net of VAT and their VAT, less the platform's fee: the line's
// transfers on the supplier's payable), none of it paid out, the line not financed already and not
// being sent back (a return after acceptance, unless refused).
// `only` narrows it to some lines (a request's). At most MAX_RECEIVABLES, oldest statement first.
export async function financeableReceivables(exec: Executor, supplierOrgId: string, only?: readonly string[]): Promise<Receivable[]> {
  const account = accountId(accountRef('supplier_payable', supplierOrgId));
  const t = ledgerTransfer;
  const rows = await queryRows<{
    line: string;
    statement_id: string;
    statement_no: string;
    issued_at: string;
    face: string;
    product_name: string;
    qty: number;
    order_no: string;
    claim_no: string | null;
  }>(
    exec,
    sql`select ${t.orderLineId} as line, ${statement.id} as statement_id, ${statement.statementNo} as statement_no, ${statement.issuedAt} as issued_at,
        ${product.name} as product_name, ${orderLine.qty} as qty, ${partsOrder.orderNo} as order_no, ${claim.claimNo} as claim_no,
        sum(case when ${t.creditAccountId} = ${account}::uuid then ${t.amountFen} else -${t.amountFen} end)::text as face
      from ${t}
      join ${statementLine} on ${statementLine.orderLineId} = ${t.orderLineId} and ${statementLine.kind} = 'sale'
      join ${statement} on ${statement.id} = ${statementLine.statementId} and ${statement.status} = 'confirmed'
      join ${orderLine} on ${orderLine.id} = ${t.orderLineId}
      join ${partsOrder} on ${partsOrder.id} = ${orderLine.orderId}
      join ${product} on ${product.id} = ${orderLine.productId}
      left join ${claim} on ${claim.id} = ${partsOrder.claimId}
      where (${t.creditAccountId} = ${account}::uuid or ${t.debitAccountId} = ${account}::uuid)
        and ${t.phase} in ('single', 'post') and ${t.code} in ('consignment_sold', 'purchase_vat', 'supplier_fee')
        ${only ? sql`and ${t.orderLineId} = any(${sql.param([...only])}::uuid[])` : sql``}
        and not exists (select 1 from ${payoutItem} where ${payoutItem.transferId} = ${t.id})
        and not exists (select 1 from ${financingItem} where ${financingItem.orderLineId} = ${t.orderLineId})
        -- A line the shop is sending back after acceptance is not lent against: its sale may be undone.
        and not exists (select 1 from ${orderReturn} where ${orderReturn.orderLineId} = ${t.orderLineId} and ${orderReturn.status} <> 'refused')
      group by 1, 2, 3, 4, 5, 6, 7, 8
      having sum(case when ${t.creditAccountId} = ${account}::uuid then ${t.amountFen} else -${t.amountFen} end) > 0
      order by 4, 1
      limit ${MAX_RECEIVABLES}`,
  );
  return rows.map((r) => ({
    orderLineId: r.line,
    statementId: r.statement_id,
    statementNo: r.statement_no,
    faceFen: BigInt(r.face),
    expectedPayDate: expectedPayDate(chinaDate(new Date(r.issued_at))),
    productName: r.product_name,
    qty: r.qty,
    orderNo: r.order_no,
    claimNo: r.claim_no,
  }));
}
