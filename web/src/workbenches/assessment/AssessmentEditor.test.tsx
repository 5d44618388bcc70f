import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Assessment, Claim } from './api.ts';
import assessmentJson from './fixtures/assessment.json';
import badJson from './fixtures/bad.json';
import claimJson from './fixtures/claim.json';
import hitsJson from './fixtures/hits.json';
import partJson from './fixtures/part.json';

// The network's stand-in goes in before the API client is made (see test-kit.tsx).
const net = await vi.hoisted(async () => (await import('./test-kit.tsx')).installNet());

const { AssessmentEditor } = await import('./AssessmentEditor.tsx');
const { Providers, json } = await import('./test-kit.tsx');

const draft = assessmentJson as Assessment;
const claim = { ...(claimJson as Claim), status: 'assessing', assessments: [draft] } as Claim;

function part(id: string) {
  return { ...partJson, id };
}

// antd spaces two-character button labels (保 存).
const saveButton = () => screen.getByText(/^保\s*存$/).closest('button')!;

function renderEditor() {
  return render(
    <Providers path={`/assessments/${draft.id}`} route="/assessments/:id">
      <AssessmentEditor assessment={draft} claim={claim} />
    </Providers>,
  );
}

describe('AssessmentEditor', () => {
  let sent: unknown[];
  let searches: URL[];

  beforeEach(() => {
    sent = [];
    searches = [];
  });

  function answer(put: (body: unknown) => Response) {
    net.handler = async (req, url) => {
      if (req.method === 'GET' && url.pathname === '/api/v1/parts') {
        searches.push(url);
        return json(hitsJson);
      }
      if (req.method === 'GET' && url.pathname.startsWith('/api/v1/parts/')) return json(part(url.pathname.split('/').pop()!));
      if (req.method === 'PUT' && url.pathname === `/api/v1/assessments/${draft.id}`) {
        const body: unknown = await req.json();
        sent.push(body);
        return put(body);
      }
      return json({ type: 'about:blank', title: '未找到', status: 404, detail: '未找到', code: 'not_found' }, 404);
    };
  }

  it('searches the vehicle’s parts, adds one and saves the lines as the API takes them', async () => {
    answer(() => json(draft));
    renderEditor();
    expect(screen.getAllByLabelText('数量')).toHaveLength(5);

    fireEvent.change(screen.getByLabelText('配件查询'), { target: { value: '大灯' } });
    const add = await screen.findByLabelText('添加 右前大灯总成', undefined, { timeout: 5000 });
    // The search is scoped to the claim's vehicle model.
    expect(searches.at(-1)?.searchParams.get('q')).toBe('大灯');
    expect(searches.at(-1)?.searchParams.get('vehicleModelId')).toBe(claim.vehicleModelId);
    fireEvent.click(add);
    await waitFor(() => expect(screen.getAllByLabelText('数量')).toHaveLength(6));

    const quantities = screen.getAllByLabelText('数量');
    fireEvent.change(quantities[5]!, { target: { value: '2' } });
    const hours = screen.getAllByLabelText('工时');
    fireEvent.change(hours[5]!, { target: { value: '1.5' } });
    fireEvent.click(saveButton());

    await waitFor(() => expect(sent).toHaveLength(1));
    const [headlamp, tailLamp, shock, airbag] = draft.lines;
    expect(sent[0]).toEqual({
      lines: [
        { partId: headlamp!.partId, quantity: 1, operation: 'replace', labourHours: 1.5, photoUrls: ['https://img.example.com/claims/1.jpg'] },
        { partId: tailLamp!.partId, quantity: 1, operation: 'replace', labourHours: 1, photoUrls: [] },
        { partId: shock!.partId, quantity: 2, operation: 'replace', labourHours: 2, photoUrls: [] },
        { partId: airbag!.partId, quantity: 1, operation: 'replace', labourHours: 1, photoUrls: [] },
        // A free-text repair line keeps its remark in its description, as it came.
        { description: '左前叶子板（钣金修复）', quantity: 1, operation: 'repair', labourHours: 3, photoUrls: [] },
        { partId: hitsJson.items[1]!.id, quantity: 2, operation: 'replace', labourHours: 1.5, photoUrls: [] },
      ],
    });
    expect(await screen.findByText('定损项目已保存')).toBeTruthy();
  });

  it('shows the server’s error on the line field it names', async () => {
    answer(() => json(badJson, 400));
    renderEditor();
    fireEvent.click(saveButton());
    await waitFor(() => expect(sent).toHaveLength(1));
    // badJson: errors [{ path: 'lines.0.quantity', message: '不能小于 1' }]
    const firstQuantity = screen.getAllByLabelText('数量')[0]!.closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(firstQuantity).getByText('不能小于 1')).toBeTruthy());
    const secondQuantity = screen.getAllByLabelText('数量')[1]!.closest('.ant-form-item') as HTMLElement;
    expect(within(secondQuantity).queryByText('不能小于 1')).toBeNull();
    expect(screen.getByTestId('editor-problem').textContent).toContain('保存失败');
  });

  it('refuses a photo address that is not http(s)', async () => {
    answer(() => json(draft));
    renderEditor();
    fireEvent.click(screen.getAllByLabelText('照片')[1]!);
    const input = await screen.findByLabelText('https://… 照片地址');
    fireEvent.change(input, { target: { value: 'ftp://example.com/a.jpg' } });
    fireEvent.click(within(input.closest('.ant-space-compact') as HTMLElement).getByRole('button'));
    expect(await screen.findByText('请输入有效的 http(s) 地址')).toBeTruthy();
  });
});
