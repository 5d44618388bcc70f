import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { sendTransfer, type LineSource } from '../../inventory/index.ts';
import type { Stmt } from '../../../platform/stmt.ts';
import { purchaseOrderWrites, type RaiseInput, type RaiseLine } from '../../purchasing/index.ts';
import type { OrderPlan } from './plan.ts';

type Pick = { productId: string; lotId: string; ownerOrgId: string; qty: number };

// What brings the goods for an order's backordered lines, written in the order's transaction: one
// transfer per (source, destination) warehouse pair, sent now with the lots the planner chose on the
// locked stock; one purchase order per (supplier, warehouse), sent to the supplier at once at the
// agreed offer's price, one line per product. Returns, per order line, the document it waits on
// (null for lines reserved now), and the purchase orders' writes for the order's own single write.
export async function sourceBackorders(
  tx: Tx,
  ctx: Ctx,
  input: { plan: OrderPlan; sources: readonly LineSource[]; lineIds: readonly string[]; note: string },
): Promise<{ documents: (string | null)[]; writes: Stmt[] }> {
  const { plan, sources } = input;
  const documents: (string | null)[] = sources.map(() => null);
  const today = chinaDate(ctx.now);

  const transfers = new Map<string, { indexes: number[]; picks: Map<string, Pick>; source: Extract<LineSource, { kind: 'transfer' }> }>();
  const purchases = new Map<string, { indexes: number[]; lines: Map<string, RaiseLine>; expectedDate: string; source: Extract<LineSource, { kind: 'purchase' }>; supplierOrgId: string }>();
  sources.forEach((s, i) => {
    const line = plan.lines[i]!;
    if (s.kind === 'transfer') {
      const key = `${s.from.warehouseId}|${s.ship.warehouseId}`;
      const group = transfers.get(key) ?? { indexes: [] as number[], picks: new Map<string, Pick>(), source: s };
      group.indexes.push(i);
      for (const a of s.allocations) {
        const pickKey = `${line.productId}|${a.lotId}|${a.ownerOrgId}`;
        const seen = group.picks.get(pickKey);
        if (seen) seen.qty += a.qty;
        else group.picks.set(pickKey, { productId: line.productId, lotId: a.lotId, ownerOrgId: a.ownerOrgId, qty: a.qty });
      }
      transfers.set(key, group);
    } else if (s.kind === 'purchase') {
      if (!line.purchase) throw new Error('sourceBackorders: a purchase planned for a line that cannot be bought');
      const key = `${line.supplierOrgId}|${s.ship.warehouseId}`;
      // The goods are due at the warehouse after the lead time and the inbound haul.
      const due = addDays(today, s.leadTimeDays + s.inboundDays);
      const group = purchases.get(key) ?? { indexes: [] as number[], lines: new Map<string, RaiseLine>(), expectedDate: due, source: s, supplierOrgId: line.supplierOrgId };
      group.indexes.push(i);
      if (due > group.expectedDate) group.expectedDate = due;
      const seen = group.lines.get(line.productId);
      if (seen) seen.qty += line.qty;
      else group.lines.set(line.productId, { productId: line.productId, offerId: line.purchase.offerId, qty: line.qty, unitFen: line.purchase.unitFen });
      purchases.set(key, group);
    }
  });

  for (const group of transfers.values()) {
    const { from, ship } = group.source;
    const allocations = group.source.allocations;
    if (allocations.length === 0) throw new Error('sourceBackorders: a transfer with no lots');
    const row = await sendTransfer(tx, ctx, {
      // The quants the planner took are at the source warehouse's stock location.
      from: { id: from.warehouseId, code: from.code, operatorOrgId: from.operatorOrgId, stockLocationId: allocations[0]!.locationId },
      to: { id: ship.warehouseId, code: ship.code, operatorOrgId: ship.operatorOrgId },
      picks: [...group.picks.values()],
      note: input.note,
    });
    for (const i of group.indexes) documents[i] = row.id;
  }
  const groups = [...purchases.values()];
  const { raised, writes } = purchaseOrderWrites(
    ctx,
    groups.map(
      (group): RaiseInput => ({
        supplierOrgId: group.supplierOrgId,
        warehouseId: group.source.ship.warehouseId,
        operatorOrgId: group.source.ship.operatorOrgId,
        origin: 'backorder',
        consignment: false,
        send: true,
        expectedDate: group.expectedDate,
        note: input.note,
        lines: [...group.lines.values()],
      }),
    ),
  );
  groups.forEach((group, g) => {
    for (const i of group.indexes) documents[i] = raised[g]!.id;
  });
  return { documents, writes };
}
