import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { apiKey } from './tables.ts';

// The person each actor id stands for, for a second person's check (four eyes), in one read: a user
// is themselves, an API key the user who made it (a key cannot approve what its maker prepared, nor
// its maker what the key prepared); null for a key made by no one left on record.
export async function peopleBehind(exec: Executor, actorIds: readonly string[]): Promise<(actorId: string) => string | null> {
  const keys =
    actorIds.length === 0
      ? []
      : await exec
          .select({ id: apiKey.id, createdBy: apiKey.createdBy })
          .from(apiKey)
          .where(inArray(apiKey.id, [...new Set(actorIds)]));
  const makers = new Map(keys.map((k) => [k.id, k.createdBy]));
  return (id) => (makers.has(id) ? makers.get(id)! : id);
}

// Whether two actors (users or API keys) are one person, as `behind` (from peopleBehind) says: the
// same id, a key and its maker, or two keys one person made.
export function onePerson(behind: (actorId: string) => string | null, a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  const pa = behind(a);
  return pa !== null && pa === behind(b);
}

// The same for one pair, read at once. Every second-person check asks this (or onePerson over many
// makers), so that no one checks their own work through a key they made.
export async function samePerson(exec: Executor, a: string | null, b: string | null): Promise<boolean> {
  if (a === null || b === null) return false;
  if (a === b) return true;
  return onePerson(await peopleBehind(exec, [a, b]), a, b);
}
