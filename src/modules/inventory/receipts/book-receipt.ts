import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { listPrices } from '../../catalog/index.ts';
import { type BoughtLine, expectPosted, goodsBought, netCostOf, postTransfers, valueIn } from '../../ledger/index.ts';

export type ReceivedLine = { productId: string; qty: number; price?: { unitFen: bigint; vatFen: bigint } };

// The books' side of goods the operator bought outright arriving (not consignment, not a
// supplier's own warehouse): the platform owes the supplier from now, and the goods join its
// inventory at cost (ledger/rules/purchases.ts, ledger/valuation.ts). At the purchase order's
// price; a receipt outside any purchase order at the supplier's lowest offer for the product, what
// the operator would have paid it. Last in the receipt, so the ledger's locks are held shortest.
export async function bookReceipt(tx: Tx, ctx: Ctx, receipt: { id: string; supplierOrgId: string; purchaseOrderId: string | null }, lines: readonly ReceivedLine[]): Promise<void> {
  const unpriced = lines.filter((l) => l.price === undefined).map((l) => l.productId);
  const offered = await listPrices(tx, unpriced, chinaDate(ctx.now));
  const bought: BoughtLine[] = [];
  lines.forEach((l, lineIndex) => {
    const price = l.price ?? offered.get(l.productId);
    // A product no supplier offers any more has no price to value it by: it comes in at no cost.
    if (!price) return;
    bought.push({ receiptId: receipt.id, lineIndex, purchaseOrderId: receipt.purchaseOrderId, supplierOrgId: receipt.supplierOrgId, productId: l.productId, qty: l.qty, ...price });
  });
  await valueIn(
    tx,
    bought.map((b) => ({ productId: b.productId, qty: b.qty, valueFen: netCostOf(b) })),
  );
  const posted = await postTransfers(tx, goodsBought(bought), ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}
