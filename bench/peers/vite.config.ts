import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the peers page (bench/peers/page) into dist-peers. RxDB and PouchDB come from
 * bench/peers/node_modules; Dexie is the app's own copy for everyone, so the raw baseline,
 * Outpost and RxDB's Dexie storage run the same IndexedDB wrapper.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: '/peers/',
  logLevel: 'warn',
  resolve: {
    alias: { dexie: fileURLToPath(new URL('../../node_modules/dexie', import.meta.url)) },
  },
  // PouchDB still reads Node's `global`.
  define: { global: 'globalThis' },
  build: {
    outDir: fileURLToPath(new URL('../../dist-peers', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4_000,
  },
});
