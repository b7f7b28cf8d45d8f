/**
 * The web UI (src/web) built into dist/web, which `inventar serve` serves at /.
 * Dev: `npx vite` on :5173 proxies /api to the API server (INVENTAR_API, default :3000).
 *
 * An installable app (issue 14 point 3): vite-plugin-pwa writes the manifest
 * and a Workbox service worker that precaches the app shell (every built
 * script, style, font, icon and the ZXing wasm), so the counting screens load
 * with no connection once opened; a page address falls back to index.html
 * (the app routes itself), never /api or the server's own files. The API is
 * never cached by the service worker: the counting screens keep their data
 * and the scans waiting in IndexedDB themselves (src/web/offline-store.ts).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // registerSW.js, a file of our origin: the CSP (script-src 'self') allows no inline script
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Inventar — numărare',
        short_name: 'Inventar',
        description: 'Inventar faptic: numărare pe telefon',
        lang: 'ro',
        start_url: '/count',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon.svg', sizes: '512x512', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,woff,woff2,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/(ca\.crt|health|metrics)$/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // the ZXing wasm is served by our own server (no CDN): keep it a file, never inline it
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': process.env.INVENTAR_API ?? 'http://localhost:3000' },
  },
});
