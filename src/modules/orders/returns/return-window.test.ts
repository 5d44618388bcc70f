import { describe, expect, it } from 'vitest';
import { returnableUntil, returnWindowCloses } from './return-window.ts';

describe('the return window', () => {
  it.each([
    // Signed for on 5 December, China time, at any hour: returnable through 4 January.
    ['2026-12-04T16:00:00.000Z', '2027-01-04T16:00:00.000Z'],
    ['2026-12-05T09:12:45.576Z', '2027-01-04T16:00:00.000Z'],
    ['2026-12-05T15:59:59.999Z', '2027-01-04T16:00:00.000Z'],
    // 6 December in China already.
    ['2026-12-05T16:00:00.000Z', '2027-01-05T16:00:00.000Z'],
    ['2028-01-30T02:00:00.000Z', '2028-02-29T16:00:00.000Z'],
  ])('a line signed for at %s may be sent back until %s', (receivedAt, closes) => {
    expect(returnWindowCloses(new Date(receivedAt)).toISOString()).toBe(closes);
  });

  it('is told only for a line signed for and accepted', () => {
    const receivedAt = new Date('2026-12-05T09:12:45.576Z');
    expect(returnableUntil({ status: 'accepted', receivedAt })?.toISOString()).toBe('2027-01-04T16:00:00.000Z');
    for (const status of ['delivered', 'rejected', 'installed', 'returned']) expect(returnableUntil({ status, receivedAt })).toBeNull();
    expect(returnableUntil({ status: 'accepted', receivedAt: null })).toBeNull();
  });
});
