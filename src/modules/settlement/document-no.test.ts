import { describe, expect, it } from 'vitest';
import { documentNo } from './document-no.ts';

describe('documentNo', () => {
  it.each([
    ['ST', '2026-12-06', '01a247e5-258d-7d6b-b7b4-8c7e9770b091', 'ST202612069770B091'],
    ['PM', '2026-12-06', '01a247e5-2624-73c4-8c9f-5ea7334944e1', 'PM20261206334944E1'],
    ['RF', '2027-01-29', '01a24800-0000-7000-8000-0000000000aa', 'RF20270129000000AA'],
  ] as const)('%s on %s for %s is %s', (kind, day, id, no) => expect(documentNo(kind, day, id)).toBe(no));
});
