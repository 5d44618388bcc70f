import { cleanup } from '@testing-library/react';
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
