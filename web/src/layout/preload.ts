import type { OrgKind } from '../api/types.ts';
import { lazyPage } from '../workbenches/lazy-page.ts';
import { workbenchRoutes } from '../workbenches/registry.ts';
import { pagesFor } from './menu.ts';

// The signed-in frame and its home page, each its own chunk (App.tsx routes them).
export const ShellPage = lazyPage(() => import('./Shell.tsx'));
export const HomePage = lazyPage(() => import('../pages/HomePage.tsx'));

// While someone reads the sign-in page, fetch what every signed-in user sees first.
export function preloadShell(): void {
  void ShellPage.preload();
  void HomePage.preload();
}

// Once we know who signed in, fetch their menu's workbenches too, so the first click opens at once
// rather than waiting for its chunks: a few of them, since the menu follows the user's roles.
export function preloadWorkbenches(roles: string[], kind: OrgKind, permissions: readonly string[] = []): void {
  preloadShell();
  for (const p of pagesFor(roles, kind, permissions)) workbenchRoutes.find((r) => r.path === p.path)?.page.preload();
}
