import { virtualLocations, type LineSource, type NewMove } from '../../inventory/index.ts';

// The reservations of the lines planned ready now (stock or drop-ship): a pending move per lot
// taken, from where it lies to the customer, posted when the goods ship and voided on cancel.
// `owner[i]` is the index of the line move i reserves for.
export function reservationMoves(lines: readonly { productId: string; orderLineId: string }[], sources: readonly LineSource[]): { moves: NewMove[]; owner: number[] } {
  const moves: NewMove[] = [];
  const owner: number[] = [];
  sources.forEach((s, i) => {
    if (s.kind !== 'stock' && s.kind !== 'drop_ship') return;
    const line = lines[i]!;
    for (const a of s.allocations) {
      moves.push({
        phase: 'pending',
        kind: 'order',
        productId: line.productId,
        lotId: a.lotId,
        ownerOrgId: a.ownerOrgId,
        qty: a.qty,
        fromLocationId: a.locationId,
        toLocationId: virtualLocations.customer.id,
        orderLineId: line.orderLineId,
      });
      owner.push(i);
    }
  });
  return { moves, owner };
}
