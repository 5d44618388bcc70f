import { render, screen, waitFor } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/client.ts';
import { fieldName, showProblemOnForm } from './problem-fields.ts';

describe('fieldName', () => {
  it.each([
    ['vin', ['vin']],
    ['lines.2.quantity', ['lines', 2, 'quantity']],
    ['a.b', ['a', 'b']],
  ])('%s → %j', (path, name) => expect(fieldName(path)).toEqual(name));
});

const problem = (errors: { path: string; in: string }[]) =>
  new ApiProblem({ type: 'about:blank', title: 't', status: 422, detail: '输入有误', code: 'validation_failed', errors: errors.map((e) => ({ ...e, code: 'x', message: `${e.path} 不对` })) });

describe('showProblemOnForm', () => {
  function setup() {
    let form!: FormInstance;
    // biome-ignore lint/correctness/noComponentHookFactories: a test harness made once per test, to hand the form out.
    function Harness() {
      const [f] = Form.useForm();
      form = f;
      return (
        <Form form={f}>
          <Form.Item name="plate" label="车牌">
            <Input />
          </Form.Item>
        </Form>
      );
    }
    render(<Harness />);
    return () => form;
  }

  it('shows a body error on its field and leaves nothing unsaid', async () => {
    const form = setup();
    expect(showProblemOnForm(form(), problem([{ path: 'plate', in: 'body' }]))).toBeUndefined();
    await waitFor(() => expect(screen.getByText('plate 不对')).toBeTruthy());
  });

  it('returns the detail when an error has no field on the form', () => {
    const form = setup();
    expect(
      showProblemOnForm(
        form(),
        problem([
          { path: 'plate', in: 'body' },
          { path: 'policyNo', in: 'body' },
        ]),
        (n) => n[0] === 'plate',
      ),
    ).toBe('输入有误');
  });

  it('ignores what is not a problem', () => {
    expect(showProblemOnForm(setup()(), new Error('x'))).toBeUndefined();
  });
});
