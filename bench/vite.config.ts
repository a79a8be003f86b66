import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the benchmark harness page (bench/page) into dist-bench, served under /bench/. */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: '/bench/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist-bench', import.meta.url)),
    emptyOutDir: true,
  },
});
