import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Transaction } from '@electric-sql/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../platform/db.ts';
import { COPY_COLUMNS, type CopyTable } from './copy-text.ts';

// One transaction on one connection with COPY: on PostgreSQL through pg-copy-streams (COPY …
// FROM STDIN), on PGlite through its /dev/blob device (COPY … FROM '/dev/blob' with the data as
// a Blob). Everything the bulk load does runs in it, so a failed load leaves nothing behind.
export type BulkSession = {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  // `chunks` are whole lines in COPY text format.
  copy(table: CopyTable, chunks: readonly string[]): Promise<void>;
};

function copySql(table: CopyTable, source: string): string {
  return `COPY ${table} (${COPY_COLUMNS[table].join(', ')}) FROM ${source}`;
}

export async function withBulkSession<T>(database: Database, work: (session: BulkSession) => Promise<T>): Promise<T> {
  if (database.kind === 'pg') {
    const pool = database.pool;
    if (!pool) throw new Error('a pg database without its pool');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const session: BulkSession = {
        exec: async (sql) => {
          await client.query(sql);
        },
        rows: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        copy: async (table, chunks) => {
          if (chunks.length === 0) return;
          await pipeline(Readable.from(chunks), client.query(copyFrom(copySql(table, 'STDIN'))));
        },
      };
      const result = await work(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('a pglite database without its client');
  return pglite.transaction(async (tx: Transaction) => {
    const session: BulkSession = {
      exec: async (sql) => {
        await tx.exec(sql);
      },
      rows: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
      copy: async (table, chunks) => {
        if (chunks.length === 0) return;
        await tx.query(copySql(table, `'/dev/blob'`), [], { blob: new Blob(chunks as string[]) });
      },
    };
    return work(session);
  });
}
