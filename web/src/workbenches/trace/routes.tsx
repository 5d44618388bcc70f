import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// The car owner's pages (车主): public, without sign-in or the shell, made for a phone first.
export const routes: WorkbenchRoute[] = [
  { path: '/trace', page: lazyPage(() => import('./TraceHome.tsx')), public: true },
  { path: '/trace/:code', page: lazyPage(() => import('./TracePage.tsx')), public: true },
];
