import { bulkInsert } from './bulk-insert.ts';
import type { Ctx } from './context.ts';
import type { Stmt } from './stmt.ts';
import { auditEvent, outboxEvent } from './tables.ts';

// A command's audit rows and outbox events wait in its context (recordAudits, emitEvents) until its
// last write, which sends them with whatever else it writes: one statement for all of them, not one
// per call. runCommand starts the collection and sends it with the writes the command left for the
// end (finished.ts) and the Idempotency-Key's answer.

export function startDeferred(ctx: Ctx): void {
  ctx.deferred = { audits: [], events: [] };
}

// What waits, as statements for writeTogether (none when nothing does); the collection is emptied.
export function takeDeferred(ctx: Ctx): Stmt[] {
  const d = ctx.deferred;
  if (!d) return [];
  const writes = [...(d.audits.length > 0 ? [bulkInsert(auditEvent, d.audits)] : []), ...(d.events.length > 0 ? [bulkInsert(outboxEvent, d.events)] : [])];
  d.audits = [];
  d.events = [];
  return writes;
}
