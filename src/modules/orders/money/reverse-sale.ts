import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import type { LineGoods } from '../../inventory/index.ts';
import { expectPosted, ownCostReturned, postTransfers, saleReturned, saleTransfersOf, valueIn } from '../../ledger/index.ts';

// A line accepted and sent back after acceptance (售后退货), its goods received at the warehouse:
// its sale is reversed in the ledger (ledger/rules/sale-returned.ts), and the platform's own units
// among the goods come back into its stock valuation at the cost they left at, so that valuation
// and inventory account stay one figure (a scrap after this takes them out again as a loss).
export async function reverseSale(tx: Tx, ctx: Ctx, ret: { id: string; orderLineId: string; supplierOrgId: string }, goods: readonly LineGoods[]): Promise<void> {
  const transfers = await saleTransfersOf(tx, ret.orderLineId);
  if (transfers.length === 0) return; // a line sold before the ledger existed
  const own = goods.filter((g) => g.ownerOrgId !== ret.supplierOrgId);
  const cost = ownCostReturned(transfers);
  if (own.length > 0 && cost > 0n) {
    const qty = own.reduce((n, g) => n + g.qty, 0);
    // One product per line: its units and their cost, back in.
    await valueIn(tx, [{ productId: own[0]!.productId, qty, valueFen: cost }]);
  }
  const posted = await postTransfers(tx, saleReturned({ returnId: ret.id, orderLineId: ret.orderLineId, transfers }), ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}
