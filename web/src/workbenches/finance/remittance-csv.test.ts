import { describe, expect, it } from 'vitest';
import type { RemittanceLine } from './api.ts';
import { remittanceCsv, type RemittanceCsvWords } from './remittance-csv.ts';

const words: RemittanceCsvWords = {
  headers: ['入账时间', '业务类型', '报案号', '订单号', '配件', '数量', '金额（元）'],
  code: (c) => ({ consignment_sold: '寄售/直发商品售出', supplier_fee: '平台服务费' })[c] ?? c,
  total: '合计',
};

const line = (over: Partial<RemittanceLine>): RemittanceLine => ({
  transferId: '01900000-0000-7000-8000-000000000001',
  code: 'consignment_sold',
  amountFen: 123456,
  postedAt: '2026-12-05T06:03:00.000Z',
  orderNo: 'AP2026120500001',
  claimNo: 'RDAA2026310000000001',
  productName: '前保险杠皮',
  qty: 2,
  requestNo: null,
  ...over,
});

describe('remittanceCsv', () => {
  it('writes a row per line in yuan, fees negative, and the total the payout paid', () => {
    const csv = remittanceCsv([line({}), line({ code: 'supplier_fee', amountFen: -3704, qty: null, productName: null })], words);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '入账时间,业务类型,报案号,订单号,配件,数量,金额（元）',
      '2026-12-05 14:03,寄售/直发商品售出,RDAA2026310000000001,AP2026120500001,前保险杠皮,2,1234.56',
      '2026-12-05 14:03,平台服务费,RDAA2026310000000001,AP2026120500001,,,-37.04',
      '合计,,,,,,1197.52',
      '',
    ]);
  });

  it('quotes what would break a cell, and never lets a name run as a formula', () => {
    const csv = remittanceCsv([line({ productName: '大灯,左 "LED"' }), line({ productName: '=HYPERLINK("x")', amountFen: 5 })], words);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[1]).toContain(',"大灯,左 ""LED""",');
    expect(rows[2]).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(rows[2]?.endsWith(',0.05')).toBe(true);
  });

  it('is a header and a nought total for no lines', () => {
    expect(remittanceCsv([], words).slice(1).split('\r\n').slice(1)).toEqual(['合计,,,,,,0.00', '']);
  });
});
