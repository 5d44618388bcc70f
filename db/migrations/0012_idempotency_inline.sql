-- A stored answer (an order with its lines, say) is a few kilobytes of JSON: over PostgreSQL's
-- default 2 KB threshold it would be compressed on every keyed request, for rows that are read
-- back only on a retry. Keeping rows up to 8 KB inline and uncompressed saves that work.
ALTER TABLE "idempotency_key" SET (toast_tuple_target = 8160);
