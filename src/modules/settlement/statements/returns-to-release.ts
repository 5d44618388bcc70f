export type ReturnLine = { orderLineId: string; postedAt: Date; totalFen: bigint };

// The returns to take off a statement whose total would be `total` (below zero when the credits
// outrun what its returns leave): the newest first, as few as bring it to zero or above.
export function returnsToRelease(total: bigint, returns: readonly ReturnLine[]): ReturnLine[] {
  const out: ReturnLine[] = [];
  let left = total;
  const newestFirst = [...returns].sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime() || (a.orderLineId < b.orderLineId ? 1 : -1));
  for (const r of newestFirst) {
    if (left >= 0n) break;
    out.push(r);
    left += r.totalFen;
  }
  return out;
}
