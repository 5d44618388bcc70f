import type { Grade } from '../../catalog/index.ts';
import { savingBp, vatOfGross } from '../../../platform/money.ts';
import type { ProcurementPolicy } from './policy.ts';
import { formatYuan, type Reason } from './reasons.ts';

export type ApprovalFacts = { lineAmountFen: bigint; claimPartsTotalFen: bigint; overGuide: boolean };
export type ApprovalDecision = { required: boolean; reasons: Reason[] };

// Whether a line needs a price checker (核价员) or is approved automatically. Thresholds are
// "above which": an amount exactly at the threshold is still approved automatically. Every
// threshold that is crossed is named, not only the first; a line approved automatically says so,
// so the record shows it was not overlooked.
export function needsHumanApproval(policy: ProcurementPolicy, facts: ApprovalFacts): ApprovalDecision {
  const { lineAmountAboveFen, claimPartsTotalAboveFen, overGuide } = policy.approval;
  const reasons: Reason[] = [];
  if (lineAmountAboveFen !== null && facts.lineAmountFen > lineAmountAboveFen) {
    reasons.push({ code: 'approval_line_amount', params: { amountYuan: formatYuan(facts.lineAmountFen), thresholdYuan: formatYuan(lineAmountAboveFen) } });
  }
  if (claimPartsTotalAboveFen !== null && facts.claimPartsTotalFen > claimPartsTotalAboveFen) {
    reasons.push({
      code: 'approval_claim_total',
      params: { amountYuan: formatYuan(facts.claimPartsTotalFen), thresholdYuan: formatYuan(claimPartsTotalAboveFen) },
    });
  }
  if (overGuide && facts.overGuide) reasons.push({ code: 'approval_over_guide', params: {} });
  if (reasons.length === 0) return { required: false, reasons: [{ code: 'auto_approved', params: {} }] };
  return { required: true, reasons };
}

export type LineSaving = {
  // The approved line amount, VAT included, and its split.
  amountFen: bigint;
  vatFen: bigint;
  netFen: bigint;
  // The OE reference for the same quantity, VAT included.
  referenceFen: bigint;
  // Negative when the approved amount is above the reference.
  savingFen: bigint;
  // The saving in basis points of the reference, rounded half away from zero; 0 with no reference.
  savingBp: number;
};

// The saving of an approved line against the OE reference. Both amounts are unit price ×
// quantity, VAT included; the VAT is split once from the line amount (not per unit and then
// multiplied), which is how the line is invoiced.
export function lineSaving(input: { oeReferenceFen: bigint; approvedUnitFen: bigint; quantity: number }): LineSaving {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new Error(`lineSaving: quantity must be a positive integer, got ${input.quantity}`);
  const quantity = BigInt(input.quantity);
  const amountFen = input.approvedUnitFen * quantity;
  const referenceFen = input.oeReferenceFen * quantity;
  const vatFen = vatOfGross(amountFen);
  const savingFen = referenceFen - amountFen;
  return { amountFen, vatFen, netFen: amountFen - vatFen, referenceFen, savingFen, savingBp: savingBp(savingFen, referenceFen) };
}

// A claim's saving: the sum of its lines, with the percentage taken from the totals (not an
// average of line percentages, which would weigh a cheap clip like a bumper).
export function totalSaving(lines: readonly LineSaving[]): LineSaving {
  const sum = (pick: (l: LineSaving) => bigint) => lines.reduce((acc, l) => acc + pick(l), 0n);
  const amountFen = sum((l) => l.amountFen);
  const vatFen = sum((l) => l.vatFen);
  const referenceFen = sum((l) => l.referenceFen);
  const savingFen = referenceFen - amountFen;
  return { amountFen, vatFen, netFen: amountFen - vatFen, referenceFen, savingFen, savingBp: savingBp(savingFen, referenceFen) };
}

// The shop's handling fee on an approved line, where the policy grants one for the grade: basis
// points of the line amount, rounded half up to the fen (the usual 四舍五入 of an invoice line).
export function shopHandlingFeeFen(policy: ProcurementPolicy, grade: Grade, amountFen: bigint): bigint {
  if (amountFen < 0n) throw new Error(`shopHandlingFeeFen: negative amount ${amountFen}`);
  const bp = policy.handlingFeeBp[grade];
  if (bp === undefined || bp === 0) return 0n;
  return (amountFen * BigInt(bp) * 2n + 10_000n) / 20_000n;
}
