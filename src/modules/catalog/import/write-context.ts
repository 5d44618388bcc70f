import type { Tx } from '../../../platform/db.ts';
import type { ImportKind, RowOf } from './formats.ts';
import type { ResolvedRefs } from './references.ts';
import type { Counts } from '../../../platform/csv-import/upsert.ts';

// What a writer gets besides its rows: the clock, the supplier the file belongs to (for products
// and offers) and the ids of everything the batch's rows reference, already looked up.
export type WriteContext = { now: Date; supplierOrgId: string | null; ids: ResolvedRefs };

// Writes one batch (at most IMPORT_BATCH rows, all valid) inside the import's transaction.
export type Writer<K extends ImportKind> = (tx: Tx, rows: readonly RowOf<K>[], wctx: WriteContext) => Promise<Counts>;

// Rows per INSERT: the widest kind has 13 columns, so a batch stays far below PostgreSQL's
// 65,535 parameters, and a batch's ids and links fit comfortably in memory.
export const IMPORT_BATCH = 1_000;

// Pass 1 proved every reference exists; a miss here means a concurrent delete, which is a bug to
// surface rather than a row to skip.
export function idOf(map: ReadonlyMap<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`import: ${what} ${key} vanished between validation and writing`);
  return id;
}
