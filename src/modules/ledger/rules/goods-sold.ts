import { derivedId } from '../../../platform/ids.ts';
import { accountRef } from '../account-id.ts';
import { feeOf } from '../fee-rates.ts';
import type { TransferDraft } from '../post-transfers.ts';

// What the platform owes, or what it gave up, for the goods of a line the shop accepted (the sale):
// - goods the supplier owned (consignment in a platform warehouse, or drop-shipped from the
//   supplier's own stock): the supplier is owed the line's price for them, net of VAT
//   (consignment_sold) and its VAT (purchase_vat), less the platform's fee on the net
//   (supplier_fee, at the supplier's rate on the day of the sale);
// - goods the platform had bought outright: their average cost leaves its inventory (stock_sold);
//   the supplier was owed for them when they were received.
// A line's units may have come from both (lots of different owners): each part takes its share of
// the line's amounts by quantity, the last part the remainder, so the shares add up to the fen.

export type SoldPart = { ownedBySupplier: boolean; qty: number; costFen: bigint };

export type SoldLine = {
  orderId: string;
  orderLineId: string;
  claimId: string | null;
  supplierOrgId: string;
  qty: number;
  amountFen: bigint;
  vatFen: bigint;
  // The supplier's rate on the day of the sale, basis points (fee-rates.ts).
  feeBp: number;
  parts: readonly SoldPart[];
};

export function goodsSold(l: SoldLine): TransferDraft[] {
  const partsQty = l.parts.reduce((n, p) => n + p.qty, 0);
  if (partsQty !== l.qty) throw new Error(`goodsSold: line ${l.orderLineId} has ${l.qty} units, its goods ${partsQty}`);
  const supplierQty = l.parts.filter((p) => p.ownedBySupplier).reduce((n, p) => n + p.qty, 0);
  const ownCost = l.parts.filter((p) => !p.ownedBySupplier).reduce((n, p) => n + p.costFen, 0n);
  const links = { orderId: l.orderId, orderLineId: l.orderLineId, claimId: l.claimId, partnerOrgId: l.supplierOrgId };
  const id = (code: string) => derivedId('ledger_transfer', l.orderLineId, code, 'sold');
  const payable = accountRef('supplier_payable', l.supplierOrgId);
  const costOfSales = accountRef('cost_of_sales', null, l.supplierOrgId);
  const drafts: TransferDraft[] = [];

  if (supplierQty > 0) {
    // The supplier's share of the line: all of it, or its units' share with the remainder when the
    // platform's own units are the rest (shareOf keeps the two parts adding up).
    const gross = shareOf(l.amountFen, supplierQty, l.qty);
    const vat = shareOf(l.vatFen, supplierQty, l.qty);
    const net = gross - vat;
    const fee = feeOf(net, l.feeBp);
    if (net > 0n) drafts.push({ ...links, id: id('consignment_sold'), phase: 'single', code: 'consignment_sold', debit: costOfSales, credit: payable, amountFen: net });
    if (vat > 0n) drafts.push({ ...links, id: id('purchase_vat'), phase: 'single', code: 'purchase_vat', debit: accountRef('vat_input', null, l.supplierOrgId), credit: payable, amountFen: vat });
    if (fee > 0n) drafts.push({ ...links, id: id('supplier_fee'), phase: 'single', code: 'supplier_fee', debit: payable, credit: accountRef('fee_revenue', null, l.supplierOrgId), amountFen: fee });
  }
  if (ownCost > 0n) drafts.push({ ...links, id: id('stock_sold'), phase: 'single', code: 'stock_sold', debit: costOfSales, credit: accountRef('platform_inventory', null), amountFen: ownCost });
  // One chain: the fee is taken from what the same chain credits.
  drafts.forEach((d, i) => {
    d.linked = i < drafts.length - 1;
  });
  return drafts;
}

// The part of an amount that `qty` of `total` units take: rounded down, except that the whole
// amount goes to a part that is the whole line.
export function shareOf(amountFen: bigint, qty: number, total: number): bigint {
  if (qty === total) return amountFen;
  return (amountFen * BigInt(qty)) / BigInt(total);
}
