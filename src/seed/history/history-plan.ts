import { chinaDate } from '../../platform/china-date.ts';
import type { DemoClaim } from '../claims/demo-claims.ts';

// What the demo's history holds (demo-history.ts tells it): which months, and each month's claims.
// Pure, so that a test can say what a start on a given day makes.

// The demo warehouses' first stock arrives on 8 September 2026 (seed/stock/demo-warehouses.ts):
// no history before that month.
const FIRST_MONTH = '2026-09';
const MONTHS = 3;

// The three calendar months before the current one (China time), the first not before September 2026.
export function historyMonths(now: Date): string[] {
  const today = chinaDate(now);
  const months: string[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  for (let i = 0; i < MONTHS; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month >= FIRST_MONTH) months.unshift(month);
  }
  return months;
}

export type HistoryClaim = DemoClaim & { filedOn: string };

// Each month: two PICC claims at the Shanghai and Hangzhou shops, two CPIC claims at the Guangzhou
// and Chengdu shops, filed on the 10th and the 22nd, each taken to the shop's receipt. Their cars
// are other demo models than today's claims (demo-claims.ts uses the first eight), so they take
// other parts from the shelves. In the second month a receiver rejects a line at the door.
const SHOPS = [
  { insurer: 'picc', prefix: 'RDAA', shop: 'sh-anda', region: '310115', plate: '沪A·K' },
  { insurer: 'picc', prefix: 'RDAA', shop: 'hz-shunjie', region: '330106', plate: '浙B·H' },
  { insurer: 'cpic', prefix: 'APIC', shop: 'gz-junchi', region: '440106', plate: '粤A·M' },
  { insurer: 'cpic', prefix: 'APIC', shop: 'cd-chengxin', region: '510107', plate: '川A·Q' },
] as const;

export function historyClaims(months: readonly string[]): HistoryClaim[] {
  return months.flatMap((month) => {
    const [y, m] = month.split('-') as [string, string];
    const index = (Number(y) - 2026) * 12 + Number(m);
    return SHOPS.map((s, i) => {
      const serial = `${m}${String(i + 1).padStart(4, '0')}`;
      return {
        insurer: s.insurer,
        claimNo: `${s.prefix}${y}${s.region}${serial}`,
        model: 10 + ((index * 4 + i) % 30),
        shop: s.shop,
        plate: `${s.plate}${String((index * 37 + i * 1301) % 10000).padStart(4, '0')}`,
        accidentDaysAgo: 2,
        parts: 3,
        rejectLines: index % 3 === 1 && i === 0 ? 1 : 0,
        until: 'received',
        filedOn: `${month}-${i < 2 ? (i === 0 ? '10' : '22') : i === 2 ? '12' : '24'}`,
      } satisfies HistoryClaim;
    });
  });
}
