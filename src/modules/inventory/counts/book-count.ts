import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { averageCosts, expectPosted, postTransfers, type StockChange, stockChanges, valueIn, valueOut } from '../../ledger/index.ts';
import type { CountDto } from './schemas.ts';

// The books' side of a count: the operator's own goods (bought outright) lost leave the platform's
// inventory at their average cost; found ones come back at it. Consigned goods are the supplier's
// and post nothing. Last in the count, so the ledger's locks are held shortest.
export async function bookCount(tx: Tx, ctx: Ctx, countId: string, operatorOrgId: string, adjustments: CountDto['adjustments']): Promise<void> {
  const own = adjustments.filter((a) => a.ownerOrgId === operatorOrgId);
  if (own.length === 0) return;
  const losses = own.filter((a) => a.direction === 'loss');
  const found = own.filter((a) => a.direction === 'surplus');
  const lossCosts = await valueOut(tx, losses);
  const averages = await averageCosts(
    tx,
    found.map((f) => f.productId),
  );
  const foundValues = found.map((f) => (averages.get(f.productId) ?? 0n) * BigInt(f.qty));
  await valueIn(
    tx,
    found.flatMap((f, i) => (foundValues[i]! > 0n ? [{ productId: f.productId, qty: f.qty, valueFen: foundValues[i]! }] : [])),
  );
  const changes: StockChange[] = [
    ...losses.map((a, i): StockChange => ({ documentId: countId, index: own.indexOf(a), productId: a.productId, valueFen: lossCosts[i]!, direction: 'loss' })),
    ...found.map((a, i): StockChange => ({ documentId: countId, index: own.indexOf(a), productId: a.productId, valueFen: foundValues[i]!, direction: 'found' })),
  ];
  const posted = await postTransfers(tx, stockChanges(changes), ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}
