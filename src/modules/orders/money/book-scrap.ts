import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import type { LineGoods } from '../../inventory/index.ts';
import { expectPosted, postTransfers, stockChanges, valueOut } from '../../ledger/index.ts';

// A returned line's goods scrapped: those the platform owned (bought outright; not the supplier's
// consignment or drop-ship) leave its inventory at their average cost, as a loss. They are in the
// books' stock: a rejected line's were never sold (its sale was voided), and a line returned after
// acceptance had them valued back in when its sale was reversed (reverse-sale.ts).
export async function bookScrap(tx: Tx, ctx: Ctx, ret: { id: string; supplierOrgId: string }, goods: readonly LineGoods[]): Promise<void> {
  const own = goods.filter((g) => g.ownerOrgId !== ret.supplierOrgId);
  if (own.length === 0) return;
  const costs = await valueOut(tx, own);
  const posted = await postTransfers(
    tx,
    stockChanges(own.map((g, index) => ({ documentId: ret.id, returnId: ret.id, index, productId: g.productId, valueFen: costs[index]!, direction: 'loss' as const }))),
    ctx.now,
  );
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}
