import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { inlineEntryStyles } from './vite-plugins/inlineEntryStyles.ts';
import { routePreloads } from './vite-plugins/routePreloads.ts';

const THEME_COLOR = '#0f766e';

export default defineConfig({
  plugins: [
    react(),
    inlineEntryStyles(),
    // The screens App.tsx loads on demand, by the path that opens each.
    routePreloads({
      '/settings': 'src/ui/settings/SettingsScreen.tsx',
      '/conflicts': 'src/ui/conflicts/ConflictsScreen.tsx',
    }),
    VitePWA({
      // Our own service worker (src/sw.ts), so it can grow the sync engine of later issues.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The page registers the worker itself through workbox-window (ui/pwa/serviceWorker.ts)
      // to show the "update available" prompt.
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        // A classic script, as the page registers it: an ES-module worker cannot be registered
        // by every browser, and lib (iife) builds inline dynamic imports (the answer schemas,
        // src/api/answers.ts) without Vite's preload helper, whose import.meta is not allowed
        // in a classic script.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // Only the install dialog shows these, online: not worth a place in every offline cache.
        globIgnores: ['screenshots/**'],
      },
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Outpost — notes & contacts',
        short_name: 'Outpost',
        description: 'Notes and contacts that work offline and sync when you are back online.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: '#ffffff',
        // Long-press the installed icon: straight to a new note or contact (NotesScreen,
        // ContactsScreen turn /notes/new and /contacts/new into a fresh record).
        shortcuts: [
          { name: 'New note', short_name: 'Note', url: '/notes/new' },
          { name: 'New contact', short_name: 'Contact', url: '/contacts/new' },
        ],
        // Shown by the richer install dialog (Chrome on Android and desktop).
        screenshots: [
          {
            src: '/screenshots/phone.png',
            sizes: '780x1688',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'Notes on a phone',
          },
          {
            src: '/screenshots/wide.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Notes and the editor side by side',
          },
        ],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  // Maps are written for debugging a build, but no bundle links to them and the server answers
  // them only when OUTPOST_SOURCE_MAPS=1 (src/server/static.ts).
  build: { sourcemap: 'hidden' },
});
