import type { FieldError } from '../../../platform/errors.ts';

// Offers and certificates are valid on calendar days in China, which keeps China Standard Time
// (UTC+8) all year without daylight saving, so "today" is the UTC instant moved by eight hours.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

// Validity ranges include both ends. ISO dates (YYYY-MM-DD) compare correctly as strings, so the
// end may equal the start (a one-day range) but not precede it. A missing end is open-ended.
export function dateOrderErrors(from: string | null, to: string | null, toPath: string): FieldError[] {
  if (from === null || to === null || to >= from) return [];
  return [{ path: toPath, in: 'body', code: 'date_order', params: { from, to } }];
}
