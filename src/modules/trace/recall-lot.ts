import { eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { emitEvents } from '../../platform/outbox.ts';
import { MAX_PAGE_LIMIT } from '../../platform/pagination.ts';
import { org } from '../identity/index.ts';
import { lotStock, markLotRecalled, MAX_OPEN_LINES_PER_RECALL, openLinesHoldingLot } from '../inventory/index.ts';
import { resourceOrderLines } from '../orders/index.ts';
import { LotRecipientsQuery, type RecallDto, type RecallLotInput, type RecipientDto } from './dto.ts';
import { lotRecipients, visibleLots } from './lot-recipients.ts';
import { recallNotices } from './recall-notices.ts';

// The most recipient lines a recall reads to tell their shops and insurers. Far above any lot's
// reach (a lot is a few receipts of at most 10,000 units each, most lines take one or two); a lot
// that reached more is recalled all the same, the supplier and the platform are told that the
// list is longer than the events say, and the recipients list has every line.
export const MAX_RECALL_RECIPIENT_LINES = 20_000;
// There is one platform organisation; the bound only keeps the read bounded.
const MAX_PLATFORM_ORGS = 10;

// A moment as people in China read it, for messages: `2026-03-14 10:22:05`.
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

async function everyRecipient(tx: Tx, ctx: Ctx, lotNo: string, productId: string): Promise<{ items: RecipientDto[]; complete: boolean }> {
  const items: RecipientDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await lotRecipients(tx, ctx, lotNo, LotRecipientsQuery.parse({ productId, limit: MAX_PAGE_LIMIT, cursor }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_RECALL_RECIPIENT_LINES);
  return { items, complete: cursor === undefined };
}

async function platformOrgIds(exec: Executor): Promise<string[]> {
  const rows = await exec.select({ id: org.id }).from(org).where(eq(org.kind, 'platform')).orderBy(org.id).limit(MAX_PLATFORM_ORGS);
  return rows.map((r) => r.id);
}

// Recalls (召回) one lot, by the platform or the lot's supplier, in the caller's transaction:
//   1. the lot is marked recalled, once (a second recall is 409 and says when the first was):
//      from then on its stock cannot be reserved (the sourcing core and reservations leave it
//      out), picked (scanning refuses its units) or sent on a transfer, and its units' trace
//      codes answer "recalled" to the public;
//   2. the open order lines that hold its units (reserved or picked) are found, to be re-sourced;
//   3. everyone concerned is told by a `lot.recalled` event (recall-notices.ts): the supplier, the
//      platform, each shop that received or awaits units, each insurer whose claims did, with the
//      vehicles, and each warehouse operator holding the lot;
//   4. the recall is audited on the lot;
//   5. last, the open lines are handed to the orders module to be re-sourced (other lots, other
//      warehouses, or backordered), all in this transaction.
// Access follows the recipients list: whoever may not read recalls (trace.recall) is refused
// (403), a lot the caller may not see is 404, and whoever sees it but may not act on it
// (lots.recall) is refused (403). A refusal changes nothing.
export async function recallLot(tx: Tx, ctx: Ctx, lotNo: string, input: RecallLotInput): Promise<RecallDto> {
  requirePermission(ctx.actor, 'trace.recall');
  const lots = await visibleLots(tx, ctx, lotNo, input.productId, 'body');
  requirePermission(ctx.actor, 'lots.recall');
  if (lots.length > 1) throw invalidField('productId', 'lot_number_shared', { lotNo, count: lots.length });
  const lot = lots[0]!;

  const marked = await markLotRecalled(tx, { lotId: lot.lotId, reason: input.reason, byOrgId: ctx.actor.orgId, at: ctx.now });
  if (!marked.ok) throw new AppError('lot_already_recalled', { lotNo, recalledAt: chinaDateTime(marked.recalledAt) });

  const openLineIds = await openLinesHoldingLot(tx, lot.lotId);
  if (openLineIds.length > MAX_OPEN_LINES_PER_RECALL) throw new AppError('limit_reached', { what: 'order_line', limit: MAX_OPEN_LINES_PER_RECALL });
  const recipients = await everyRecipient(tx, ctx, lotNo, lot.productId);
  const stock = await lotStock(tx, lot.lotId);
  const events = recallNotices({
    lotNo,
    lot,
    reason: input.reason,
    recalledAt: marked.recalledAt,
    recalledByOrgId: ctx.actor.orgId,
    platformOrgIds: await platformOrgIds(tx),
    recipients: recipients.items,
    recipientsComplete: recipients.complete,
    stock,
    openLineIds,
  });

  const items = recipients.items;
  const result: RecallDto = {
    lotNo,
    lot,
    recalledAt: marked.recalledAt.toISOString(),
    reason: input.reason,
    recalledByOrgId: ctx.actor.orgId,
    stock: stock.map((s) => ({ warehouseId: s.warehouseId, warehouseCode: s.warehouseCode, onHand: s.onHand, reserved: s.reserved })),
    openLineIds,
    recipients: {
      lines: items.length,
      shops: new Set(items.map((i) => i.shopOrgId)).size,
      claims: new Set(items.flatMap((i) => (i.claimId ? [i.claimId] : []))).size,
      insurers: new Set(items.flatMap((i) => (i.insurerOrgId ? [i.insurerOrgId] : []))).size,
      vehicles: new Set(items.flatMap((i) => [i.installedVin ?? i.claimVin].filter((v): v is string => v !== null))).size,
      traceCodes: items.reduce((n, i) => n + i.traceCodes.length, 0),
      complete: recipients.complete,
    },
    notifiedOrgIds: events.map((e) => e.orgId),
  };
  await recordAudit(tx, ctx, {
    orgId: lot.supplierOrgId,
    objectType: 'stock_lot',
    objectId: lot.lotId,
    action: 'recall',
    fromState: 'active',
    toState: 'recalled',
    data: { lotNo, productId: lot.productId, reason: input.reason, openLineIds, stock: result.stock, recipients: result.recipients, notifiedOrgIds: result.notifiedOrgIds },
  });
  await emitEvents(tx, ctx, events);
  // The open lines holding the lot are sourced again, from other lots or elsewhere, or backordered.
  if (openLineIds.length > 0) await resourceOrderLines(tx, ctx, { orderLineIds: openLineIds, reason: input.reason });
  return result;
}
