import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Payment } from './api.ts';
import paymentJson from './fixtures/payment.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { RefundModal } = await import('./RefundModal.tsx');

// PICC's payment with ¥5.00 left over, from the account it came from.
const payment = { ...(paymentJson as Payment), payerAccount: '6222 0201 0000 1234' };
let sent: unknown[] = [];
let answer: () => Response;

beforeEach(() => {
  sent = [];
  answer = () => json({ id: '01a24800-0000-7000-8000-0000000000aa', refundNo: 'RF20261207000000AA', status: 'requested' }, 201);
  net.handler = async (req, url) => {
    sent.push({ path: url.pathname, body: await req.json() });
    return answer();
  };
});

const show = () =>
  render(
    <Providers>
      <RefundModal payment={payment} onClose={() => undefined} />
    </Providers>,
  );
const submit = () => fireEvent.click(screen.getByRole('button', { name: '提交申请' }));

describe('RefundModal', () => {
  it('offers what is left, to the account it came from, and refuses more or no reason before sending', async () => {
    show();
    const amount = screen.getByLabelText('退款金额') as HTMLInputElement;
    expect(amount.value).toBe('5.00');
    expect((screen.getByLabelText('退回账号') as HTMLInputElement).value).toBe('6222 0201 0000 1234');
    fireEvent.change(amount, { target: { value: '5.01' } });
    submit();
    expect(await screen.findByText('不能超过可退金额 ¥5.00')).toBeTruthy();
    expect(await screen.findByText('请填写退款原因')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(amount, { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('退款原因'), { target: { value: '  多付  ' } });
    fireEvent.change(screen.getByLabelText('退回账号'), { target: { value: ' 6222 9999 ' } });
    submit();
    await waitFor(() => expect(sent).toEqual([{ path: `/api/v1/payments/${payment.id}/refunds`, body: { amountFen: 300, reason: '多付', toAccount: '6222 9999' } }]));
  });

  it('asks where to send it when the payment does not say where it came from', async () => {
    render(
      <Providers>
        <RefundModal payment={{ ...payment, payerAccount: null }} onClose={() => undefined} />
      </Providers>,
    );
    fireEvent.change(screen.getByLabelText('退款原因'), { target: { value: '多付' } });
    submit();
    expect(await screen.findByText('该笔收款未记录付款账号，请填写退回账号')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('shows the server’s bound under the amount as it said it, in yuan', async () => {
    answer = () =>
      json(
        {
          type: 'x',
          title: '请求参数有误',
          status: 400,
          code: 'validation_failed',
          detail: '请求中有 1 处错误，请修改后重试。',
          errors: [{ path: 'amountFen', in: 'body', code: 'refund_over_left', message: '超过该笔收款可退金额 ¥2.00' }],
        },
        400,
      );
    show();
    fireEvent.change(screen.getByLabelText('退款原因'), { target: { value: '多付' } });
    submit();
    expect(await screen.findByText('超过该笔收款可退金额 ¥2.00')).toBeTruthy();
  });

  // useFormSubmission's rule, which every form of the console follows: the answer lost, the same
  // request again (the server applies it once); refused, the next is a new request.
  it('sends again under the same key when the answer was lost, and under a new one after a refusal', async () => {
    const keysSent: (string | null)[] = [];
    const answers: (() => Response)[] = [
      () => {
        throw new TypeError('fetch failed');
      },
      () => json({ type: 'x', title: '状态不允许', status: 409, code: 'invalid_state', detail: '该收款当前状态不允许此操作。' }, 409),
      () => json({ id: '01a24800-0000-7000-8000-0000000000ab', refundNo: 'RF20261207000000AB', status: 'requested' }, 201),
    ];
    net.handler = async (req) => {
      keysSent.push(req.headers.get('idempotency-key'));
      return answers[keysSent.length - 1]!();
    };
    show();
    fireEvent.change(screen.getByLabelText('退款原因'), { target: { value: '多付' } });
    submit();
    expect(await screen.findByText('无法连接服务器，请检查网络后重试。')).toBeTruthy();
    submit();
    expect(await screen.findByText('该收款当前状态不允许此操作。')).toBeTruthy();
    submit();
    await waitFor(() => expect(keysSent).toHaveLength(3));
    expect(keysSent[0]).toMatch(/^[\w-]{8,}$/);
    expect(keysSent[1]).toBe(keysSent[0]);
    expect(keysSent[2]).not.toBe(keysSent[1]);
  });

  it('says the first may have been done when the form changed after a lost answer', async () => {
    const keysSent: (string | null)[] = [];
    net.handler = async (req) => {
      keysSent.push(req.headers.get('idempotency-key'));
      if (keysSent.length === 1) throw new TypeError('fetch failed');
      return json({ type: 'x', title: '幂等键冲突', status: 409, code: 'idempotency_key_reused', detail: '幂等键 k 已用于另一个不同的请求；请换一个新的键。' }, 409);
    };
    show();
    fireEvent.change(screen.getByLabelText('退款原因'), { target: { value: '多付' } });
    submit();
    expect(await screen.findByText('无法连接服务器，请检查网络后重试。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('退款金额'), { target: { value: '4' } });
    submit();
    expect(await screen.findByText('上一次提交结果未知')).toBeTruthy();
    expect(screen.getByText(/上一次提交可能已经生效/)).toBeTruthy();
    expect(screen.queryByText(/幂等键/)).toBeNull();
    expect(keysSent[1]).toBe(keysSent[0]);
  });
});
