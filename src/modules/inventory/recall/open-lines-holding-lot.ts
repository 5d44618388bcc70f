import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../platform/db.ts';

// More open lines than this holding one lot is far beyond any warehouse's day (a lot's stock is a
// few receipts); a recall meeting more is refused whole rather than handing over part of them.
export const MAX_OPEN_LINES_PER_RECALL = 5_000;

// The order lines that still hold units of a lot: reserved or picked, i.e. with a reservation
// (a pending order move) of that lot that was neither posted (shipped) nor voided (cancelled or
// re-sourced). These are what a recall must re-source. Lines that shipped hold nothing: their
// units are the shops' now and are told of by event. In line id order (UUIDv7: oldest order first),
// so re-sourcing serves the oldest orders first and always locks in the same order.
//
// Returns at most MAX_OPEN_LINES_PER_RECALL + 1 ids, so the caller can tell "too many".
export async function openLinesHoldingLot(exec: Executor, lotId: string): Promise<string[]> {
  const rows = await queryRows<{ order_line_id: string }>(
    exec,
    sql`select distinct m.order_line_id
        from stock_move m
        left join stock_move r on r.pending_id = m.id
        where m.lot_id = ${lotId}::uuid and m.kind = 'order' and m.phase = 'pending'
          and m.order_line_id is not null and r.id is null
        order by m.order_line_id
        limit ${MAX_OPEN_LINES_PER_RECALL + 1}`,
  );
  return rows.map((r) => r.order_line_id);
}
