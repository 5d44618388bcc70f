import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import './i18n/index.ts';

// jsdom lacks what antd's responsive pieces and the console read; plain stand-ins do.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
});
class ResizeObserverStandIn {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= ResizeObserverStandIn;

afterEach(() => cleanup());

// These suites run beside the server's on a 2-core machine, where a form's submit can take longer
// than Testing Library's default second to send (PayoutInvoices failed so in CI while the ledger
// tests ran): a slow answer is not a wrong one. What never comes still fails, ten seconds later.
configure({ asyncUtilTimeout: 10_000 });
