-- A keyed request inserts its key row and, in the same transaction, writes the answer into it: with
-- room left on each page the new row version stays on the same page (a HOT update, no index
-- entries to add), which matters on the busiest path, placing orders.
ALTER TABLE "idempotency_key" SET (fillfactor = 50);
