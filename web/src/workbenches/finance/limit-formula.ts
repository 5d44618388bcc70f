import type { FinancingLimit } from './api.ts';

// A supplier's financing limit, its formula spelled out with the supplier's own figures
// (settlement/financing/terms.ts, financingLimit): its last 90 days of sales × the share (50 %) ×
// its rating ÷ 100 (an unrated supplier counts as 60) × (1 − return rate) × (1 − dispute rate),
// rounded down to a hundred yuan. The return rate is lines rejected of lines received; the dispute
// rate lines credited of lines billed; a rate with nothing under it is nought.

// `permille` is tenths of a per cent, rounded: 25 is 2.5 %.
export type Rate = { bad: number; all: number; permille: number };

export type LimitFactors = {
  salesFen: number;
  sharePct: number;
  rating: number;
  rated: boolean;
  returns: Rate;
  disputes: Rate;
  // The product before it is rounded down to a hundred yuan, in fen.
  rawFen: number;
  limitFen: number;
};

const STEP_FEN = 10_000n;

function rate(bad: number, all: number): Rate {
  return { bad, all, permille: all <= 0 ? 0 : Math.round((Math.min(bad, all) * 1000) / all) };
}

export function limitFactors(l: FinancingLimit): LimitFactors {
  const rating = l.rating ?? l.formula.unratedAs;
  const kept = (bad: number, all: number): [bigint, bigint] => (all <= 0 ? [1n, 1n] : [BigInt(Math.max(0, all - bad)), BigInt(all)]);
  const [rn, rd] = kept(l.linesRejected, l.linesReceived);
  const [dn, dd] = kept(l.linesCredited, l.linesBilled);
  const raw = (BigInt(l.salesFen) * BigInt(l.formula.shareBp) * BigInt(rating) * rn * dn) / (10_000n * 100n * rd * dd);
  return {
    salesFen: l.salesFen,
    sharePct: l.formula.shareBp / 100,
    rating,
    rated: l.rating !== null,
    returns: rate(l.linesRejected, l.linesReceived),
    disputes: rate(l.linesCredited, l.linesBilled),
    rawFen: Number(raw),
    limitFen: Number((raw / STEP_FEN) * STEP_FEN),
  };
}

// 25 → "2.5%"; 0 → "0%".
export function permilleText(permille: number): string {
  return `${permille % 10 === 0 ? permille / 10 : (permille / 10).toFixed(1)}%`;
}
