import { derivedId } from '../../../platform/ids.ts';
import { accountRef } from '../account-id.ts';
import type { TransferDraft } from '../post-transfers.ts';

// Goods the platform buys outright arrive at a warehouse (a receipt, against a purchase order or
// not): from then the platform owes the supplier for them, their cost net of VAT going into its
// inventory (stock_purchase) and the VAT into its input VAT (purchase_vat). Goods on consignment
// post nothing until they are sold (goods-sold.ts).

export type BoughtLine = {
  // The receipt and the line's place in it: together, the transfers' idempotency key.
  receiptId: string;
  lineIndex: number;
  purchaseOrderId: string | null;
  supplierOrgId: string;
  productId: string;
  qty: number;
  // The unit price paid, VAT included, and the VAT inside it.
  unitFen: bigint;
  vatFen: bigint;
};

export function netCostOf(l: Pick<BoughtLine, 'qty' | 'unitFen' | 'vatFen'>): bigint {
  return (l.unitFen - l.vatFen) * BigInt(l.qty);
}

export function goodsBought(lines: readonly BoughtLine[]): TransferDraft[] {
  return lines.flatMap((l) => {
    const links = { documentId: l.receiptId, purchaseOrderId: l.purchaseOrderId, partnerOrgId: l.supplierOrgId };
    const id = (code: string) => derivedId('ledger_transfer', l.receiptId, String(l.lineIndex), code);
    const payable = accountRef('supplier_payable', l.supplierOrgId);
    const net = netCostOf(l);
    const vat = l.vatFen * BigInt(l.qty);
    const drafts: TransferDraft[] = [];
    if (net > 0n) drafts.push({ ...links, id: id('stock_purchase'), phase: 'single', code: 'stock_purchase', debit: accountRef('platform_inventory', null), credit: payable, amountFen: net });
    if (vat > 0n) drafts.push({ ...links, id: id('purchase_vat'), phase: 'single', code: 'purchase_vat', debit: accountRef('vat_input', null, l.supplierOrgId), credit: payable, amountFen: vat });
    return drafts;
  });
}
