import { addDays } from '../../../platform/china-date.ts';

// The stated rules of receivables financing, in one place.

// An insurer pays a confirmed statement within this many days of its issue: the expected payment
// day the fee runs to.
export const PAYER_PAYMENT_DAYS = 30;
// The platform's annual rate on advances, basis points (8 %); a funder organisation's own when the
// platform has set one in its terms (settlement terms), from 0.01 % to 24 % a year.
export const ANNUAL_RATE_BP = 800;
export const MAX_FUNDER_RATE_BP = 2400;
// Of a supplier's last 90 days of sales, at most this share may be advanced at once (before its
// rating and its return and dispute rates scale it down).
export const LIMIT_SHARE_BP = 5_000;
// A supplier not rated yet (fewer than a few lines received) is taken at this rating.
export const UNRATED = 60;
// Limits are whole hundreds of yuan.
export const LIMIT_STEP_FEN = 10_000n;

export function expectedPayDate(issuedDay: string): string {
  return addDays(issuedDay, PAYER_PAYMENT_DAYS);
}

// The discount fee: face × annual rate × days ÷ 365, rounded half up to the fen.
export function discountFee(faceFen: bigint, annualRateBp: number, days: number): bigint {
  const numerator = faceFen * BigInt(annualRateBp) * BigInt(days);
  const denominator = 10_000n * 365n;
  return (numerator * 2n + denominator) / (denominator * 2n);
}

// Days from the day an advance is priced to the expected payment day, at least one.
export function feeDays(fromDay: string, payDay: string): number {
  const d = Math.round((Date.parse(`${payDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000);
  return Math.max(1, d);
}

export type LimitInputs = { salesFen: bigint; rating: number | null; linesReceived: number; linesRejected: number; linesBilled: number; linesCredited: number };

// A supplier's limit, the stated formula: its last 90 days of sales × 50 % × rating/100 ×
// (1 − return rate) × (1 − dispute rate), rounded down to a hundred yuan. The return rate is lines
// rejected of lines received (at receipt, or sent back after acceptance: move-return.ts); the dispute rate lines credited on statements of lines billed.
export function financingLimit(i: LimitInputs): bigint {
  const ratingPct = BigInt(i.rating ?? UNRATED);
  const kept = (bad: number, all: number) => (all <= 0 ? [1n, 1n] : [BigInt(Math.max(0, all - bad)), BigInt(all)]);
  const [rn, rd] = kept(i.linesRejected, i.linesReceived);
  const [dn, dd] = kept(i.linesCredited, i.linesBilled);
  const raw = (i.salesFen * BigInt(LIMIT_SHARE_BP) * ratingPct * rn! * dn!) / (10_000n * 100n * rd! * dd!);
  return (raw / LIMIT_STEP_FEN) * LIMIT_STEP_FEN;
}
