import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { menuPages } from './layout/menu.ts';

// Every page is its own chunk: the sign-in page loads without the shell, and each workbench only
// when opened.
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const Shell = lazy(() => import('./layout/Shell.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const ComingSoon = lazy(() => import('./pages/ComingSoon.tsx'));
const NotFound = lazy(() => import('./pages/NotFound.tsx'));

export function PageLoading() {
  return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
}

export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          {menuPages.map((p) => (
            <Route key={p.key} path={p.path} element={<ComingSoon page={p.key} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
