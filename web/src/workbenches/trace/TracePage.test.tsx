import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiAnswer } from '../../api/types.ts';
import i18n from '../../i18n/index.ts';
import TraceHome from './TraceHome.tsx';
import TracePage from './TracePage.tsx';

// openapi-fetch keeps the fetch it finds when the client module loads, so the stand-in is put in
// place before any import runs, and each test says what the server answers. It builds a Request
// from a same-origin path, which Node's Request refuses: paths are read against the page's address,
// as a browser does.
const server = vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
    }
  } as typeof Request;
  const state: { answer: (url: string, init?: RequestInit) => Response } = { answer: () => new Response(null, { status: 500 }) };
  const requests: Request[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    requests.push(request);
    return state.answer(request.url, init);
  }) as typeof fetch;
  return { state, requests };
});

type Answer = ApiAnswer<'/api/v1/trace/{code}'>;

const CODE = 'AP7K3-M9QXD-T2FWP';

// The API's answers as the server words them in Chinese (see test/trace.test.ts).
const installed: Answer = {
  code: CODE,
  status: 'installed',
  statusText: '已安装到车辆',
  product: { name: '前保险杠皮 认证', brand: '安信' },
  grade: 'certified',
  gradeText: '认证件',
  certification: { body: '美国汽车零部件认证协会', number: 'CAPA-2025-00123', validFrom: '2025-01-01', validTo: '2027-12-31', validToday: true },
  supplier: { name: '安信汽配（常州）有限公司' },
  lotNo: 'AX-2026-11',
  shippedOn: '2026-12-01',
  installed: true,
  installedOn: '2026-12-03',
  vinMasked: '*************3456',
  revoked: false,
  revokedReason: null,
  warning: null,
};

const recalled: Answer = {
  ...installed,
  status: 'recalled',
  statusText: '该批次已召回',
  warning: '警告：该配件所属批次已被召回，请勿继续安装或使用。如已安装在您的车上，请尽快联系为您维修的维修厂或保险公司处理。',
};

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string, detail: string) => json({ type: `https://anpei.dev/problems/${code}`, title: 't', status, detail, code }, status, 'application/problem+json');

function renderAt(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/trace" element={<TraceHome />} />
          <Route path="/trace/:code" element={<TracePage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('TracePage', () => {
  beforeEach(async () => {
    server.requests.length = 0;
    await i18n.changeLanguage('zh-CN');
  });
  afterEach(() => {
    server.state.answer = () => new Response(null, { status: 500 });
  });

  it('says a genuine, installed part is 正品 in green, with its grade, certificate, maker, days and the masked VIN', async () => {
    server.state.answer = () => json(installed);
    renderAt(`/trace/${CODE}`);
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.tone).toBe('ok');
    expect(within(verdict).getByText('正品')).toBeTruthy();
    expect(verdict.textContent).toContain('对应一件真实的认证件');
    for (const text of ['前保险杠皮 认证', '安信', '认证件', '美国汽车零部件认证协会', '今日有效', '安信汽配（常州）有限公司', '批次号', 'AX-2026-11', '已安装到车辆', '2026-12-01', '2026-12-03']) {
      expect(screen.getAllByText(text, { exact: false }).length, text).toBeGreaterThan(0);
    }
    expect(screen.getByTestId('vin-masked').textContent).toBe('车架号 *************3456');
    // The code is asked for as typed, in the user's language.
    expect(new URL(server.requests[0]!.url).pathname).toBe(`/api/v1/trace/${CODE}`);
    expect(server.requests[0]!.headers.get('accept-language')).toBe('zh-CN');
    // No English left in the Chinese page.
    expect(document.body.textContent).not.toMatch(/installed|certified|Genuine/);
  });

  it('says a recalled part plainly in red, with the server’s warning, not 正品', async () => {
    server.state.answer = () => json(recalled);
    renderAt(`/trace/${CODE}`);
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.tone).toBe('danger');
    expect(within(verdict).getByText('已召回')).toBeTruthy();
    expect(verdict.textContent).toContain('该配件所属批次已被召回');
    expect(screen.queryByText('正品')).toBeNull();
  });

  it('says an unknown code does not exist, in red, and offers another search', async () => {
    server.state.answer = () => problem(404, 'trace_code_unknown', '没有这个追溯码，请核对后重试。');
    renderAt('/trace/AP000-00000-00000');
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.tone).toBe('danger');
    expect(within(verdict).getByText('查无此码')).toBeTruthy();
    expect(verdict.textContent).toContain('该配件可能不是正品');
    expect(screen.getByText('查询其他追溯码')).toBeTruthy();
  });

  it('says a mistyped code in orange with the server’s words', async () => {
    server.state.answer = () => problem(422, 'trace_code_mistyped', '追溯码中有字符输错了（校验位不符）。');
    renderAt('/trace/AP7K3-M9QXD-T2FWX');
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.tone).toBe('warn');
    expect(verdict.textContent).toContain('追溯码中有字符输错了');
  });

  it('speaks English when chosen, and says a withdrawn certificate in red', async () => {
    await i18n.changeLanguage('en');
    server.state.answer = () =>
      json({
        ...installed,
        status: 'revoked',
        statusText: 'Certification withdrawn',
        revoked: true,
        revokedReason: 'audit',
        warning: 'Warning: the certification of this part’s batch has been withdrawn.',
      });
    renderAt(`/trace/${CODE}`);
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.tone).toBe('danger');
    expect(within(verdict).getByText('Certification withdrawn')).toBeTruthy();
    expect(server.requests[0]!.headers.get('accept-language')).toBe('en');
    expect(screen.getByText('Supplier / maker')).toBeTruthy();
  });
});

type Vehicle = ApiAnswer<'/api/v1/trace/vehicle', 'post'>;

const vehicle: Vehicle = {
  vinMasked: '*************3456',
  plate: '沪A88888',
  vehicleModel: '大众 速腾 1.4T 2019-2025',
  complete: true,
  claims: [
    {
      accidentDate: '2026-11-20',
      insurer: { name: '中国人民财产保险股份有限公司（演示）' },
      repairShop: { name: '上海浦东安达汽车维修有限公司' },
      parts: [
        {
          product: installed.product,
          grade: 'certified',
          gradeText: '认证件',
          certification: installed.certification,
          supplier: installed.supplier,
          qty: 1,
          status: 'installed',
          statusText: '已安装到车辆',
          shippedOn: '2026-12-01',
          deliveredOn: '2026-12-02',
          installedOn: '2026-12-03',
          traceCodes: [CODE],
          recalled: true,
          warning: recalled.warning,
        },
      ],
    },
  ],
};

describe('the vehicle lookup', () => {
  beforeEach(async () => {
    server.requests.length = 0;
    await i18n.changeLanguage('zh-CN');
  });

  async function ask(vin: string, plate: string) {
    renderAt('/trace?tab=vehicle');
    fireEvent.change(await screen.findByLabelText('车架号（VIN）'), { target: { value: vin } });
    fireEvent.change(screen.getByLabelText('车牌号'), { target: { value: plate } });
    fireEvent.click(screen.getByRole('button', { name: /查询我的车/ }));
  }

  it('sends the VIN and plate in a POST body and lists the parts, a recalled one in red, with links to their codes', async () => {
    server.state.answer = () => json(vehicle);
    await ask('lfv3a2b77nc102345', '沪A88888');
    const result = await screen.findByTestId('vehicle-result');
    const request = server.requests[0]!;
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/trace/vehicle');
    expect(await request.json()).toEqual({ vin: 'LFV3A2B77NC102345', plate: '沪A88888' });
    for (const text of ['大众 速腾 1.4T 2019-2025', '*************3456', '事故日期 2026-11-20', '上海浦东安达汽车维修有限公司', '前保险杠皮 认证', '认证件', '2026-12-03']) {
      expect(within(result).getAllByText(text, { exact: false }).length, text).toBeGreaterThan(0);
    }
    expect(within(result).getByRole('link', { name: CODE }).getAttribute('href')).toBe(`/trace/${CODE}`);
    expect(within(result).getAllByText(/该配件所属批次已被召回/).length).toBeGreaterThan(0);
  });

  it('shows the server’s VIN error under the VIN field', async () => {
    server.state.answer = () =>
      json(
        {
          type: 'about:blank',
          title: '车架号（VIN）无效',
          status: 422,
          code: 'invalid_vin',
          detail: '车架号 LFV3A 有误：车架号应为 17 位（现为 5 位）',
          errors: [{ path: 'vin', in: 'body', code: 'vin_length', message: '车架号应为 17 位（现为 5 位）' }],
        },
        422,
        'application/problem+json',
      );
    await ask('LFV3A', '沪A88888');
    expect(await screen.findByText('车架号应为 17 位（现为 5 位）')).toBeTruthy();
    expect(screen.queryByTestId('vehicle-verdict')).toBeNull();
  });

  it('says plainly, in red, that nothing matches', async () => {
    server.state.answer = () => problem(404, 'trace_vehicle_unknown', '没有找到车架号与车牌号同时相符的理赔维修记录。');
    await ask('LFV3A2B77NC102345', '沪A88889');
    const verdict = await screen.findByTestId('vehicle-verdict');
    expect(verdict.dataset.tone).toBe('danger');
    expect(within(verdict).getByText('未找到相符的维修记录')).toBeTruthy();
  });
});
