import type { Stmt } from './stmt.ts';
import { bulkInsert } from './bulk-insert.ts';
import { newId } from './ids.ts';
import { executePrepared, type Executor } from './db.ts';
import type { AnyCtx, Ctx } from './context.ts';
import { auditEvent } from './tables.ts';

export type AuditEntry = {
  // The organisation that owns the object; it may read the entry (the platform reads all).
  orgId: string | null;
  objectType: string;
  objectId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  data?: Record<string, unknown>;
};

// Writes one audit row with the caller's identity and request id. Call it with the transaction
// that makes the change, so the change and its record commit or vanish together.
export async function recordAudit(tx: Executor, ctx: AnyCtx, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, ctx, [entry]);
}

// Several entries in one statement, for commands that change many objects at once. In a command
// run by runCommand the rows wait for the command's last write (context.ts, DeferredWrites).
export async function recordAudits(tx: Executor, ctx: AnyCtx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const deferred = ctx.actor ? (ctx as Ctx).deferred : undefined;
  if (deferred) deferred.audits.push(...auditRows(ctx, entries));
  else await executePrepared(tx, auditInsert(ctx, entries));
}

// The insert itself, not yet sent: for writeTogether, which sends it with the change it records.
export function auditInsert(ctx: AnyCtx, entries: readonly AuditEntry[]): Stmt {
  if (entries.length === 0) throw new Error('auditInsert: no entries');
  return bulkInsert(auditEvent, auditRows(ctx, entries));
}

function auditRows(ctx: AnyCtx, entries: readonly AuditEntry[]) {
  return entries.map((entry) => ({
    id: newId(),
    orgId: entry.orgId,
    objectType: entry.objectType,
    objectId: entry.objectId,
    action: entry.action,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    actorUserId: ctx.actor?.userId ?? null,
    actorApiKeyId: ctx.actor?.apiKeyId ?? null,
    actorOrgId: ctx.actor?.orgId ?? null,
    requestId: ctx.requestId,
    data: entry.data ?? null,
    at: ctx.now,
  }));
}
