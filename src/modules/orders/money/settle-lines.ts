import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { lineGoods } from '../../inventory/index.ts';
import { expectPosted, feeRatesOn, goodsSold, linesInBooks, postTransfers, salesResolved, valueOut, type SaleLine, type TransferDraft } from '../../ledger/index.ts';
import type { OrderRow } from '../access.ts';
import type { orderLine } from '../tables.ts';

type Line = typeof orderLine.$inferSelect;

// The ledger's side of an order line's outcome, in the transaction that moved it: accepted lines
// are a sale (what the payer owes posts; the supplier is owed for its goods, less the platform's
// fee, or the platform's own stock leaves at cost: ledger/rules/goods-sold.ts); rejected and
// cancelled lines release what the payer owed. Lines placed before the ledger existed have nothing
// pending and are left out. Called last in the command, so that the ledger's locks are held for
// as short a time as can be.
export async function settleLines(tx: Tx, ctx: Ctx, order: OrderRow, lines: readonly Line[], outcome: 'accepted' | 'released'): Promise<void> {
  if (lines.length === 0) return;
  const booked = await linesInBooks(
    tx,
    lines.map((l) => l.id),
  );
  const inBooks = lines.filter((l) => booked.has(l.id));
  if (inBooks.length === 0) return;
  const drafts: TransferDraft[] = salesResolved(
    inBooks.map((l) => saleLineOf(order, l)),
    outcome === 'accepted' ? 'post' : 'void',
  );
  if (outcome === 'accepted') drafts.push(...(await soldDrafts(tx, ctx, order, inBooks)));
  const posted = await postTransfers(tx, drafts, ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}

export function saleLineOf(order: Pick<OrderRow, 'id' | 'kind' | 'claimId' | 'payerOrgId' | 'buyerOrgId'>, l: Pick<Line, 'id' | 'amountFen' | 'vatFen' | 'handlingFeeFen'>): SaleLine {
  return {
    orderId: order.id,
    orderLineId: l.id,
    claimId: order.claimId,
    payerOrgId: order.payerOrgId,
    payerKind: order.kind === 'claim' ? 'insurer' : 'repair_shop',
    shopOrgId: order.buyerOrgId,
    amountFen: l.amountFen,
    vatFen: l.vatFen,
    handlingFeeFen: l.handlingFeeFen,
  };
}

// The supplier's side of each accepted line: whose goods went (inventory's posted reservations),
// the platform's own at their average cost, and the supplier's rate on the day.
async function soldDrafts(tx: Tx, ctx: Ctx, order: OrderRow, lines: readonly Line[]): Promise<TransferDraft[]> {
  const goods = await lineGoods(
    tx,
    lines.map((l) => l.id),
  );
  const rates = await feeRatesOn(
    tx,
    lines.map((l) => l.supplierOrgId),
    chinaDate(ctx.now),
  );
  const own = goods.filter((g) => g.ownerOrgId !== lines.find((l) => l.id === g.orderLineId)!.supplierOrgId);
  const costs = await valueOut(tx, own);
  return lines.flatMap((l) => {
    const parts = goods
      .filter((g) => g.orderLineId === l.id)
      .map((g) => {
        const owned = own.indexOf(g);
        return { ownedBySupplier: owned < 0, qty: g.qty, costFen: owned < 0 ? 0n : costs[owned]! };
      });
    return goodsSold({
      orderId: order.id,
      orderLineId: l.id,
      claimId: order.claimId,
      supplierOrgId: l.supplierOrgId,
      qty: l.qty,
      amountFen: l.amountFen,
      vatFen: l.vatFen,
      feeBp: rates.get(l.supplierOrgId)!,
      // A line that left no posted reservation (drop-shipped before moves named their line) was the
      // supplier's goods.
      parts: parts.length > 0 ? parts : [{ ownedBySupplier: true, qty: l.qty, costFen: 0n }],
    });
  });
}
