import { z } from 'zod';
import { MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import { fenInput } from '../../../platform/money.ts';

// A price check decides at most every line of one version, which has at most 200.
export const MAX_DECISIONS = 200;

// One checker's decision on one quote line (核价):
// - accept: the chosen offer (or merged bid) at its price;
// - correct: another offer from the line's ranking (the checker may overrule an exclusion, which
//   the record then shows), and/or a unit price cap, which lowers the price paid and, on a line no
//   offer filled, fixes what the insurer pays for the part the shop sources;
// - send_back: not bought in this version, with the reason; the adjuster re-assesses it in a
//   supplement.
export const LineDecision = z
  .discriminatedUnion('action', [
    z.strictObject({ quoteLineId: z.uuid(), action: z.literal('accept') }),
    z
      .strictObject({
        quoteLineId: z.uuid(),
        action: z.literal('correct'),
        offerId: z.uuid().optional(),
        // A unit price, so at most the domain's bound for one (bounds.ts).
        priceCapFen: fenInput(MAX_UNIT_PRICE_FEN, 1).optional(),
      })
      .refine((d) => d.offerId !== undefined || d.priceCapFen !== undefined, { message: 'required', path: ['priceCapFen'] }),
    z.strictObject({ quoteLineId: z.uuid(), action: z.literal('send_back'), reason: z.string().trim().min(1).max(500) }),
  ])
  .meta({ id: 'LineDecisionInput' });
export type LineDecision = z.infer<typeof LineDecision>;

export const ApproveInput = z.strictObject({ lines: z.array(LineDecision).min(1).max(MAX_DECISIONS) }).meta({ id: 'ApproveQuoteInput' });
export type ApproveInput = z.infer<typeof ApproveInput>;
