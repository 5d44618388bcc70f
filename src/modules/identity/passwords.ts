import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 10;

// The password policy, for every password set through the API or the CLI: at least
// MIN_PASSWORD_LENGTH characters (checked by the schema's min), not one that guessing tools try
// first (a short list, not a breach corpus: it stops the obvious without a download), and not the
// account's own email or its name part. Returns the field code of the first rule broken.
export function passwordProblem(password: string, email?: string): 'password_weak' | 'password_common' | 'password_like_email' | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return 'password_weak';
  const lower = password.toLowerCase();
  // One character repeated is as guessable as anything on the list, at any length.
  if (commonPasswords.has(lower) || new Set(lower).size === 1) return 'password_common';
  if (email !== undefined) {
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0] ?? address;
    if (lower === address || lower === local) return 'password_like_email';
  }
  return undefined;
}

// Letters and digits without the look-alikes (0/O, 1/l/I), so a password read off a terminal can
// be typed without doubt.
const GENERATED_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// A password for an account whose operator did not choose one: four groups of five characters
// from 57 symbols, about 117 bits from the system's CSPRNG, which passes the policy by construction.
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)]).join(''));
  return groups.join('-');
}

// Argon2id with the library's defaults (19 MiB, 2 passes), OWASP's current minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A fixed hash to verify against when the account does not exist, so that a wrong email takes as
// long as a wrong password and response times do not reveal which emails are registered.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    dummyHash ??= hash('anpei-timing-equaliser');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is treated as a failed sign-in, never as a crash of the login route.
    return false;
  }
}
