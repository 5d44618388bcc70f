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
