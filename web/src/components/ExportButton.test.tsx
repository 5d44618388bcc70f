import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { Answer } from '../api/client.ts';
import { ExportButton, fileNameOf } from './ExportButton.tsx';

describe('fileNameOf', () => {
  it.each([
    ['the UTF-8 name first', `attachment; filename="claims-20261205.xlsx"; filename*=UTF-8''%E6%8A%A5%E6%A1%88%E6%B8%85%E5%8D%95-20261205.xlsx`, '报案清单-20261205.xlsx'],
    ['the plain name when that is all', 'attachment; filename="claims-20261205.xlsx"', 'claims-20261205.xlsx'],
    ['nothing from no header', null, undefined],
    ['nothing from a header without a name', 'attachment', undefined],
  ])('%s', (_name, header, expected) => {
    expect(fileNameOf(header)).toBe(expected);
  });
});

describe('ExportButton', () => {
  const renderButton = (answer: () => Promise<Answer<Blob>>) =>
    render(
      <AntApp>
        <ExportButton fetchFile={answer} />
      </AntApp>,
    );

  it('saves the file under the name the server gave it', async () => {
    const saved: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    const headers = { 'content-disposition': `attachment; filename="claims-20261205.xlsx"; filename*=UTF-8''%E6%8A%A5%E6%A1%88%E6%B8%85%E5%8D%95-20261205.xlsx` };
    renderButton(async () => ({ data: new Blob(['xlsx']), response: new Response('xlsx', { status: 200, headers }) }));
    fireEvent.click(screen.getByTestId('export'));
    await waitFor(() => expect(saved).toEqual(['报案清单-20261205.xlsx blob:export']));
    click.mockRestore();
  });

  it('says the server’s refusal in a message, in its words', async () => {
    const problem = { type: 'urn:anpei:problem:export_too_large', title: '导出行数过多', status: 422, detail: '符合条件的记录超过 10000 条，请缩小筛选范围后再导出。', code: 'export_too_large' };
    renderButton(async () => ({ error: problem, response: new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } }) }));
    fireEvent.click(screen.getByTestId('export'));
    expect(await screen.findByText('符合条件的记录超过 10000 条，请缩小筛选范围后再导出。')).toBeTruthy();
    expect(screen.getByText('导出 Excel')).toBeTruthy();
  });
});
