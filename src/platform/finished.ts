import type { Stmt } from './stmt.ts';

// A command's answer with the writes it leaves for the end: runCommand sends them in the round trip
// that ends the command, together with the audit rows and events recorded on the way and the
// request's Idempotency-Key answer, rather than the command spending a round trip of its own. For
// commands whose last step is one big write (placing an order: the order, its lines, shipments,
// reservations and backorders). The writes run after everything the command did itself, and
// nothing after them in the command may read what they write; a caller that needs the rows first
// (a replacement order linking its return) sends them itself with writeTogether.
export class Finished<T> {
  constructor(
    readonly result: T,
    readonly writes: readonly Stmt[],
  ) {}
}

export function finished<T>(result: T, writes: readonly Stmt[]): Finished<T> {
  return new Finished(result, writes);
}
