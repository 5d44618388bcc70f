import type { Actor } from './access.ts';
import type { Locale } from './i18n.ts';

// What every command and query receives besides its input: who acts, in which request, when.
// Commands read the clock from here so tests and replays can fix it.
export type Ctx = {
  actor: Actor;
  requestId: string;
  locale: Locale;
  now: Date;
  // Set by runCommand when the request carries an Idempotency-Key (see idempotencyAnswer).
  idempotency?: IdempotencyState;
};

export type IdempotencyState = {
  principalId: string;
  key: string;
  requestHash: string;
  status: number;
  storedForReplay?: (body: unknown) => unknown;
  // Whether the command already wrote the answer with its own last write.
  answered: boolean;
};

// Work done by the system itself (seed, worker, CLI) rather than by a caller.
export type SystemCtx = {
  actor: null;
  requestId: string;
  now: Date;
};

export type AnyCtx = Ctx | SystemCtx;
