import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { lockManagedInquiry } from './access.ts';
import type { InquiryDetailDto } from './dto.ts';
import { inquiryDetail } from './get-inquiry.ts';
import { closeLockedInquiry, effectiveState } from './state.ts';
import { AppError } from '../../../platform/errors.ts';

// The insurer ends bidding early (enough good bids are in) and unseals the bids. An inquiry found
// already past its deadline but not yet closed by the worker is closed as the clock would have
// closed it (`expire`, dated at the deadline), so closing it by hand is never refused for being late.
export async function closeInquiry(tx: Tx, ctx: Ctx, id: string): Promise<InquiryDetailDto> {
  requirePermission(ctx.actor, 'inquiries.manage');
  const row = await lockManagedInquiry(tx, ctx.actor, id);
  if (row.status !== 'open') throw new AppError('invalid_state', { what: 'inquiry', state: row.status, event: 'close' });
  const event = effectiveState(row, ctx.now) === 'closed' ? 'expire' : 'close';
  const after = await closeLockedInquiry(tx, ctx, row, event);
  return inquiryDetail(tx, { side: 'insurer', actor: ctx.actor }, after);
}
