import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client captures fetch when it is created, and builds Requests from same-origin paths:
// both are stood in for before any import runs, and each test says what the server answers.
const api = vi.hoisted(() => {
  type Handler = (req: Request) => Response | Promise<Response>;
  const state: { handler: Handler; requests: Request[] } = { handler: () => new Response('{}', { status: 500 }), requests: [] };
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, 'http://console.test').href : input, init);
    }
  } as typeof Request;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    state.requests.push(req);
    return state.handler(req);
  }) as typeof fetch;
  return state;
});

import { NewClaimForm } from './NewClaimForm.tsx';
import { VinField } from './VinField.tsx';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

// Real answer shapes of GET /api/v1/vin/{vin} (catalog/vin-lookup.ts).
const model = (id: string, name: string, engine: string) => ({
  id,
  code: `M-${id.slice(-4)}`,
  brand: '丰田',
  brandEn: 'Toyota',
  series: '凯美瑞',
  model: name,
  yearFrom: 2018,
  yearTo: 2024,
  engine,
  body: 'sedan',
  wmi: 'LVG',
  vdsPattern: 'BV1E*',
  sampleVin: null,
});
const CAMRY = model('0190a1b2-0000-7000-8000-000000000001', '凯美瑞 2.0L 2018-2024', '2.0L');
const CAMRY_HEV = model('0190a1b2-0000-7000-8000-000000000002', '凯美瑞 双擎 2.5L 2018-2024', '2.5L HEV');
const decoded = (vin: string, vehicleModels: unknown[]) => ({
  vin,
  checkDigitValid: true,
  checkDigitRequired: true,
  warnings: [],
  wmi: vin.slice(0, 3),
  vds: vin.slice(3, 8),
  manufacturer: '广汽丰田',
  manufacturerEn: 'GAC Toyota',
  country: 'CN',
  countryName: '中国',
  modelYear: 2023,
  plant: vin[10],
  serial: vin.slice(11),
  vehicleModels,
});
const ONE_VIN = 'LVGBV1EK3PA123456';
const TWO_VIN = 'LVGBV1EK5PA654321';
const BAD_VIN = 'LVGBV1EK1PA123456';

function serve(extra?: (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>) {
  api.handler = async (req) => {
    const url = new URL(req.url);
    const own = await extra?.(req, url);
    if (own) return own;
    if (url.pathname === `/api/v1/vin/${ONE_VIN}`) return json(decoded(ONE_VIN, [CAMRY]));
    if (url.pathname === `/api/v1/vin/${TWO_VIN}`) return json(decoded(TWO_VIN, [CAMRY, CAMRY_HEV]));
    if (url.pathname === `/api/v1/vin/${BAD_VIN}`) {
      return problem(
        {
          type: 'https://anpei.dev/problems/invalid_vin',
          title: '车架号无效',
          status: 422,
          detail: `车架号 ${BAD_VIN} 无效：第 9 位校验位应为 3，实为 1`,
          code: 'invalid_vin',
          errors: [{ path: 'vin', in: 'params', code: 'vin_check_digit', message: '第 9 位校验位应为 3，实为 1' }],
        },
        422,
      );
    }
    if (url.pathname === '/api/v1/regions') return json({ items: [{ code: '330000', name: '浙江省', level: 1, parent: null }] });
    if (url.pathname === '/api/v1/repair-shops')
      return json({ items: [{ id: '0190a1b2-0000-7000-8000-0000000000aa', name: '杭州西湖顺捷汽车服务有限公司', regionCode: '330106', regionName: '浙江省 杭州市 西湖区' }], nextCursor: null });
    return problem({ type: 'about:blank', title: 'Not found', status: 404, detail: '未找到', code: 'not_found' }, 404);
  };
}

function wrap(children: ReactNode) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <App>{children}</App>
    </QueryClientProvider>,
  );
}

function Harness({ onModel }: { onModel: (id: string | undefined) => void }) {
  const [vin, setVin] = useState('');
  const [modelId, setModelId] = useState<string>();
  return (
    <VinField
      value={vin}
      onChange={setVin}
      modelId={modelId}
      onModelChange={(id) => {
        setModelId(id);
        onModel(id);
      }}
    />
  );
}

const vinInput = () => within(screen.getByTestId('vin-field')).getByRole('textbox');
const type = (text: string) => fireEvent.change(vinInput(), { target: { value: text } });
const vinCalls = () => api.requests.filter((r) => new URL(r.url).pathname.startsWith('/api/v1/vin/'));

beforeEach(() => {
  api.requests = [];
  serve();
});

describe('VinField', () => {
  it('counts while typing, normalises, and asks the API nothing before 17 characters', async () => {
    wrap(<Harness onModel={() => {}} />);
    type('lvg bv1ek3');
    expect((vinInput() as HTMLInputElement).value).toBe('LVGBV1EK3');
    expect(screen.getByText('已输入 9 / 17 位')).toBeTruthy();
    expect(screen.getByTestId('vin-state').dataset.state).toBe('typing');
    expect(vinCalls()).toHaveLength(0);
  });

  it('says a wrong check digit plainly, in the server’s words', async () => {
    wrap(<Harness onModel={() => {}} />);
    type(BAD_VIN);
    await screen.findByText(/第 9 位校验位应为 3，实为 1/);
    expect(screen.getByTestId('vin-state').dataset.state).toBe('invalid');
    expect(vinCalls()).toHaveLength(1);
  });

  it('decodes a VIN with one model: check digit, maker, model year, and takes the model', async () => {
    const onModel = vi.fn();
    wrap(<Harness onModel={onModel} />);
    type(ONE_VIN.toLowerCase());
    expect(screen.getByText('正在解析车架号…')).toBeTruthy();
    await screen.findByText('校验位正确');
    expect(screen.getByText('广汽丰田')).toBeTruthy();
    expect(screen.getByText('2023')).toBeTruthy();
    expect(screen.getByTestId('vin-model').textContent).toContain('丰田 凯美瑞 2.0L 2018-2024');
    await waitFor(() => expect(onModel).toHaveBeenCalledWith(CAMRY.id));
  });

  it('offers the models to choose from when the VIN maps to several', async () => {
    const onModel = vi.fn();
    wrap(<Harness onModel={onModel} />);
    type(TWO_VIN);
    await screen.findByText('该车架号对应 2 个车型，请选择：');
    expect(onModel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('radio', { name: /双擎/ }));
    expect(onModel).toHaveBeenCalledWith(CAMRY_HEV.id);
    expect((screen.getByRole('radio', { name: /双擎/ }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('NewClaimForm', () => {
  const filled = {
    claimNo: 'RDAA2026330100000123',
    policyNo: 'PDAA202533010000012345',
    plate: '浙A12345',
    accidentDate: dayjs('2026-12-01'),
    accidentRegionCode: '330106',
    repairShopOrgId: '0190a1b2-0000-7000-8000-0000000000aa',
  };

  it('shows the server’s problem+json error on the VIN field, sent with an Idempotency-Key', async () => {
    let sent: { body: Record<string, unknown>; key: string | null } | undefined;
    serve(async (req, url) => {
      if (url.pathname === '/api/v1/claims' && req.method === 'POST') {
        sent = { body: (await req.json()) as Record<string, unknown>, key: req.headers.get('idempotency-key') };
        return problem(
          {
            type: 'https://anpei.dev/problems/validation_failed',
            title: '输入有误',
            status: 400,
            detail: '请求中有 1 处错误',
            code: 'validation_failed',
            errors: [{ path: 'vin', in: 'body', code: 'vin_check_digit', message: '该车架号已被另一报案使用（演示错误）' }],
          },
          400,
        );
      }
      return undefined;
    });
    const onCreated = vi.fn();
    wrap(<NewClaimForm onCreated={onCreated} initialValues={filled} />);
    type(ONE_VIN);
    await screen.findByText('校验位正确');
    fireEvent.click(screen.getByTestId('file-claim'));
    const vinItem = () => screen.getByTestId('vin-field').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(vinItem()).getByText('该车架号已被另一报案使用（演示错误）')).toBeTruthy(), { timeout: 5000 });
    expect(sent?.body).toMatchObject({ vin: ONE_VIN, vehicleModelId: CAMRY.id, accidentDate: '2026-12-01', accidentRegionCode: '330106', plate: '浙A12345' });
    expect(sent?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(onCreated).not.toHaveBeenCalled();
    // Every error found its field: nothing is left for the alert.
    expect(screen.queryByTestId('claim-form-error')).toBeNull();
  });

  it('asks for a model before filing when the VIN maps to several', async () => {
    wrap(<NewClaimForm onCreated={() => {}} initialValues={filled} />);
    type(TWO_VIN);
    await screen.findByText('该车架号对应 2 个车型，请选择：');
    fireEvent.click(screen.getByTestId('file-claim'));
    await screen.findByText('请选择车型', undefined, { timeout: 5000 });
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });
});
