import { sql } from 'drizzle-orm';
import { stmt, type Stmt } from '../../platform/stmt.ts';
import { bulkInsert } from '../../platform/bulk-insert.ts';
import { executePrepared, type Tx } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { moveDeltas, quantKey, sumDeltas, type MoveFacts, type QuantDelta } from './quant-math.ts';
import { stockMove, stockQuant, type MoveKind } from './tables.ts';

export type NewMove = MoveFacts & {
  kind: MoveKind;
  pendingId?: string | null;
  documentId?: string | null;
  orderLineId?: string | null;
};

// A move batch is one command's worth (a receipt, an order's reservations); the cap keeps one
// statement's parameters well inside PostgreSQL's limit.
export const MAX_MOVES_PER_BATCH = 2000;

// The only writer of stock: inserts the moves and changes the quants they touch, in the caller's
// transaction, in one statement whatever the batch size (two when it creates quants). The
// table's checks refuse a negative quantity or a reservation beyond what is on hand: callers
// decide with locked quants first (reserve.ts), and a mistake there fails here rather than
// overselling. Returns the moves' ids in input order.
export async function applyMoves(tx: Tx, moves: readonly NewMove[], at: Date): Promise<string[]> {
  if (moves.length === 0) return [];
  const rows = moveRows(moves, at);
  const insertMoves = bulkInsert(stockMove, rows);
  const deltas = quantDeltas(moves);
  if (deltas.length === 0) await executePrepared(tx, insertMoves);
  else await changeQuants(tx, deltas, insertMoves);
  return rows.map((r) => r.id);
}

// The same writes as statements for the caller's single write (writeTogether), one round trip
// fewer on the order path, for moves whose quants all exist and are already locked by this
// transaction (loadSourcingWorld with `lock`, in key order): nothing is created and no lock is
// taken out of order. The table's checks still refuse an oversell. Returns the moves' ids in input
// order and the two writes.
export function movesOnLockedQuants(moves: readonly NewMove[], at: Date): { ids: string[]; writes: Stmt[] } {
  if (moves.length === 0) return { ids: [], writes: [] };
  const rows = moveRows(moves, at);
  const deltas = quantDeltas(moves);
  const column = <K extends keyof QuantDelta>(key: K) => deltas.map((d) => d[key]);
  const update = stmt`update stock_quant q set on_hand = q.on_hand + d.on_hand, reserved = q.reserved + d.reserved
      from unnest(${column('productId')}::uuid[], ${column('locationId')}::uuid[], ${column('lotId')}::uuid[], ${column('ownerOrgId')}::uuid[], ${column('onHand')}::int[], ${column('reserved')}::int[])
        as d (product_id, location_id, lot_id, owner_org_id, on_hand, reserved)
      where (q.product_id, q.location_id, q.lot_id, q.owner_org_id) = (d.product_id, d.location_id, d.lot_id, d.owner_org_id)`;
  return { ids: rows.map((r) => r.id), writes: [bulkInsert(stockMove, rows), ...(deltas.length > 0 ? [update] : [])] };
}

function moveRows(moves: readonly NewMove[], at: Date) {
  if (moves.length > MAX_MOVES_PER_BATCH) throw new Error(`applyMoves: ${moves.length} moves exceed the batch cap of ${MAX_MOVES_PER_BATCH}`);
  for (const m of moves) {
    if (!Number.isInteger(m.qty) || m.qty <= 0) throw new Error(`applyMoves: quantity must be a positive integer, got ${m.qty}`);
    if ((m.phase === 'post' || m.phase === 'void') !== Boolean(m.pendingId)) throw new Error('applyMoves: post and void moves, and only they, name a pending move');
  }
  return moves.map((m) => ({
    id: newId(),
    phase: m.phase,
    pendingId: m.pendingId ?? null,
    kind: m.kind,
    productId: m.productId,
    lotId: m.lotId,
    ownerOrgId: m.ownerOrgId,
    qty: m.qty,
    fromLocationId: m.fromLocationId,
    toLocationId: m.toLocationId,
    documentId: m.documentId ?? null,
    orderLineId: m.orderLineId ?? null,
    at,
  }));
}

// The quants' changes, summed per quant, in key order.
function quantDeltas(moves: readonly NewMove[]): QuantDelta[] {
  return [...sumDeltas(moves.flatMap(moveDeltas)).values()].sort((a, b) => (quantKey(a) < quantKey(b) ? -1 : 1));
}

// Writes the moves and adds the deltas to existing quants in one statement, locking the quants
// first in key order (so two batches touching the same quants cannot deadlock), then creates the
// quants that did not exist. Creating is a second step because PostgreSQL checks an INSERT's row
// before it looks for a conflict: an upsert of a delta such as "reserve 2" (on hand 0, reserved 2)
// would fail the check even when the quant exists.
async function changeQuants(tx: Tx, deltas: readonly QuantDelta[], insertMoves: Stmt): Promise<void> {
  const column = <K extends keyof QuantDelta>(key: K) => deltas.map((d) => d[key]);
  const updated = await executePrepared<{ product_id: string; location_id: string; lot_id: string; owner_org_id: string }>(
    tx,
    stmt`with m as (${insertMoves}),
      d as (
        select * from unnest(${column('productId')}::uuid[], ${column('locationId')}::uuid[], ${column('lotId')}::uuid[], ${column('ownerOrgId')}::uuid[], ${column('onHand')}::int[], ${column('reserved')}::int[])
          as d (product_id, location_id, lot_id, owner_org_id, on_hand, reserved)
      ),
      locked as materialized (
        select q.product_id, q.location_id, q.lot_id, q.owner_org_id from stock_quant q
        join d using (product_id, location_id, lot_id, owner_org_id)
        order by q.product_id, q.location_id, q.lot_id, q.owner_org_id
        for update of q
      )
      update stock_quant q set on_hand = q.on_hand + d.on_hand, reserved = q.reserved + d.reserved
      from d join locked using (product_id, location_id, lot_id, owner_org_id)
      where (q.product_id, q.location_id, q.lot_id, q.owner_org_id) = (d.product_id, d.location_id, d.lot_id, d.owner_org_id)
      returning q.product_id, q.location_id, q.lot_id, q.owner_org_id`,
  );
  if (updated.length === deltas.length) return;
  const done = new Set(updated.map((u) => quantKey({ productId: u.product_id, locationId: u.location_id, lotId: u.lot_id, ownerOrgId: u.owner_org_id })));
  const fresh = deltas.filter((d) => !done.has(quantKey(d)));
  // New quants (a first receipt of a lot, goods arriving in transit). Two receipts may create the
  // same quant at once: the second then adds to the first's.
  await tx
    .insert(stockQuant)
    .values(fresh)
    .onConflictDoUpdate({
      target: [stockQuant.productId, stockQuant.locationId, stockQuant.lotId, stockQuant.ownerOrgId],
      set: { onHand: sql`${stockQuant.onHand} + excluded.on_hand`, reserved: sql`${stockQuant.reserved} + excluded.reserved` },
    });
}
