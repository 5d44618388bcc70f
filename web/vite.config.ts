import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Every script and stylesheet also as .br and .gz beside it, compressed once at build: the server
// (src/console.ts, @fastify/static's preCompressed) sends the one the browser accepts, with no
// compression work per request. The first route's scripts shrink about four-fold on the wire.
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'anpei-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(assets, name);
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

// Built into web/dist (relative to the root, web/) and served by the API process at `/`
// (src/console.ts). In development, `npx vite web` proxies the API to a running `anpei serve`, so
// the session cookie stays same-origin.
export default defineConfig({
  plugins: [react(), precompress()],
  // The entry holds React, antd and the router, shared by every page; each page is its own chunk.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
