import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { AnyCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { bare, stmt, type Stmt } from '../../platform/stmt.ts';
import { claimNotFound, claimReadScope } from './access.ts';
import { toClaimDto, type ClaimDto } from './dto.ts';
import { emitToClaimParties } from './events.ts';
import { transition, type ClaimEvent, type ClaimStatus } from './lifecycle.ts';
import { claim } from './tables.ts';

export type ClaimEventResult = { claim: ClaimDto; from: ClaimStatus; to: ClaimStatus };

// Moves a claim by one event: locks its row (so two concurrent moves run one after the other and
// the second sees the first's state), asks the transition table, writes the new state, an audit
// row (from → to) and the `claim.<to>` event, all in the caller's transaction. The caller has
// checked that its actor may take this step; a caller acting for someone still only reaches claims
// that someone can see, and the system (a worker, no actor) reaches all. An event the table refuses
// is a 409 naming the current state, and nothing changes.
export async function applyClaimEvent(
  tx: Tx,
  ctx: AnyCtx,
  claimId: string,
  event: ClaimEvent,
  // Extra facts for the audit row and the event, e.g. the assessment version a supplement added.
  detail: Record<string, unknown> = {},
): Promise<ClaimEventResult> {
  const scope = ctx.actor ? claimReadScope(ctx.actor) : undefined;
  const [row] = await tx
    .select()
    .from(claim)
    .where(and(scope, eq(claim.id, claimId)))
    .for('update');
  if (!row) throw claimNotFound();
  const to = stepOf(row, event);
  const [after] = await tx.update(claim).set({ status: to, updatedAt: ctx.now }).where(eq(claim.id, claimId)).returning();
  return recordMove(tx, ctx, row, after!, event, detail);
}

// The same move on a claim the caller already holds locked (lockAssessmentWithClaim), with the
// write left for the caller's last round trip: the statement is returned, the audit row and the
// events wait with the command's others (runCommand). For placing an order, whose every round trip
// counts.
export async function claimEventWrite(tx: Tx, ctx: AnyCtx, locked: ClaimRow, event: ClaimEvent, detail: Record<string, unknown> = {}): Promise<Stmt> {
  const to = stepOf(locked, event);
  await recordMove(tx, ctx, locked, { ...locked, status: to, updatedAt: ctx.now }, event, detail);
  return stmt`update ${claim} set ${bare(claim.status)} = ${to}, ${bare(claim.updatedAt)} = ${ctx.now.toISOString()}::timestamptz where ${claim.id} = ${locked.id}::uuid`;
}

type ClaimRow = typeof claim.$inferSelect;

function stepOf(row: ClaimRow, event: ClaimEvent): ClaimStatus {
  const step = transition(row.status, event);
  if (!step.ok) throw new AppError('invalid_state', { what: 'claim', state: row.status, event });
  return step.to;
}

async function recordMove(tx: Tx, ctx: AnyCtx, row: ClaimRow, after: ClaimRow, event: ClaimEvent, detail: Record<string, unknown>): Promise<ClaimEventResult> {
  const dto = toClaimDto(after);
  await recordAudit(tx, ctx, {
    orgId: row.insurerOrgId,
    objectType: 'claim',
    objectId: row.id,
    action: event,
    fromState: row.status,
    toState: after.status,
    data: Object.keys(detail).length > 0 ? detail : undefined,
  });
  await emitToClaimParties(tx, ctx, row, `claim.${after.status}`, { claim: dto, event, from: row.status, to: after.status, ...detail });
  return { claim: dto, from: row.status, to: after.status };
}
