import type { Actor } from './access.ts';
import type { Locale } from './i18n.ts';
import type { auditEvent, outboxEvent } from './tables.ts';

// The audit rows and outbox events a command records, held until its last write: runCommand sends
// them with the Idempotency-Key's answer, in one statement (writeTogether), instead of one insert
// per call. Each row is complete when recorded (its id, its time, who acted).
export type DeferredWrites = { audits: (typeof auditEvent.$inferInsert)[]; events: (typeof outboxEvent.$inferInsert)[] };

// What every command and query receives besides its input: who acts, in which request, when.
// Commands read the clock from here so tests and replays can fix it.
export type Ctx = {
  actor: Actor;
  requestId: string;
  locale: Locale;
  now: Date;
  // Set by runCommand: where recordAudits and emitEvents put their rows until the command ends.
  deferred?: DeferredWrites;
};

// Work done by the system itself (seed, worker, CLI) rather than by a caller.
export type SystemCtx = {
  actor: null;
  requestId: string;
  now: Date;
};

export type AnyCtx = Ctx | SystemCtx;
