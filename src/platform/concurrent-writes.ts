import { isUniqueViolation } from './db.ts';

// The unique indexes that two concurrent commands may both decide to write, and on which the loser
// is run again rather than answered with a 500 (runCommand, command.ts): a module registers its own
// when it is loaded (the ledger's transfer ids: post-transfers.ts). Kept apart from command.ts,
// which is HTTP's, so that a module's commands can register without knowing of requests.
const concurrentWriteIndexes = new Set<string>();

export function retryOnUniqueViolation(constraint: string): void {
  concurrentWriteIndexes.add(constraint);
}

export function isConcurrentWrite(error: unknown): boolean {
  for (const constraint of concurrentWriteIndexes) if (isUniqueViolation(error, constraint)) return true;
  return false;
}
