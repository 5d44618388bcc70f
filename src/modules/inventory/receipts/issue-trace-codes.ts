import type { Tx } from '../../../platform/db.ts';
import { traceUnit } from '../tables.ts';
import { newTraceCode } from '../trace-code.ts';

export type UnitToCode = Omit<typeof traceUnit.$inferInsert, 'code'>;

// Rows per insert statement, well under PostgreSQL's 65,535 parameters at ten columns a row.
const INSERT_BATCH = 1000;
// Sixty random bits make a clash with the codes in use vanishingly rare (with ten million units
// stored, about one in 10^11 per code), so a second round is already a curiosity and a fifth a bug.
const MAX_ROUNDS = 5;
const MAX_DRAWS = 100;

// Inserts one trace unit per row with a newly issued code, and returns the codes in row order.
// Uniqueness is the table's (the code is its primary key): a code that is already taken, by a
// stored unit or by another receipt committing at the same moment, is skipped by the insert (on
// conflict do nothing, which does not abort the transaction as an error would) and drawn again.
// The generator is a parameter for tests only.
export async function insertTraceUnits(tx: Tx, units: readonly UnitToCode[], newCode: () => string = newTraceCode): Promise<string[]> {
  const codes: string[] = [];
  const drawn = new Set<string>();
  const draw = (): string => {
    // Two equal codes in one statement would both look inserted; the set keeps them apart.
    for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
      const code = newCode();
      if (!drawn.has(code)) {
        drawn.add(code);
        return code;
      }
    }
    throw new Error(`insertTraceUnits: the generator repeated itself ${MAX_DRAWS} times`);
  };
  for (let i = 0; i < units.length; i++) codes.push(draw());
  let pending = units.map((_, i) => i);
  for (let round = 1; pending.length > 0; round++) {
    if (round > MAX_ROUNDS) throw new Error(`insertTraceUnits: ${pending.length} code(s) still taken after ${MAX_ROUNDS} rounds`);
    const inserted = new Set<string>();
    for (let i = 0; i < pending.length; i += INSERT_BATCH) {
      const batch = pending.slice(i, i + INSERT_BATCH).map((j) => ({ ...units[j]!, code: codes[j]! }));
      const rows = await tx.insert(traceUnit).values(batch).onConflictDoNothing({ target: traceUnit.code }).returning({ code: traceUnit.code });
      for (const r of rows) inserted.add(r.code);
    }
    pending = pending.filter((j) => !inserted.has(codes[j]!));
    for (const j of pending) codes[j] = draw();
  }
  return codes;
}
