import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;

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
