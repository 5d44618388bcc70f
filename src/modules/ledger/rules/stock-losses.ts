import { derivedId } from '../../../platform/ids.ts';
import { accountRef } from '../account-id.ts';
import type { TransferDraft } from '../post-transfers.ts';

// The platform's own stock lost or found: a count's shortfall or a return scrapped moves the units'
// average cost from its inventory to its losses (stock_written_off); a count's surplus brings them
// back at the average cost (stock_found). Consigned goods lost are the supplier's loss, not the
// books': nothing posts for them.

export type StockChange = {
  // The count or the return, and the change's place in it: together, the idempotency key.
  documentId: string;
  index: number;
  productId: string;
  valueFen: bigint;
  direction: 'loss' | 'found';
  returnId?: string;
};

export function stockChanges(changes: readonly StockChange[]): TransferDraft[] {
  return changes
    .filter((c) => c.valueFen > 0n)
    .map((c) => {
      const inventory = accountRef('platform_inventory', null);
      const losses = accountRef('stock_loss', null);
      const loss = c.direction === 'loss';
      const code = loss ? 'stock_written_off' : 'stock_found';
      return {
        id: derivedId('ledger_transfer', c.documentId, String(c.index), code),
        phase: 'single',
        code,
        debit: loss ? losses : inventory,
        credit: loss ? inventory : losses,
        amountFen: c.valueFen,
        documentId: c.documentId,
        returnId: c.returnId ?? null,
      } satisfies TransferDraft;
    });
}
