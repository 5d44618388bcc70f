import { render, screen, waitFor } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api/client.ts';
import fourEyes from './fixtures/four-eyes.json';
import tooMuch from './fixtures/resolve-too-much.json';
import { fieldMessage, problemOnForm, problemSaid, stateLabelIn } from './problem-form.ts';

describe('fieldMessage', () => {
  it('shows the fen of a money field’s bound as yuan', () => {
    expect(fieldMessage({ path: 'lines.0.creditFen', message: '不能大于 69300' })).toBe('不能大于 ¥693.00');
    expect(fieldMessage({ path: 'amountFen', message: 'must be at most 150000000' })).toBe('must be at most ¥1,500,000.00');
  });

  it('leaves a money field’s message the server said in yuan as it is', () => {
    expect(fieldMessage({ path: 'amountFen', message: '超过该笔收款可退金额 ¥1,000.00' })).toBe('超过该笔收款可退金额 ¥1,000.00');
  });

  it('leaves other fields’ messages as they are', () => {
    expect(fieldMessage({ path: 'lines.0.reason', message: '不能超过 500 个字符' })).toBe('不能超过 500 个字符');
  });
});

describe('problemOnForm', () => {
  function setup() {
    let form!: FormInstance;
    // biome-ignore lint/correctness/noComponentHookFactories: a test harness made once per test, to hand the form out.
    function Harness() {
      const [f] = Form.useForm();
      form = f;
      return (
        <Form form={f}>
          <Form.Item name={['credit', 'line-1']} label="调减金额">
            <Input />
          </Form.Item>
        </Form>
      );
    }
    render(<Harness />);
    return () => form;
  }

  it('puts a line’s error on that line’s field, in yuan', async () => {
    const form = setup();
    const rest = problemOnForm(form(), new ApiProblem(tooMuch as never), (path) => (path === 'lines.0.creditFen' ? ['credit', 'line-1'] : undefined));
    expect(rest).toBeUndefined();
    await waitFor(() => expect(screen.getByText('不能大于 ¥693.00')).toBeTruthy());
  });

  it('hands back the title and detail of a problem with no field (four eyes)', () => {
    expect(problemOnForm(setup()(), new ApiProblem(fourEyes as never))).toEqual({ title: '须由另一人审批', detail: '该对账单的上一步由您本人（或您创建的 API 密钥）完成，这一步须由另一人完成。' });
  });

  it('hands back the detail when an error names a field the form lacks', () => {
    expect(problemOnForm(setup()(), new ApiProblem(tooMuch as never), () => undefined)?.detail).toBe('请求中有 1 处错误，请修改后重试。');
  });

  it('ignores what is not a problem', () => {
    expect(problemOnForm(setup()(), new Error('offline'))).toBeUndefined();
  });
});

describe('problemSaid', () => {
  // The finance namespace's words as i18next answers them: the key itself when it has none.
  const words: Record<string, string> = { 'status.issued': '已开具', 'payoutStatus.pending': '待银行确认', 'financingStatus.funded': '已放款' };
  const t = (key: string) => words[key] ?? key;

  it('finds a state’s words among the statement’s, the payout’s and the financing request’s', () => {
    const label = stateLabelIn(t);
    expect([label('issued'), label('pending'), label('funded'), label('nonesuch')]).toEqual(['已开具', '待银行确认', '已放款', undefined]);
  });

  it('says an invalid_state refusal with the state in words', () => {
    const problem = { type: 'about:blank', title: '状态不允许', status: 409, code: 'invalid_state', detail: '融资申请当前状态为“funded”，不能执行该操作。' };
    expect(problemSaid(new ApiProblem(problem), t)).toEqual({ title: '状态不允许', detail: '融资申请当前状态为“已放款”，不能执行该操作。' });
  });
});
