import type { z } from 'zod';

// A request that decides about order lines names each line once: naming one twice (packed twice,
// accepted and rejected at once) would apply two decisions to one line.
export function noRepeatedLines(lines: readonly { orderLineId: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.orderLineId)) ctx.addIssue({ code: 'custom', message: 'line_repeated', path: [i, 'orderLineId'] });
    seen.add(l.orderLineId);
  });
}
