import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist (relative to the root, web/) and served by the API process at `/`
// (src/console.ts). In development, `npx vite web` proxies the API to a running `anpei serve`, so
// the session cookie stays same-origin.
export default defineConfig({
  plugins: [react()],
  // The entry holds React, antd and the router, shared by every page; each page is its own chunk.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
