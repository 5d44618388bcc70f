import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { menuPages } from './layout/menu.ts';
import { HomePage, ShellPage as Shell } from './layout/preload.ts';
import { workbenchRoutes } from './workbenches/registry.ts';

// Every page is its own chunk: the sign-in page loads without the shell, and each workbench only
// when opened.
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ComingSoon = lazy(() => import('./pages/ComingSoon.tsx'));
const NotFound = lazy(() => import('./pages/NotFound.tsx'));

export function PageLoading() {
  return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
}

const built = new Set(workbenchRoutes.map((r) => r.path));

export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {workbenchRoutes
          .filter((r) => r.public)
          .map((r) => (
            <Route key={r.path} path={r.path} element={<r.page />} />
          ))}
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          {workbenchRoutes
            .filter((r) => !r.public)
            .map((r) => (
              <Route key={r.path} path={r.path} element={<r.page />} />
            ))}
          {menuPages
            .filter((p) => !built.has(p.path))
            .map((p) => (
              <Route key={p.key} path={p.path} element={<ComingSoon page={p.key} />} />
            ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
