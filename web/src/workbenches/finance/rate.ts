// Rates in basis points (300 = 3 %), as the API keeps a supplier's fee rate, read and typed as a
// per cent with at most two decimals (3.25 %), through integers only.

// 350 → "3.5%", 25 → "0.25%", 0 → "0%".
export function bpText(bp: number): string {
  const whole = Math.floor(Math.abs(bp) / 100);
  const cents = String(Math.abs(bp) % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${bp < 0 ? '-' : ''}${whole}${cents ? `.${cents}` : ''}%`;
}

// "3.5" (or "3.5%", or full-width "３.５") → 350; a third decimal, a sign, or no number → undefined.
export function parsePercent(text: string): number | undefined {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?%?$/.exec(text.normalize('NFKC').replace(/\s/g, ''));
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
