import { describe, expect, it } from 'vitest';
import { type ReturnLine, returnsToRelease } from './returns-to-release.ts';

const at = (day: number) => new Date(Date.UTC(2026, 11, day));
const r = (id: string, day: number, totalFen: bigint): ReturnLine => ({ orderLineId: id, postedAt: at(day), totalFen });

describe('the returns a resolved dispute carries to the next statement', () => {
  const returns = [r('a', 1, 100n), r('b', 3, 50n), r('c', 2, 70n)];
  it.each([
    // total after credits, returns on the statement, released (newest first, as few as needed)
    [0n, returns, []],
    [500n, returns, []],
    [-1n, returns, ['b']],
    [-50n, returns, ['b']],
    [-51n, returns, ['b', 'c']],
    [-120n, returns, ['b', 'c']],
    [-121n, returns, ['b', 'c', 'a']],
    [-220n, returns, ['b', 'c', 'a']],
    [-10n, [], []],
    // the same moment: the later line id first, so the choice does not depend on the read's order
    [-1n, [r('x', 1, 5n), r('y', 1, 5n)], ['y']],
  ])('total %s', (total, lines, released) => {
    expect(returnsToRelease(total, lines).map((x) => x.orderLineId)).toEqual(released);
  });
});
