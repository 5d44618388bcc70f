import { and, eq, inArray } from 'drizzle-orm';
import type { Grade } from '../../catalog/index.ts';
import type { Executor } from '../../../platform/db.ts';
import { fenToJson } from '../../../platform/money.ts';
import { lineSaving, shopHandlingFeeFen, totalSaving, type LineSaving, type ProcurementPolicy } from '../rules/index.ts';
import { quote, quoteLine, type QuoteLineApproval } from '../tables.ts';

// The approved figures of a line and the sums over a version or a whole claim, all from the
// rules' lineSaving/totalSaving so the arithmetic lives in one place.

export const APPROVED_STATES: readonly QuoteLineApproval[] = ['auto_approved', 'approved', 'corrected'];

// A claim has at most 20 assessment versions of at most 200 lines each.
const MAX_CLAIM_LINES = 20 * 200;

export type ApprovedValues = {
  approvedUnitFen: bigint;
  approvedAmountFen: bigint;
  approvedVatFen: bigint;
  savingFen: bigint;
  savingBp: number;
  handlingFeeFen: bigint;
};

// The columns an approval writes. A line without an OE reference (free text) is measured against
// its own amount: no reference, so no saving is claimed for it, and it does not distort the
// claim's percentage either way. A line approved without a grade (a price cap on a line no offer
// filled) carries no handling fee, since the policy grants fees per grade.
export function approvedValues(policy: ProcurementPolicy, input: { quantity: number; oeReferenceFen: bigint | null; unitFen: bigint; grade: Grade | null }): ApprovedValues {
  const s = lineSaving({ oeReferenceFen: input.oeReferenceFen ?? input.unitFen, approvedUnitFen: input.unitFen, quantity: input.quantity });
  return {
    approvedUnitFen: input.unitFen,
    approvedAmountFen: s.amountFen,
    approvedVatFen: s.vatFen,
    savingFen: s.savingFen,
    savingBp: s.savingBp,
    handlingFeeFen: input.grade === null ? 0n : shopHandlingFeeFen(policy, input.grade, s.amountFen),
  };
}

export type ApprovedRow = {
  approval: QuoteLineApproval;
  approvedAmountFen: bigint | null;
  approvedVatFen: bigint | null;
  savingFen: bigint | null;
  handlingFeeFen: bigint | null;
};

export type Totals = LineSaving & { handlingFeeFen: bigint };

// The saving of a stored approved line; the reference is the amount plus the saving, exactly as
// lineSaving made them. Lines not approved (pending, sent back) count for nothing.
function savingOfRow(row: ApprovedRow): (LineSaving & { handlingFeeFen: bigint }) | null {
  if (!APPROVED_STATES.includes(row.approval) || row.approvedAmountFen === null || row.approvedVatFen === null || row.savingFen === null) return null;
  return {
    amountFen: row.approvedAmountFen,
    vatFen: row.approvedVatFen,
    netFen: row.approvedAmountFen - row.approvedVatFen,
    referenceFen: row.approvedAmountFen + row.savingFen,
    savingFen: row.savingFen,
    savingBp: 0,
    handlingFeeFen: row.handlingFeeFen ?? 0n,
  };
}

export function approvedTotals(rows: readonly ApprovedRow[]): Totals {
  const lines = rows.flatMap((r) => {
    const s = savingOfRow(r);
    return s ? [s] : [];
  });
  return { ...totalSaving(lines), handlingFeeFen: lines.reduce((acc, l) => acc + l.handlingFeeFen, 0n) };
}

const approvedColumns = {
  approval: quoteLine.approval,
  approvedAmountFen: quoteLine.approvedAmountFen,
  approvedVatFen: quoteLine.approvedVatFen,
  savingFen: quoteLine.savingFen,
  handlingFeeFen: quoteLine.handlingFeeFen,
};

// Every approved line of every quoted version of a claim.
export async function claimApprovedRows(exec: Executor, claimId: string): Promise<ApprovedRow[]> {
  return exec
    .select(approvedColumns)
    .from(quoteLine)
    .innerJoin(quote, eq(quote.id, quoteLine.quoteId))
    .where(and(eq(quote.claimId, claimId), inArray(quoteLine.approval, [...APPROVED_STATES])))
    .limit(MAX_CLAIM_LINES);
}

// Totals as JSON numbers, for audit rows and event payloads.
export function totalsJson(t: Totals): Record<string, number> {
  return {
    amountFen: fenToJson(t.amountFen),
    vatFen: fenToJson(t.vatFen),
    referenceFen: fenToJson(t.referenceFen),
    savingFen: fenToJson(t.savingFen),
    savingBp: t.savingBp,
    handlingFeeFen: fenToJson(t.handlingFeeFen),
  };
}
