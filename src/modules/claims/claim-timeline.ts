import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { auditEvent } from '../../platform/tables.ts';
import { appUser, org } from '../identity/index.ts';
import { assertMayReadClaims, claimNotFound, claimVisibleById } from './access.ts';
import { MAX_ASSESSMENT_VERSIONS } from './schemas.ts';
import { assessment, claim } from './tables.ts';

export const ClaimTimelineQuery = z.strictObject({ ...pageQuery });
export type ClaimTimelineQuery = z.infer<typeof ClaimTimelineQuery>;

export const TimelineEntryDto = z
  .object({
    id: z.uuid(),
    at: z.string(),
    // claim, assessment, quote or order: the object the entry is about.
    objectType: z.string(),
    objectId: z.uuid(),
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    actor: z.object({
      type: z.enum(['user', 'api_key', 'system']),
      name: z.string().nullable(),
      orgName: z.string().nullable(),
    }),
    // What the entry's record says that a person reads: which assessment version, which order.
    version: z.number().int().nullable(),
    orderNo: z.string().nullable(),
    lineCount: z.number().int().nullable(),
  })
  .meta({ id: 'ClaimTimelineEntry' });
export type TimelineEntryDto = z.infer<typeof TimelineEntryDto>;

// The claim's own moves are few (its lifecycle has nine states and supplements are bounded), so
// reading them all to learn its quotes and orders is bounded too.
const MAX_CLAIM_EVENTS = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidIn(data: Record<string, unknown> | null, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

function numberIn(data: Record<string, unknown> | null, key: string): number | null {
  const value = data?.[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

// The claim's history (操作记录), oldest first: the audit entries of the claim, its assessment
// versions, and the quotes and orders its own entries name. Whoever may read the claim may read
// this (its insurer, its shop, the platform); anyone else gets the claim's 404, so the audit
// trail's wider permission (admins) is not needed to follow one's own claim.
export async function claimTimeline(db: Executor, ctx: Ctx, claimId: string, query: ClaimTimelineQuery): Promise<Page<TimelineEntryDto>> {
  assertMayReadClaims(ctx.actor);
  const [found] = await db.select({ id: claim.id }).from(claim).where(claimVisibleById(ctx.actor, claimId));
  if (!found) throw claimNotFound();

  const versions = await db.select({ id: assessment.id }).from(assessment).where(eq(assessment.claimId, claimId)).limit(MAX_ASSESSMENT_VERSIONS);
  const own = await db.select({ data: auditEvent.data }).from(auditEvent).where(eq(auditEvent.objectId, claimId)).orderBy(asc(auditEvent.id)).limit(MAX_CLAIM_EVENTS);
  const named = own.flatMap((e) => [uuidIn(e.data, 'quoteId'), uuidIn(e.data, 'orderId')]).filter((id): id is string => id !== undefined);
  const objectIds = [...new Set([claimId, ...versions.map((v) => v.id), ...named])];

  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [inArray(auditEvent.objectId, objectIds), after ? gt(auditEvent.id, after) : undefined];
  const rows = await db
    .select()
    .from(auditEvent)
    .where(and(...conditions))
    .orderBy(asc(auditEvent.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);

  const userIds = [...new Set(page.items.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const orgIds = [...new Set(page.items.flatMap((r) => (r.actorOrgId ? [r.actorOrgId] : [])))];
  const users = new Map(userIds.length === 0 ? [] : (await db.select({ id: appUser.id, name: appUser.name }).from(appUser).where(inArray(appUser.id, userIds))).map((u) => [u.id, u.name]));
  const orgs = new Map(orgIds.length === 0 ? [] : (await db.select({ id: org.id, name: org.name }).from(org).where(inArray(org.id, orgIds))).map((o) => [o.id, o.name]));

  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      objectType: row.objectType,
      objectId: row.objectId,
      action: row.action,
      fromState: row.fromState,
      toState: row.toState,
      actor: {
        type: row.actorUserId ? 'user' : row.actorApiKeyId ? 'api_key' : 'system',
        name: row.actorUserId ? (users.get(row.actorUserId) ?? null) : null,
        orgName: row.actorOrgId ? (orgs.get(row.actorOrgId) ?? null) : null,
      },
      version: numberIn(row.data, 'version'),
      orderNo: typeof row.data?.orderNo === 'string' ? row.data.orderNo : null,
      lineCount: numberIn(row.data, 'lineCount'),
    })),
  };
}
