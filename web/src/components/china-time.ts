// Dates are shown in China time whatever the browser's zone (a claim filed at 23:30 in Urumqi is
// still filed that day for the insurer's books).
const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

function parts(format: Intl.DateTimeFormat, value: string | Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(typeof value === 'string' ? new Date(value) : value)) out[p.type] = p.value;
  return out;
}

// 2026-12-05 14:03
export function chinaDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(dateTime, value);
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

// 2026-12-05 (a calendar date such as an accident date is already a China date: shown as is)
export function chinaDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(dateOnly, value);
  return `${p.year}-${p.month}-${p.day}`;
}

// Today's date in China, for forms' defaults and limits.
export function chinaToday(): string {
  return chinaDate(new Date());
}
