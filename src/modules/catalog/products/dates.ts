import type { FieldError } from '../../../platform/errors.ts';

// Offers and certificates are valid on calendar days in China.
export { addDays, chinaDate } from '../../../platform/china-date.ts';

// Validity ranges include both ends. ISO dates (YYYY-MM-DD) compare correctly as strings, so the
// end may equal the start (a one-day range) but not precede it. A missing end is open-ended.
export function dateOrderErrors(from: string | null, to: string | null, toPath: string): FieldError[] {
  if (from === null || to === null || to >= from) return [];
  return [{ path: toPath, in: 'body', code: 'date_order', params: { from, to } }];
}
