import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Quote } from './api.ts';
import claimJson from './fixtures/claim.json';
import quoteJson from './fixtures/quote.json';

// The network's stand-in goes in before the API client is made (the client keeps the fetch it
// found; see the assessment workbench's test-kit).
const net = await vi.hoisted(async () => (await import('../assessment/test-kit.tsx')).installNet());

const { default: PriceCheckPage } = await import('./PriceCheckPage.tsx');
const { Providers, json } = await import('../assessment/test-kit.tsx');

// The demo quote as the server wrote it, with its headlamp (line 1) over the line threshold so it
// waits for a human too: lines 1, 3 and 4 wait; line 2 was approved automatically (¥887.00).
const base = quoteJson as Quote;
const headlamp = base.lines[0]!;
const quote: Quote = {
  ...base,
  lines: base.lines.map((l, i) =>
    i === 0
      ? {
          ...l,
          approval: {
            ...l.approval,
            status: 'pending',
            reasons: [{ code: 'approval_line_amount', text: '单项金额 2207.00 元超过核价阈值 1000.00 元', params: {} }],
            unitFen: null,
            amountFen: null,
            approvedAt: null,
          },
        }
      : l,
  ),
  pendingLineIds: [headlamp.id, ...base.pendingLineIds],
};
const shock = quote.lines[2]!;
const airbag = quote.lines[3]!;

function renderPage() {
  return render(
    <Providers path={`/price-check/${quote.assessmentId}`} route="/price-check/:assessmentId">
      <PriceCheckPage />
    </Providers>,
  );
}

const totals = () => screen.getByTestId('totals').textContent ?? '';
const row = (id: string) => document.querySelector(`tr[data-row-key="${id}"]`) as HTMLElement;
const key = (k: string, extra: KeyboardEventInit = {}) => act(() => void fireEvent.keyDown(window, { key: k, ...extra }));

describe('PriceCheckPage', () => {
  let posted: unknown[];
  let approveAnswer: () => Response;

  beforeEach(() => {
    posted = [];
    approveAnswer = () => json({ ...quote, assessmentStatus: 'approved', pendingLineIds: [] });
    net.handler = async (req, url) => {
      if (req.method === 'GET' && url.pathname === `/api/v1/assessments/${quote.assessmentId}/quote`) return json(quote);
      if (req.method === 'GET' && url.pathname === `/api/v1/claims/${quote.claimId}`) return json(claimJson);
      if (req.method === 'POST' && url.pathname === `/api/v1/assessments/${quote.assessmentId}/approve`) {
        posted.push(await req.json());
        return approveAnswer();
      }
      return json({ type: 'about:blank', title: 'Not found', status: 404, detail: '未找到', code: 'not_found' }, 404);
    };
  });

  it('shows each waiting line with its offer, OE reference and reasons, and the totals follow the decisions', async () => {
    renderPage();
    await screen.findByText('核价 · 案件 PICC-FX-0001');
    expect(screen.getByTestId('key-hint').textContent).toContain('Ctrl+Enter');
    const lamp = row(headlamp.id);
    expect(lamp.textContent).toContain('左前大灯总成');
    expect(within(lamp).getByText('认证件')).toBeTruthy();
    expect(lamp.textContent).toContain('¥3,571.00');
    expect(lamp.textContent).toContain('单项金额 2207.00 元超过核价阈值 1000.00 元');
    expect(row(shock.id).textContent).toContain('无可用报价');
    // Line 2 approved (¥887.00) plus the headlamp as quoted (¥2,207.00); lines without an offer buy nothing.
    expect(totals()).toContain('¥3,094.00');
    expect(totals()).toContain('¥4,691.00');

    // c corrects the active line (the headlamp): a cap of ¥2,000 lowers the approved amount.
    key('c');
    const cap = await waitFor(() => document.getElementById(`cap-${headlamp.id}`) as HTMLInputElement);
    fireEvent.change(cap, { target: { value: '2000' } });
    await waitFor(() => expect(totals()).toContain('¥2,887.00'));
    fireEvent.blur(cap);
    key('Escape');
    await waitFor(() => expect((document.getElementById(`cap-${headlamp.id}`) as HTMLInputElement).value).toBe('2000.00'));
    // ¥4,691.00 − ¥2,887.00 saved.
    expect(totals()).toContain('¥1,804.00');

    // Another offer of the ranking (the runner-up at ¥2,639.00), the cap cleared: paid at its price.
    fireEvent.mouseDown(lamp.querySelector('.ant-select-selector') ?? lamp.querySelector('.ant-select')!);
    fireEvent.click(await screen.findByText('认证件 · 安信 · ¥2,639.00'));
    fireEvent.change(cap, { target: { value: '' } });
    await waitFor(() => expect(totals()).toContain('¥3,526.00'));

    // Sending it back takes it out of the totals altogether.
    fireEvent.click(within(lamp).getByText('退回'));
    await waitFor(() => expect(totals()).toContain('¥887.00'));
    // Accepting puts the quoted price back.
    fireEvent.click(within(lamp).getByText('通过'));
    await waitFor(() => expect(totals()).toContain('¥3,094.00'));
  });

  it('sends one decision per decided line, from the keyboard, and goes back to the queue', async () => {
    renderPage();
    await screen.findByText('核价 · 案件 PICC-FX-0001');
    key('c');
    fireEvent.change(await waitFor(() => document.getElementById(`cap-${headlamp.id}`) as HTMLInputElement), { target: { value: '2000.50' } });
    (document.activeElement as HTMLElement | null)?.blur();
    key('j');
    key('b');
    fireEvent.change(await waitFor(() => document.getElementById(`reason-${shock.id}`) as HTMLInputElement), { target: { value: '询价未果，追加定损时重报' } });
    // Ctrl+Enter inside a field still submits; the airbag stays undecided.
    key('Enter', { ctrlKey: true });
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      lines: [
        { quoteLineId: headlamp.id, action: 'correct', priceCapFen: 200050 },
        { quoteLineId: shock.id, action: 'send_back', reason: '询价未果，追加定损时重报' },
      ],
    });
    expect(airbag.id).toBeTruthy();
    await screen.findByTestId('elsewhere');
  });

  it('refuses an incomplete decision before sending, and shows the server’s problem on its line', async () => {
    approveAnswer = () =>
      json(
        {
          type: 'urn:anpei:problem:validation_failed',
          title: '请求参数有误',
          status: 400,
          detail: '请求中有 1 处错误，请修改后重试。',
          code: 'validation_failed',
          instance: `/api/v1/assessments/${quote.assessmentId}/approve`,
          requestId: '01a24504-c8a8-768c-a517-612e83c39c73',
          errors: [{ path: 'lines.1.offerId', in: 'body', code: 'unknown_reference', message: '报价不存在' }],
        },
        400,
      );
    renderPage();
    await screen.findByText('核价 · 案件 PICC-FX-0001');
    key('a');
    // The active line moved on to the shock absorber; c without a pick or a cap is incomplete.
    key('c');
    key('Enter', { ctrlKey: true });
    await screen.findByText('请改选报价或填写单价限价');
    expect(screen.getByText('有 1 项决定尚不完整')).toBeTruthy();
    expect(posted).toHaveLength(0);

    fireEvent.change(document.getElementById(`cap-${shock.id}`)!, { target: { value: '400' } });
    key('Enter', { ctrlKey: true });
    await waitFor(() => expect(posted).toHaveLength(1));
    expect((posted[0] as { lines: unknown[] }).lines).toEqual([
      { quoteLineId: headlamp.id, action: 'accept' },
      { quoteLineId: shock.id, action: 'correct', priceCapFen: 40000 },
    ]);
    // lines.1 is the shock absorber: the message lands on its row, the summary on top.
    await waitFor(() => expect(within(row(shock.id)).getByText('报价不存在')).toBeTruthy());
    expect(within(row(headlamp.id)).queryByText('报价不存在')).toBeNull();
    expect(screen.getByText('请求中有 1 处错误，请修改后重试。')).toBeTruthy();
    expect(screen.queryByTestId('elsewhere')).toBeNull();
  });
});
