import { derivedId } from '../../../platform/ids.ts';
import type { AccountRef } from '../account-id.ts';
import type { TransferDraft } from '../post-transfers.ts';
import type { TransferCode } from '../transfer-codes.ts';

// A line the shop accepted and later sent back (售后退货), its goods back at the warehouse: every
// transfer its sale posted is reversed, whole, once (a reversing transfer of the same code, sides
// swapped, naming the one it undoes):
// - the payer's side: the parts, their VAT and the shop's handling fee come off its receivable (a
//   credit its next statement carries as a `return` line), less any credit note a dispute already
//   gave on the line, which is reversed too, so the payer is credited what it still paid for;
// - the supplier's side: goods it owned (consignment, drop-ship) are no longer sold, so what the
//   platform owed it for them and the fee it took are reversed (if it was paid out already, it now
//   owes the platform, which its next payouts net: create-transfers.ts, limitBreached); the
//   platform's own goods come back into its inventory at the cost they left at (stock_sold).
// A replacement is a new line, ordered and sold anew. Each reversal's id is derived from the return
// and the transfer, so a retried receipt answers `exists`.

export type LineTransfer = {
  id: string;
  code: TransferCode;
  debit: AccountRef;
  credit: AccountRef;
  amountFen: bigint;
  orderId: string | null;
  claimId: string | null;
  partnerOrgId: string | null;
};

// What a sale posted for a line, in the order its reversals go: the payer credited first (its
// receivable's limit is checked on debits, and the credit notes' reversals debit it), then the
// credit notes re-billed, then the supplier's side.
export const saleCodes = [
  'sale',
  'sale_vat',
  'handling_fee',
  'credit_note',
  'credit_note_vat',
  'consignment_sold',
  'purchase_vat',
  'supplier_fee',
  'stock_sold',
] as const satisfies readonly TransferCode[];

export function saleReturned(input: { returnId: string; orderLineId: string; transfers: readonly LineTransfer[] }): TransferDraft[] {
  const rank = (c: TransferCode) => (saleCodes as readonly TransferCode[]).indexOf(c);
  const drafts = [...input.transfers]
    .filter((t) => rank(t.code) >= 0)
    .sort((a, b) => rank(a.code) - rank(b.code) || (a.id < b.id ? -1 : 1))
    .map(
      (t): TransferDraft => ({
        id: derivedId('ledger_transfer', input.returnId, t.id, 'returned'),
        phase: 'single',
        code: t.code,
        debit: t.credit,
        credit: t.debit,
        amountFen: t.amountFen,
        reversesId: t.id,
        returnId: input.returnId,
        orderLineId: input.orderLineId,
        orderId: t.orderId,
        claimId: t.claimId,
        partnerOrgId: t.partnerOrgId,
        linked: true,
      }),
    );
  if (drafts.length > 0) drafts[drafts.length - 1]!.linked = false;
  return drafts;
}

// The platform's own goods' cost that came back into its inventory (the stock_sold reversed).
export function ownCostReturned(transfers: readonly LineTransfer[]): bigint {
  return transfers.filter((t) => t.code === 'stock_sold').reduce((n, t) => n + t.amountFen, 0n);
}
