import { describe, expect, it } from 'vitest';
import { isDeadlock, isUniqueViolation, pgErrorOf } from './db.ts';

// Driver errors reach us wrapped (drizzle puts the driver's error in `cause`): both checks search
// the chain, and neither mistakes one error for the other.
describe('database error checks', () => {
  const deadlock = { code: '40P01', message: 'deadlock detected' };
  const unique = { code: '23505', constraint: 'order_line_no_uq', message: 'duplicate key value violates unique constraint "order_line_no_uq"' };
  const wrapped = (cause: unknown) => Object.assign(new Error('Failed query'), { cause });
  const cases: { name: string; error: unknown; deadlock: boolean; unique: boolean; sqlState?: string }[] = [
    { name: 'a deadlock', error: deadlock, deadlock: true, unique: false, sqlState: '40P01' },
    { name: 'a deadlock wrapped twice', error: wrapped(wrapped(deadlock)), deadlock: true, unique: false, sqlState: '40P01' },
    { name: 'a unique violation', error: wrapped(unique), deadlock: false, unique: true, sqlState: '23505' },
    { name: 'a serialization failure', error: wrapped({ code: '40001' }), deadlock: false, unique: false, sqlState: '40001' },
    { name: 'a lock timeout', error: wrapped({ code: '55P03' }), deadlock: false, unique: false, sqlState: '55P03' },
    { name: 'a broken socket (no SQLSTATE)', error: wrapped(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), deadlock: false, unique: false },
    { name: 'not an error', error: 'deadlock', deadlock: false, unique: false },
    { name: 'nothing', error: null, deadlock: false, unique: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(isDeadlock(c.error)).toBe(c.deadlock);
      expect(isUniqueViolation(c.error, 'order_line_no_uq')).toBe(c.unique);
      expect(pgErrorOf(c.error)?.code).toBe(c.sqlState);
    });
  }
});
