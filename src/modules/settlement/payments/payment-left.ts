import { sql } from 'drizzle-orm';
import { payment } from '../tables.ts';

// What is left of a payment: neither matched to a statement nor held for a refund (asked or sent).
// The one rule for a match (allocate-payment.ts), a refund (refunds/request-refund.ts) and the
// lists (list-payments.ts); the database's payment_money_ck holds it too.
export function leftOf(p: { amountFen: bigint; allocatedFen: bigint; refundedFen: bigint }): bigint {
  return p.amountFen - p.allocatedFen - p.refundedFen;
}

// What of a payment is spent, as SQL: `spent < amount` is a payment with something left.
export const spentSql = sql`(${payment.allocatedFen} + ${payment.refundedFen})`;
