import { inArray } from 'drizzle-orm';
import { recordAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { transition, type OrderLineEvent, type OrderLineStatus } from './lifecycle.ts';
import { orderLine } from './tables.ts';

export type LockedLine = typeof orderLine.$inferSelect;

// Moves some order lines, already locked by the caller, by one event: asks the transition table
// for each, refuses the whole step (409 naming the first line and its state) if any line may not
// take it, then writes the new states and one audit row per line. `extra` lands on the lines (a
// cancel reason) and in the audit rows.
export async function applyLineEvent(
  tx: Tx,
  ctx: Ctx,
  input: { orgId: string; lines: readonly LockedLine[]; event: OrderLineEvent; set?: Partial<typeof orderLine.$inferInsert>; detail?: Record<string, unknown> },
): Promise<{ id: string; from: OrderLineStatus; to: OrderLineStatus }[]> {
  const steps = input.lines.map((line) => {
    const step = transition(line.status, input.event);
    if (!step.ok) throw new AppError('invalid_state', { what: 'order_line', state: line.status, line: line.lineNo, event: input.event });
    return { id: line.id, from: line.status, to: step.to };
  });
  if (steps.length === 0) return [];
  // All lines of one step reach the same state (the table maps an event from a state to one state,
  // and lines in different states may still share the target, e.g. reserved/picked → cancelled).
  const to = new Set(steps.map((s) => s.to));
  if (to.size !== 1) throw new Error(`applyLineEvent: ${input.event} leads to several states`);
  await tx
    .update(orderLine)
    .set({ ...input.set, status: steps[0]!.to, updatedAt: ctx.now })
    .where(
      inArray(
        orderLine.id,
        steps.map((s) => s.id),
      ),
    );
  await recordAudits(
    tx,
    ctx,
    steps.map((s) => ({
      orgId: input.orgId,
      objectType: 'order_line',
      objectId: s.id,
      action: input.event,
      fromState: s.from,
      toState: s.to,
      data: input.detail,
    })),
  );
  return steps;
}
