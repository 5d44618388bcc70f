import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

// What the workbench's component tests share: the providers the pages run in, and answers in the
// API's own shapes (fixtures/*.json were written by the real server on the demo world: see the
// note in fixtures/README.md).

export type Handler = (req: Request, url: URL) => Response | Promise<Response>;
export type Net = { handler: Handler | undefined };

const BASE = 'http://localhost:3000';

// Puts a stand-in for the network in place, answering with what a test sets as `handler`. The API
// client keeps the fetch it found when it was made, so this runs before any module is imported
// (from vi.hoisted); and Node's Request refuses the client's same-origin paths (/api/v1/…), which a
// browser resolves against the page, so it is given the page's origin.
export function installNet(): Net {
  const net: Net = { handler: undefined };
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' && input.startsWith('/') ? new URL(input, BASE) : input, init);
    }
  } as typeof Request;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    if (!net.handler) throw new Error(`no answer for ${req.method} ${req.url}`);
    return net.handler(req, new URL(req.url));
  }) as typeof fetch;
  return net;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

export function Providers({ children, path = '/', route = '*' }: { children: ReactNode; path?: string; route?: string }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={zhCN}>
        <AntApp>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={route} element={children} />
              <Route path="*" element={<div data-testid="elsewhere" />} />
            </Routes>
          </MemoryRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
