import type { BulkSession } from './bulk-session.ts';

// Loading millions of rows into tables with trigram GIN indexes and foreign keys is several times
// slower than loading them bare and building the indexes once. So the bulk load drops the
// catalog's secondary indexes and foreign keys and recreates them afterwards, from the
// definitions the database itself reports (pg_get_indexdef, pg_get_constraintdef): the migration
// stays the one place they are written, and whatever a later migration changes is kept.
// Primary keys and unique indexes stay: they are what catches a duplicate.

export const BULK_TABLES = ['vehicle_model', 'part', 'part_fitment', 'product', 'product_part', 'offer'] as const;

export type Rebuildable = { kind: 'index' | 'foreign_key'; table: string; name: string; definition: string };

export async function listRebuildable(session: BulkSession): Promise<Rebuildable[]> {
  const indexes = await session.rows<{ table: string; name: string; definition: string }>(
    `select t.relname as "table", i.relname as name, pg_get_indexdef(i.oid) as definition
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = any($1::text[])
        and not x.indisprimary and not x.indisunique
      order by t.relname, i.relname`,
    [[...BULK_TABLES]],
  );
  const keys = await session.rows<{ table: string; name: string; definition: string }>(
    `select t.relname as "table", c.conname as name, pg_get_constraintdef(c.oid) as definition
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and c.contype = 'f' and t.relname = any($1::text[])
      order by t.relname, c.conname`,
    [[...BULK_TABLES]],
  );
  return [...indexes.map((r) => ({ kind: 'index' as const, ...r })), ...keys.map((r) => ({ kind: 'foreign_key' as const, ...r }))];
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function dropRebuildable(session: BulkSession, items: readonly Rebuildable[]): Promise<void> {
  for (const item of items) {
    if (item.kind === 'foreign_key') await session.exec(`ALTER TABLE ${quoteIdent(item.table)} DROP CONSTRAINT ${quoteIdent(item.name)}`);
  }
  for (const item of items) {
    if (item.kind === 'index') await session.exec(`DROP INDEX ${quoteIdent(item.name)}`);
  }
}

// Indexes first (the foreign keys' checks use them), then the foreign keys, which validate the
// loaded rows in one join each instead of one lookup per row.
export async function recreateRebuildable(session: BulkSession, items: readonly Rebuildable[], onStep?: (item: Rebuildable) => void): Promise<void> {
  for (const item of items) {
    if (item.kind !== 'index') continue;
    await session.exec(item.definition);
    onStep?.(item);
  }
  for (const item of items) {
    if (item.kind !== 'foreign_key') continue;
    await session.exec(`ALTER TABLE ${quoteIdent(item.table)} ADD CONSTRAINT ${quoteIdent(item.name)} ${item.definition}`);
    onStep?.(item);
  }
}
