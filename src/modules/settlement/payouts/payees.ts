import type { AccountCode, TransferCode } from '../../ledger/index.ts';
import type { PayeeKind, PayoutCycle } from '../tables.ts';

// A payee's terms (settlement_terms): paid T+N days after the sale, on the days of its cycle
// (every day, Mondays, or the first of the month).
export type Terms = { payoutDays: number; payoutCycle: PayoutCycle };
// The terms of a payee with none set, unless its kind has its own below.
export const DEFAULT_TERMS: Terms = { payoutDays: 30, payoutCycle: 'daily' };

// Each kind of payee: the payable it is paid from, the ledger code of the payment (the run and the
// bank's answer both), and its terms when the platform set none. The one table the run, the
// payment, the bank's answer and the terms read all take these from.
export const payees = {
  supplier: { code: 'supplier_payable', transfer: 'payout', terms: DEFAULT_TERMS },
  repair_shop: { code: 'handling_fee_payable', transfer: 'handling_fee_payout', terms: DEFAULT_TERMS },
  // A funder is paid the day the insurer's money comes in (T+0, daily): what the platform owes it
  // is money the funder already advanced to the supplier, merely passing through the platform's
  // bank, so holding it for a supplier's thirty days would be the platform borrowing the funder's
  // money for free. The platform's finance team may still set other terms for one.
  funder: { code: 'funder_payable', transfer: 'funder_payout', terms: { payoutDays: 0, payoutCycle: 'daily' } },
} as const satisfies Record<PayeeKind, { code: AccountCode; transfer: TransferCode; terms: Terms }>;

const kinds = Object.keys(payees) as PayeeKind[];

// The payables the run pays, and the codes that pay them (never items of a payout themselves).
export const payableCodes: AccountCode[] = kinds.map((k) => payees[k].code);
export const payoutCodes: TransferCode[] = kinds.map((k) => payees[k].transfer);
// As SQL text: constants of the code, never input.
export const payoutCodeList = payoutCodes.map((c) => `'${c}'`).join(', ');

export function payeeKindOf(code: AccountCode): PayeeKind {
  const kind = kinds.find((k) => payees[k].code === code);
  if (!kind) throw new Error(`payouts: ${code} is not a payable`);
  return kind;
}

// The terms of an organisation with none set, by its kind (an organisation that is no payee reads
// the general default).
export function defaultTermsFor(kind: string): Terms {
  return kinds.includes(kind as PayeeKind) ? payees[kind as PayeeKind].terms : DEFAULT_TERMS;
}
