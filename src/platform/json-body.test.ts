import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-body.ts';

describe('jsonDepthExceeds', () => {
  const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['1', 0, false],
    [nest(64), 64, false],
    [nest(65), 64, true],
    [nest(5000), 64, true],
    [`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`, 64, true],
    // Brackets inside strings, escaped quotes included, do not nest.
    [`{"a":"${'['.repeat(100)}"}`, 2, false],
    [`{"a":"\\"${'['.repeat(100)}"}`, 2, false],
    [`{"a":"\\\\","b":${nest(3)}}`, 3, true],
    // Siblings do not add up.
    [`[${Array.from({ length: 100 }, () => nest(10)).join(',')}]`, 11, false],
  ])('case %#', (text, limit, exceeds) => expect(jsonDepthExceeds(text, limit)).toBe(exceeds));
});
