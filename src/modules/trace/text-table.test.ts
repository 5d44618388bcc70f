import { describe, expect, it } from 'vitest';
import { displayWidth, textTable } from './text-table.ts';

describe('displayWidth', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['AX-CERT-0001', 12],
    ['维修厂', 6],
    ['订单号 Order no.', 16],
    ['（杭州）', 8],
    ['𠀀', 2],
  ];
  it.each(cases)('%s is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('textTable', () => {
  it('aligns Chinese and Latin cells by display width', () => {
    expect(
      textTable(
        ['维修厂 Shop', 'Qty'],
        [
          ['上海安达', '2'],
          ['X', '10'],
        ],
      ),
    ).toBe(['维修厂 Shop  Qty', '-----------  ---', '上海安达     2', 'X            10'].join('\n'));
  });
});
