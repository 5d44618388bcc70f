// Offers, certificates and claims are dated by the calendar day in China, which keeps China
// Standard Time (UTC+8) all year without daylight saving: "today" is the UTC instant moved by eight
// hours. One function, so every module agrees on when a day starts.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

// A calendar day (YYYY-MM-DD) some days later; days are whole, so UTC arithmetic is exact.
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
