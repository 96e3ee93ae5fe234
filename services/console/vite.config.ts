import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The browser-safe part of the contracts (command bodies), from its ES module source so that Vite
    // tree-shakes it: the built package is CommonJS and its barrel reaches node:crypto.
    alias: {
      '@chp/contracts/commands': fileURLToPath(
        new URL('../../libs/contracts/src/commands/index.ts', import.meta.url),
      ),
      // The knowledge content schemas (the authoring page), browser-safe likewise.
      '@chp/contracts/knowledge': fileURLToPath(
        new URL('../../libs/contracts/src/knowledge/content.ts', import.meta.url),
      ),
    },
  },
  // The budget is the 250 KB of gzipped initial JavaScript (the bench measures it), not Vite's 500 KB raw.
  build: { outDir: 'dist/public', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: {
    // `npm run dev -w services/console`: the app with hot reload, the console server (npm start) behind it.
    proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000' },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.tsx'],
    // The integration and end-to-end files each start a whole platform: one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
