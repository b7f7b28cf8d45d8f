/**
 * The web UI (src/web) built into dist/web, which `inventar serve` serves at /.
 * Dev: `npx vite` on :5173 proxies /api to the API server (INVENTAR_API, default :3000).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
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
