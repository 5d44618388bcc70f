import { z } from 'zod';
import { AppError } from './errors.ts';

export const MAX_PAGE_LIMIT = 200;

// Query-string fields shared by every list endpoint. Lists are keyset-paginated by id (UUIDv7,
// so by creation time): a cursor is the last id of the previous page, opaque to callers.
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(50),
  cursor: z.string().max(200).optional(),
};

export type Page<T> = { items: T[]; nextCursor: string | null };

const pages = new WeakMap<z.ZodType, z.ZodType>();

// A page of items. A named item (`.meta({ id: 'Order' })`) gives a named page, `OrderPage`, one
// schema however many routes answer with it, so the OpenAPI document holds it once.
export function pageSchema<T extends z.ZodType>(item: T) {
  const known = pages.get(item) as ReturnType<typeof unnamedPage<T>> | undefined;
  if (known) return known;
  const id = z.globalRegistry.get(item)?.id;
  const page = id === undefined ? unnamedPage(item) : unnamedPage(item).meta({ id: `${id}Page` });
  pages.set(item, page);
  return page;
}

function unnamedPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);
  }
  return id;
}

// Callers fetch limit + 1 rows; the extra row only tells whether another page exists.
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: more && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
  };
}
