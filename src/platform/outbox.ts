import { newId } from './ids.ts';
import type { Executor } from './db.ts';
import type { AnyCtx } from './context.ts';
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
  const id = newId();
  await tx.insert(outboxEvent).values({ id, orgId: event.orgId, type: event.type, payload: event.payload, createdAt: ctx.now });
  return id;
}
