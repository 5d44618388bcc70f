import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import { fenInput } from '../../../platform/money.ts';
import { priceGuideEntry } from '../tables.ts';
import { ownInsurerForWrite } from './access.ts';
import { categoryCodes, part } from './catalog-port.ts';
import { GradeCapsInput, GuideEntryDto, guideKeyOf, RegionCodeInput, toGuideEntryDto, type GuideTarget } from './guide-entry.ts';
import { writeGuideEntries } from './write-guide-entries.ts';

// One entry, named by what it is for (exactly one of partId and category) and its region; the
// same part (or category) and region again replaces the entry's reference and caps.
export const PutGuideEntryInput = z
  .strictObject({
    partId: z.uuid().optional(),
    category: z.enum(categoryCodes).optional(),
    // null or absent: nationwide.
    regionCode: RegionCodeInput.nullable().default(null),
    // The insurer's own OE reference for a part entry; null keeps the catalog's OE list price.
    oeReferenceFen: fenInput(MAX_UNIT_PRICE_FEN).nullable().default(null),
    // Per grade, { bp } of the OE reference or { maxFen }; a grade left out is capped at the OE
    // reference itself.
    caps: GradeCapsInput,
  })
  .meta({ id: 'PutGuideEntryInput' });
export type PutGuideEntryInput = z.output<typeof PutGuideEntryInput>;

export const PutGuideEntryResult = z
  .object({
    outcome: z.enum(['inserted', 'updated', 'unchanged']),
    entry: GuideEntryDto,
  })
  .meta({ id: 'PutGuideEntryResult' });
export type PutGuideEntryResult = z.infer<typeof PutGuideEntryResult>;

const fieldError = (path: string, code: FieldError['code'], params?: Record<string, unknown>): FieldError => ({ path, in: 'body', code, params });

// The rules zod cannot see on its own: one target, a reference only for a part, a part that exists.
async function targetOf(tx: Tx, input: PutGuideEntryInput): Promise<{ target: GuideTarget; oeNo: string | null }> {
  const errors: FieldError[] = [];
  if (input.partId === undefined && input.category === undefined) errors.push(fieldError('partId', 'required'));
  if (input.partId !== undefined && input.category !== undefined) errors.push(fieldError('category', 'unknown_field'));
  if (input.category !== undefined && input.oeReferenceFen !== null) errors.push(fieldError('oeReferenceFen', 'unknown_field'));
  let oeNo: string | null = null;
  if (input.partId !== undefined) {
    const [found] = await tx.select({ oeNo: part.oeNo }).from(part).where(eq(part.id, input.partId));
    if (found) oeNo = found.oeNo;
    else errors.push(fieldError('partId', 'unknown_reference', { what: 'part', value: input.partId }));
  }
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  const target: GuideTarget = input.partId !== undefined ? { scope: 'part', partId: input.partId } : { scope: 'category', category: input.category! };
  return { target, oeNo };
}

// Inserts or replaces one entry of the caller's insurer's price guide, by its natural key. Sending
// the same entry again changes nothing and writes no audit row.
export async function putGuideEntry(tx: Tx, ctx: Ctx, input: PutGuideEntryInput): Promise<PutGuideEntryResult> {
  const insurerOrgId = ownInsurerForWrite(ctx.actor);
  const { target, oeNo } = await targetOf(tx, input);
  const values = { target, regionCode: input.regionCode, oeReferenceFen: input.oeReferenceFen, caps: input.caps };
  const { written } = await writeGuideEntries(tx, insurerOrgId, [values], ctx.now);
  const guideKey = guideKeyOf(target, input.regionCode);
  const [row] = await tx
    .select()
    .from(priceGuideEntry)
    .where(and(eq(priceGuideEntry.insurerOrgId, insurerOrgId), eq(priceGuideEntry.guideKey, guideKey)));
  if (!row) throw new Error(`price guide entry ${guideKey} vanished after its upsert`);
  const entry = toGuideEntryDto(row, oeNo);
  const change = written[0];
  if (!change) return { outcome: 'unchanged', entry };
  await recordAudit(tx, ctx, {
    orgId: insurerOrgId,
    objectType: 'price_guide_entry',
    objectId: row.id,
    action: change.inserted ? 'create' : 'update',
    data: { guideKey, regionCode: entry.regionCode, oeReferenceFen: entry.oeReferenceFen, caps: entry.caps },
  });
  return { outcome: change.inserted ? 'inserted' : 'updated', entry };
}
