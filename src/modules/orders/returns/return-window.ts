import { addDays, chinaDate } from '../../../platform/china-date.ts';

// How long after signing for a line the shop may still send it back (售后退货期): a fault found
// while fitting shows within days; a month covers a car waiting for its other parts.
export const RETURN_WINDOW_DAYS = 30;

// When the window of a line signed for at `receivedAt` closes: at the end of the thirtieth day
// after the day of the receipt, China time (the next midnight there, UTC+8 all year). Before that
// instant a return may be opened (open-return.ts checks it), and the order line says it
// (OrderLineDto.returnableUntil), so that the console tells the shop the same.
export function returnWindowCloses(receivedAt: Date): Date {
  return new Date(`${addDays(chinaDate(receivedAt), RETURN_WINDOW_DAYS + 1)}T00:00:00+08:00`);
}

// Until when a line may be sent back: for a line signed for and accepted (not installed, not
// returned, not rejected at the door), when its window closes, which may have passed; null for any
// other line. A return already opened for it still answers `return_exists` (open-return.ts).
export function returnableUntil(line: { status: string; receivedAt: Date | null }): Date | null {
  return line.status === 'accepted' && line.receivedAt ? returnWindowCloses(line.receivedAt) : null;
}
