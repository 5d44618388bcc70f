import type { Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { priceGuideEntry } from '../tables.ts';
import { countsOf, insertedFlag, upsertSet, type Counts } from '../../../platform/csv-import/upsert.ts';
import { capsToStored, guideKeyOf, type GuideValues } from './guide-entry.ts';

// Rows per INSERT: each row is seven parameters and PostgreSQL allows 65,535 in one statement.
export const WRITE_BATCH = 1_000;

export type WrittenEntry = { id: string; guideKey: string; inserted: boolean };

// Upserts entries of one insurer by their natural key (guide_key), the way the catalog import
// writes its rows: an entry whose values are all the same is not rewritten (no new row version,
// no bumped updated_at), its id never changes, and only inserted and changed entries come back.
// The caller must not pass one key twice in a batch: PostgreSQL refuses to update a row twice in
// one statement (the PUT writes one entry; the CSV import rejects duplicates in the file first).
export async function writeGuideEntries(tx: Tx, insurerOrgId: string, entries: readonly GuideValues[], now: Date): Promise<{ counts: Counts; written: WrittenEntry[] }> {
  if (entries.length > WRITE_BATCH) throw new Error(`writeGuideEntries: ${entries.length} entries exceed a batch of ${WRITE_BATCH}`);
  if (entries.length === 0) return { counts: { inserted: 0, updated: 0, unchanged: 0 }, written: [] };
  const { set, setWhere } = upsertSet(
    {
      scope: priceGuideEntry.scope,
      partId: priceGuideEntry.partId,
      category: priceGuideEntry.category,
      regionCode: priceGuideEntry.regionCode,
      oeReferenceFen: priceGuideEntry.oeReferenceFen,
      caps: priceGuideEntry.caps,
    },
    { key: 'updatedAt', now },
  );
  const written = await tx
    .insert(priceGuideEntry)
    .values(
      entries.map((e) => ({
        id: newId(),
        insurerOrgId,
        scope: e.target.scope,
        partId: e.target.scope === 'part' ? e.target.partId : null,
        category: e.target.scope === 'category' ? e.target.category : null,
        regionCode: e.regionCode,
        guideKey: guideKeyOf(e.target, e.regionCode),
        oeReferenceFen: e.target.scope === 'part' ? e.oeReferenceFen : null,
        caps: capsToStored(e.caps),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({ target: [priceGuideEntry.insurerOrgId, priceGuideEntry.guideKey], set, setWhere })
    .returning({ id: priceGuideEntry.id, guideKey: priceGuideEntry.guideKey, inserted: insertedFlag });
  return { counts: countsOf(entries.length, written), written };
}
