import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../../../../test/support/gb18030.ts';
import { bankDate, decodeBankFile, readBankStatement } from './bank-statement.ts';

const TODAY = '2026-03-31';
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);

function read(bytes: Uint8Array) {
  const result = readBankStatement(bytes, TODAY);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.statement;
}

// An ICBC-like export: a preamble, a credit and a debit column, a total row and a footer.
const icbc = [
  '中国工商银行对公账户明细',
  '账号：1001 2345 6789 0123 456,户名：邦邦汽服·安配平台',
  '起始日期：2026-03-01,终止日期：2026-03-31',
  '',
  '交易日期,交易时间,凭证号,借方发生额（元）,贷方发生额（元）,余额,对方户名,对方账号,摘要,附言,流水号',
  '2026-03-02,10:21:03,,,"1,234,567.89","2,000,000.00",中国人民财产保险股份有限公司（演示）,="6222021001001234567",货款,ST20260301ABCDEF12,ICBC0001',
  '2026-03-03,09:00:00,,"5,000.00",,"1,995,000.00",杭州安配华东仓配运营有限公司,6222021001009999999,付货款,,ICBC0002',
  '2026/3/4,11:00:00,,,0.30,,某某保险经纪有限公司,,转账,,ICBC0003',
  '合计,,,"5,000.00","1,234,568.19",,,,,,',
  '数据来源：中国工商银行企业网银',
].join('\r\n');

describe('readBankStatement', () => {
  it('reads an export past its preamble, total and footer: credits only, fen exact', () => {
    const s = read(utf8(icbc));
    expect(s).toMatchObject({ encoding: 'UTF-8', headerRow: 5, debitLines: 1 });
    expect(s.lines).toEqual([
      {
        row: 6,
        receivedOn: '2026-03-02',
        amountFen: 123_456_789n,
        payerName: '中国人民财产保险股份有限公司（演示）',
        payerAccount: '6222021001001234567',
        bankRef: 'ICBC0001',
        memo: '货款 / ST20260301ABCDEF12',
        errors: [],
      },
      { row: 8, receivedOn: '2026-03-04', amountFen: 30n, payerName: '某某保险经纪有限公司', payerAccount: null, bankRef: 'ICBC0003', memo: '转账', errors: [] },
    ]);
  });

  it('reads the same file saved as GB18030 by Excel, and with a UTF-8 BOM, alike', () => {
    const plain = read(utf8(icbc));
    expect(read(encodeGb18030(icbc))).toEqual({ ...plain, encoding: 'GB18030' });
    expect(read(bom(icbc))).toEqual(plain);
  });

  it.each([
    ['a signed amount column', '日期,金额,付款人,流水号\n20260302,"1,000.00",甲公司,R1\n20260302,-200.00,乙公司,R2\n', [[100_000n, '甲公司']], 1],
    ['an amount with a direction column', 'Date,Amount,Dr/Cr,Payer Name,Reference\n2026-03-02,"1,000.00",C,A Co,R1\n2026-03-02,"200.00",D,B Co,R2\n', [[100_000n, 'A Co']], 1],
    ['a CMB-like income column', '交易日,交易日期,收入金额,支出金额,付款人,交易流水号\n,2026年3月2日,¥88.00,,甲公司,R1\n,2026年3月2日,,¥9.00,乙公司,R2\n', [[8_800n, '甲公司']], 1],
    ['tab separated', '记账日期\t贷方金额\t对方户名\t银行流水号\n2026-03-02\t12,345.67\t甲公司\tR1\n', [[1_234_567n, '甲公司']], 0],
  ])('reads %s', (_label, text, credits, debits) => {
    const s = read(utf8(text));
    expect(s.lines.map((l) => [l.amountFen, l.payerName])).toEqual(credits);
    expect(s.debitLines).toBe(debits);
  });

  it('names the row, field and reason of each bad line, and still shows the line', () => {
    const s = read(utf8('交易日期,贷方金额,对方户名,流水号,摘要\n2026-02-30,100.00,甲,R1,\n,12.345,乙,R2,\n2026-03-02,1.00,丙,,\n2099-01-01,1.00,丁,R4,\n2026-03-02,"1,2,3",戊,R5,\n'));
    expect(s.lines.map((l) => [l.row, l.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([
      [2, ['received_on:invalid_format']],
      [3, ['credit:invalid_format', 'received_on:required']],
      [4, ['bank_ref:required']],
      [5, ['received_on:date_in_future']],
      [6, ['credit:invalid_format']],
    ]);
  });

  it.each([
    ['no header at all', 'name,x\nx,y\n', ['received_on:required', 'credit:required']],
    ['a NUL in the header', 'name\u0000,x\nx,y\n', [':nul_character']],
    ['broken quoting', '交易日期,贷方金额\n2026-03-02,"1.00\n', [':invalid_format']],
  ])('refuses %s as a whole', (_label, text, errors) => {
    const result = readBankStatement(utf8(text), TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.field ?? ''}:${e.code}`)).toEqual(errors);
  });
});

describe('decodeBankFile', () => {
  it.each([
    ['UTF-8', utf8('交易日期'), 'UTF-8'],
    ['UTF-8 with a BOM', bom('交易日期'), 'UTF-8'],
    ['GB18030', encodeGb18030('交易日期'), 'GB18030'],
    ['UTF-16 with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('交易日期', 'utf16le')]), 'UTF-16'],
  ])('%s', (_label, bytes, encoding) => expect(decodeBankFile(bytes)).toEqual({ text: '交易日期', encoding }));
});

describe('bankDate', () => {
  it.each([
    ['2026-03-02', '2026-03-02'],
    ['2026/3/2', '2026-03-02'],
    ['2026.03.02', '2026-03-02'],
    ['20260302', '2026-03-02'],
    ['2026-03-02 10:21:03', '2026-03-02'],
    ['2026-03-02T10:21:03', '2026-03-02'],
    ['2026年3月2日', '2026-03-02'],
    ['2026年03月02日 10:21', '2026-03-02'],
    ['２０２６－０３－０２', '2026-03-02'],
    ['2026-02-30', null],
    ['03/02/2026', null],
  ])('%s → %s', (raw, day) => expect(bankDate(raw)).toBe(day));
});
