// What an advance on chosen receivables comes to, as the server prices it when the request is
// made (settlement/financing/terms.ts and request-financing.ts), so the supplier sees face, fee and
// advance before submitting: the fee runs from today (China) to the latest expected payment day of
// the lines chosen, at least one day; fee = face × annual rate × days ÷ 365, rounded half up to the
// fen; advance = face − fee. In bigint, as the server does, so the figure shown is the one charged.

export type Quote = { faceFen: number; feeFen: number; advanceFen: number; days: number; payDay: string };

const DAY_MS = 86_400_000;

// Days from one China day to another (YYYY-MM-DD), at least one.
export function feeDays(fromDay: string, payDay: string): number {
  const d = Math.round((Date.parse(`${payDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
  return Math.max(1, d);
}

export function discountFeeFen(faceFen: number, annualRateBp: number, days: number): number {
  const numerator = BigInt(faceFen) * BigInt(annualRateBp) * BigInt(days);
  const denominator = 10_000n * 365n;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

// The quote for the lines chosen, or undefined when none is.
export function quoteAdvance(items: readonly { faceFen: number; expectedPayDate: string }[], today: string, annualRateBp: number): Quote | undefined {
  if (items.length === 0) return undefined;
  const faceFen = items.reduce((a, r) => a + r.faceFen, 0);
  const payDay = items
    .map((r) => r.expectedPayDate)
    .sort()
    .at(-1)!;
  const days = feeDays(today, payDay);
  const feeFen = discountFeeFen(faceFen, annualRateBp, days);
  return { faceFen, feeFen, advanceFen: faceFen - feeFen, days, payDay };
}

// An advance is overdue once its expected payment day has passed unpaid: the daily job marks it
// (status overdue), and until it runs a funded one past its day is shown as overdue too.
export function isOverdue(r: { status: string; expectedPayDate: string }, today: string): boolean {
  return r.status === 'overdue' || (r.status === 'funded' && r.expectedPayDate < today);
}
