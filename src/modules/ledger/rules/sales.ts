import { derivedId } from '../../../platform/ids.ts';
import { accountRef, type AccountRef } from '../account-id.ts';
import type { Phase } from '../create-transfers.ts';
import type { TransferDraft } from '../post-transfers.ts';
import type { TransferCode } from '../transfer-codes.ts';

// What the payer owes for an order line, as the ledger keeps it: the parts net of VAT (sale), their
// VAT (sale_vat), and on an insurer's claim order the shop's handling fee (handling_fee). Pending
// from the moment the order is placed, so that the payer's exposure and its credit limit count it;
// posted when the shop accepts the line, voided when the shop rejects it or it is cancelled.

export type SaleLine = {
  orderId: string;
  orderLineId: string;
  claimId: string | null;
  // Who pays: the insurer (a claim order) or the shop buying for itself.
  payerOrgId: string;
  payerKind: 'insurer' | 'repair_shop';
  // The shop that receives the parts (and the handling fee).
  shopOrgId: string;
  // The line's amount with VAT, the VAT inside it, and the shop's handling fee.
  amountFen: bigint;
  vatFen: bigint;
  handlingFeeFen: bigint;
};

type Leg = { code: TransferCode; debit: AccountRef; credit: AccountRef; amountFen: bigint };

// The receivable a payer owes on: an insurer's for its claims, a shop's for what it buys itself.
export function payerAccount(payerKind: SaleLine['payerKind'], payerOrgId: string): AccountRef {
  return accountRef(payerKind === 'insurer' ? 'insurer_receivable' : 'shop_receivable', payerOrgId);
}

// A line's legs, those with an amount: a line of a free part has none, a shop's own order no fee.
function legsOf(l: SaleLine): Leg[] {
  const payer = payerAccount(l.payerKind, l.payerOrgId);
  const legs: Leg[] = [
    { code: 'sale', debit: payer, credit: accountRef('sales_revenue', null, l.payerOrgId), amountFen: l.amountFen - l.vatFen },
    { code: 'sale_vat', debit: payer, credit: accountRef('vat_output', null, l.payerOrgId), amountFen: l.vatFen },
  ];
  if (l.payerKind === 'insurer') legs.push({ code: 'handling_fee', debit: payer, credit: accountRef('handling_fee_payable', l.shopOrgId), amountFen: l.handlingFeeFen });
  return legs.filter((g) => g.amountFen > 0n);
}

// The id of a line's leg in a phase: derived, so that posting the same line's legs again names
// the same transfers (and answers `exists`).
export function saleTransferId(orderLineId: string, code: TransferCode, phase: Phase): string {
  return derivedId('ledger_transfer', orderLineId, code, phase);
}

const linksOf = (l: SaleLine) => ({ orderId: l.orderId, orderLineId: l.orderLineId, claimId: l.claimId, partnerOrgId: l.payerOrgId });

// The order placed: every leg of every line pending, linked as one chain (an order past the payer's
// credit limit is refused whole).
export function salesPending(lines: readonly SaleLine[]): TransferDraft[] {
  const drafts = lines.flatMap((l) =>
    legsOf(l).map(
      (g): TransferDraft => ({
        ...linksOf(l),
        id: saleTransferId(l.orderLineId, g.code, 'pending'),
        phase: 'pending',
        code: g.code,
        debit: g.debit,
        credit: g.credit,
        amountFen: g.amountFen,
        linked: true,
      }),
    ),
  );
  if (drafts.length > 0) drafts[drafts.length - 1]!.linked = false;
  return drafts;
}

// The lines accepted (post) or rejected or cancelled (void): each pending leg resolved.
export function salesResolved(lines: readonly SaleLine[], phase: 'post' | 'void'): TransferDraft[] {
  return lines.flatMap((l) =>
    legsOf(l).map(
      (g): TransferDraft => ({
        ...linksOf(l),
        id: saleTransferId(l.orderLineId, g.code, phase),
        phase,
        code: g.code,
        debit: g.debit,
        credit: g.credit,
        pendingId: saleTransferId(l.orderLineId, g.code, 'pending'),
      }),
    ),
  );
}
