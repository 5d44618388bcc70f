import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bare, stmt, type Stmt } from '../../platform/stmt.ts';
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
  const update = stmt`update ${q} set ${bare(q.onHand)} = ${q.onHand} + ${d.onHand}, ${bare(q.reserved)} = ${q.reserved} + ${d.reserved}
      from ${deltasTable(deltas)}
      where (${KEY}) = (${D_KEY})`;
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

// The statements' names for the quants and the deltas: the deltas are a table `d` of the quants'
// shape (one row per quant changed, on_hand and reserved the amounts to add), so drizzle's alias()
// lends it stock_quant's columns, and the statements spell no column name tsc cannot check. The row
// keys the code reads are given with `as`, so that they stay the same if a column is renamed.
const q = stockQuant;
const d = alias(stockQuant, 'd');
const KEY = stmt`${q.productId}, ${q.locationId}, ${q.lotId}, ${q.ownerOrgId}`;
const KEY_AS = stmt`${q.productId} as product_id, ${q.locationId} as location_id, ${q.lotId} as lot_id, ${q.ownerOrgId} as owner_org_id`;
const KEY_NAMES = stmt`${bare(q.productId)}, ${bare(q.locationId)}, ${bare(q.lotId)}, ${bare(q.ownerOrgId)}`;
const D_KEY = stmt`${d.productId}, ${d.locationId}, ${d.lotId}, ${d.ownerOrgId}`;

// The deltas as the table `d`, one array parameter per column.
function deltasTable(deltas: readonly QuantDelta[]): Stmt {
  const column = <K extends keyof QuantDelta>(key: K) => deltas.map((delta) => delta[key]);
  return stmt`unnest(${column('productId')}::uuid[], ${column('locationId')}::uuid[], ${column('lotId')}::uuid[], ${column('ownerOrgId')}::uuid[], ${column('onHand')}::int[], ${column('reserved')}::int[])
    as ${d} (${KEY_NAMES}, ${bare(q.onHand)}, ${bare(q.reserved)})`;
}

// Writes the moves and adds the deltas to existing quants in one statement, locking the quants
// first in key order (so two batches touching the same quants cannot deadlock), then creates the
// quants that did not exist. Creating is a second step because PostgreSQL checks an INSERT's row
// before it looks for a conflict: an upsert of a delta such as "reserve 2" (on hand 0, reserved 2)
// would fail the check even when the quant exists.
async function changeQuants(tx: Tx, deltas: readonly QuantDelta[], insertMoves: Stmt): Promise<void> {
  const updated = await executePrepared<{ product_id: string; location_id: string; lot_id: string; owner_org_id: string }>(tx, changeQuantsStmt(deltas, insertMoves));
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

// changeQuants's statement (exported for the test that prepares every named statement).
export function changeQuantsStmt(deltas: readonly QuantDelta[], insertMoves: Stmt): Stmt {
  return stmt`with m as (${insertMoves}),
    ${d} as (select * from ${deltasTable(deltas)}),
    locked as materialized (
      select ${KEY} from ${q}
      join ${d} using (${KEY_NAMES})
      order by ${KEY}
      for update of ${q}
    )
    update ${q} set ${bare(q.onHand)} = ${q.onHand} + ${d.onHand}, ${bare(q.reserved)} = ${q.reserved} + ${d.reserved}
    from ${d} join locked using (${KEY_NAMES})
    where (${KEY}) = (${D_KEY})
    returning ${KEY_AS}`;
}
