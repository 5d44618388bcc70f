import type { LazyPage } from './lazy-page.ts';

// Each workbench is a folder under workbenches/ with a routes.tsx that exports its pages, and
// locales/{zh-CN,en}.json with its text (the i18next namespace is the folder's name). App.tsx and
// i18n/index.ts find them by those names, so adding a workbench touches no shared file.
export type WorkbenchRoute = {
  // A react-router path, e.g. '/claims/:id'.
  path: string;
  page: LazyPage;
  // Public pages (the car owner's trace lookup) render without the signed-in shell.
  public?: boolean;
};

const modules = import.meta.glob<{ routes: WorkbenchRoute[] }>('./*/routes.tsx', { eager: true });

export const workbenchRoutes: WorkbenchRoute[] = Object.values(modules).flatMap((m) => m.routes);
