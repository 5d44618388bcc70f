import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { BankImportUpload } = await import('./BankImportUpload.tsx');

// GB18030 bytes of “交易日期”, as Excel on Chinese Windows saves a header: sent as they are.
const GB_BYTES = new Uint8Array([0xbd, 0xbb, 0xd2, 0xd7, 0xc8, 0xd5, 0xc6, 0xda]);

let sent: { type: string | null; bytes: Uint8Array }[] = [];
let answer: () => Response;
let previewed: unknown[] = [];

beforeEach(() => {
  sent = [];
  previewed = [];
  net.handler = async (req) => {
    sent.push({ type: req.headers.get('content-type'), bytes: new Uint8Array(await req.arrayBuffer()) });
    return answer();
  };
});

function renderUpload() {
  render(
    <Providers>
      <BankImportUpload onPreview={(_name, p) => previewed.push(p)} />
    </Providers>,
  );
}

const drop = (file: File) => fireEvent.change(document.querySelector('input[type=file]')!, { target: { files: [file] } });

describe('BankImportUpload', () => {
  it('sends the file’s own bytes as text/csv and hands the preview on', async () => {
    const preview = { encoding: 'GB18030', headerRow: 1, creditLines: 0, debitLinesIgnored: 0, duplicates: 0, withErrors: 0, rows: [] };
    answer = () => json(preview);
    renderUpload();
    drop(new File([GB_BYTES], '流水.csv', { type: 'text/csv' }));
    await waitFor(() => expect(previewed).toEqual([preview]));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.type).toBe('text/csv');
    expect([...sent[0]!.bytes]).toEqual([...GB_BYTES]);
  });

  it('says why a file is refused as a whole, row and column in words', async () => {
    answer = () =>
      json(
        {
          type: 'about:blank',
          title: '导入被拒绝',
          status: 422,
          detail: '文件有 2 处错误',
          code: 'import_rejected',
          errors: [
            { path: 'rows.1.received_on', in: 'body', code: 'required', message: '必填' },
            { path: 'rows.1.credit', in: 'body', code: 'required', message: '必填' },
          ],
        },
        422,
      );
    renderUpload();
    drop(new File(['name,x\nfoo,bar\n'], '不是流水.csv', { type: 'text/csv' }));
    expect(await screen.findByText('第 1 行 交易日期：必填')).toBeTruthy();
    expect(screen.getByText('第 1 行 收入金额：必填')).toBeTruthy();
    expect(screen.getByText('导入被拒绝：不是流水.csv')).toBeTruthy();
    expect(previewed).toEqual([]);
  });

  it('refuses an empty file before sending it', async () => {
    renderUpload();
    drop(new File([], '空.csv', { type: 'text/csv' }));
    expect(await screen.findByText('文件 空.csv 是空的。')).toBeTruthy();
    expect(sent).toEqual([]);
  });
});
