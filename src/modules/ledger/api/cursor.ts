import { AppError } from '../../../platform/errors.ts';

// Keyset cursors of the ledger's lists that are not ordered by a UUID (platform/pagination.ts):
// an account's transfers by their insertion number, a supplier's fee rates by their day. Opaque to
// callers (base64url), checked when read back.

const invalid = () => new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);

export function encodeSeqCursor(seq: number): string {
  return Buffer.from(`s${seq}`, 'utf8').toString('base64url');
}

export function decodeSeqCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^s[1-9][0-9]{0,15}$/.test(text)) throw invalid();
  const seq = Number(text.slice(1));
  if (!Number.isSafeInteger(seq)) throw invalid();
  return seq;
}

export function encodeDayCursor(day: string): string {
  return Buffer.from(`d${day}`, 'utf8').toString('base64url');
}

export function decodeDayCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^d[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) throw invalid();
  const day = text.slice(1);
  // A real calendar day: the database would refuse 2026-02-30 with a 500 otherwise.
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) throw invalid();
  return day;
}
