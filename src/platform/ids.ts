import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

// UUIDv7 ids are made here, not in SQL: PostgreSQL 15 has no uuidv7(), and time-ordered ids keep
// keyset pagination and index locality cheap.
export function newId(): string {
  return uuidv7();
}

// Secrets handed to callers (session tokens, API keys, webhook secrets) carry a readable prefix so
// a leaked string can be recognised, and 32 random bytes so it cannot be guessed.
export function newSecret(prefix: 'st' | 'ak' | 'whsec'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

// Tokens are stored as SHA-256 digests: they are long random strings, so a fast hash is enough and
// lets every request find its session by an index lookup (argon2 is for low-entropy passwords).
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

// An id derived from what it names (a SHA-256 of the parts, laid out as a UUID of version 8): the
// same parts give the same id on every machine, so a ledger account or a transfer can be named
// before it is read, and posting what caused a transfer twice names one transfer (its idempotency
// key). The first part is a namespace, so ids of different kinds never meet.
export function derivedId(namespace: string, ...parts: readonly string[]): string {
  const h = createHash('sha256')
    .update([namespace, ...parts].join('\u001f'))
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
