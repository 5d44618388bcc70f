import { derivedId } from '../../../platform/ids.ts';
import { accountRef, type TransferDraft } from '../../ledger/index.ts';

// A funder's advance in the ledger (资金方放款). The funder pays the supplier face − fee from its own
// bank, so no money of the platform's moves and the discount is the funder's, kept off the
// platform's books. What the ledger records is that each financed line's receivable now belongs to
// the funder: per line, a pending `financing_assigned` of the line's face (financing_advanced of
// the supplier debited, the funder's payable credited). Its three ends:
//   - the insurer pays the line (repay-financing.ts): `financing_repaid` takes the face from the
//     supplier's payable as for the platform's own advances, and the assignment posts, so the
//     platform owes the funder the face and the payout run pays it;
//   - the funder writes the advance off (defaulted): the lines not repaid yet are voided, the
//     funder bears them and the platform owes it nothing;
//   - a written-off line the insurer pays after all: its money is still the funder's (the
//     receivable was assigned to it), so the assignment is posted anew as a single transfer of its
//     own id, balancing the repayment on financing_advanced.
// So financing_advanced of a funder's advance is never posted on its own: it only carries the
// assignment while pending, and is back to zero once each line is repaid. Pure: drafts only.

export type AssignedLine = { requestId: string; orderLineId: string; statementId: string; faceFen: bigint; supplierOrgId: string; funderOrgId: string };

const assignedId = (l: AssignedLine, ...tail: string[]) => derivedId('ledger_transfer', l.requestId, l.orderLineId, 'financing_assigned', ...tail);

function base(l: AssignedLine) {
  return {
    code: 'financing_assigned' as const,
    debit: accountRef('financing_advanced', null, l.supplierOrgId),
    credit: accountRef('funder_payable', l.funderOrgId),
    financingId: l.requestId,
    orderLineId: l.orderLineId,
    statementId: l.statementId,
    partnerOrgId: l.supplierOrgId,
  };
}

// At funding: the line's receivable assigned to the funder, pending until the insurer pays it.
export function assignmentPending(l: AssignedLine): TransferDraft {
  return { ...base(l), id: assignedId(l), phase: 'pending', amountFen: l.faceFen };
}

// Written off by the funder: the line's assignment released.
export function assignmentVoided(l: AssignedLine): TransferDraft {
  return { ...base(l), id: assignedId(l, 'void'), phase: 'void', pendingId: assignedId(l) };
}

// The insurer paid the line: the platform owes the funder its face. `writtenOff`: the pending was
// voided when the funder wrote the advance off, so the assignment posts as a transfer of its own.
export function assignmentSettled(l: AssignedLine, writtenOff: boolean): TransferDraft {
  return writtenOff ? { ...base(l), id: assignedId(l, 'late'), phase: 'single', amountFen: l.faceFen } : { ...base(l), id: assignedId(l, 'post'), phase: 'post', pendingId: assignedId(l) };
}
