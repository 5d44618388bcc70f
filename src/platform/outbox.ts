import type { Stmt } from './stmt.ts';
import { bulkInsert } from './bulk-insert.ts';
import { newId } from './ids.ts';
import { executePrepared, type Executor } from './db.ts';
import type { AnyCtx, Ctx } from './context.ts';
import { outboxEvent } from './tables.ts';

export type DomainEvent = {
  // The organisation the event is addressed to; its registered webhooks receive it.
  orgId: string;
  // Dotted, past tense: `user.created`, `claim.approved`.
  type: string;
  payload: Record<string, unknown>;
};

// Queues an event in the same transaction as the change it reports, so an event is sent if and
// only if the change committed (the transactional outbox). The worker delivers it later.
export async function emitEvent(tx: Executor, ctx: AnyCtx, event: DomainEvent): Promise<string> {
  const [id] = await emitEvents(tx, ctx, [event]);
  return id!;
}

// Several events in one statement (a quote that invites suppliers to several inquiries raises
// dozens); same guarantees as emitEvent.
// In a command run by runCommand the rows wait for the command's last write (context.ts,
// DeferredWrites).
export async function emitEvents(tx: Executor, ctx: AnyCtx, events: readonly DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = eventRows(ctx, events);
  const deferred = ctx.actor ? (ctx as Ctx).deferred : undefined;
  if (deferred) deferred.events.push(...rows);
  else await executePrepared(tx, bulkInsert(outboxEvent, rows));
  return rows.map((row) => row.id);
}

// The insert itself, not yet sent: for writeTogether, which sends it with the change it reports.
export function eventsInsert(ctx: AnyCtx, events: readonly DomainEvent[]): { insert: Stmt; ids: string[] } {
  if (events.length === 0) throw new Error('eventsInsert: no events');
  const rows = eventRows(ctx, events);
  return { insert: bulkInsert(outboxEvent, rows), ids: rows.map((row) => row.id) };
}

function eventRows(ctx: AnyCtx, events: readonly DomainEvent[]) {
  return events.map((event) => ({ id: newId(), orgId: event.orgId, type: event.type, payload: event.payload, createdAt: ctx.now }));
}
