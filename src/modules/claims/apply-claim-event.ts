import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { AnyCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
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
  const [row] = await tx.select().from(claim).where(and(scope, eq(claim.id, claimId))).for('update');
  if (!row) throw claimNotFound();
  const step = transition(row.status, event);
  if (!step.ok) throw new AppError('invalid_state', { what: 'claim', state: row.status, event });

  const [after] = await tx.update(claim).set({ status: step.to, updatedAt: ctx.now }).where(eq(claim.id, claimId)).returning();
  const dto = toClaimDto(after!);
  await recordAudit(tx, ctx, {
    orgId: row.insurerOrgId,
    objectType: 'claim',
    objectId: claimId,
    action: event,
    fromState: row.status,
    toState: step.to,
    data: Object.keys(detail).length > 0 ? detail : undefined,
  });
  await emitToClaimParties(tx, ctx, row, `claim.${step.to}`, { claim: dto, event, from: row.status, to: step.to, ...detail });
  return { claim: dto, from: row.status, to: step.to };
}
