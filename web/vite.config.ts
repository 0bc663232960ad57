// Vite config for the ADI Platform web front end.
// Run from the repo root: `npx vite build --config web/vite.config.ts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://127.0.0.1:3000';

// The production server sends this policy; `vite preview` sends it too so that a
// local preview fails the same way production would if an inline script sneaks in.
const previewCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Keep the output free of inline scripts: the CSP is `script-src 'self'`.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // React changes less often than the app: its chunk stays cached across releases. Mantine and
        // the other libraries are not grouped: split by the pages that use them, the first page loads
        // only what it shows (each page is a lazy chunk, see src/lazyPage.ts and
        // docs/decisions/0017-portal-charts.md). Each language's messages are a chunk of their own,
        // fetched for the language in use (src/i18n/index.ts).
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/docs': apiServer,
      '/open-data': apiServer,
    },
  },
  preview: {
    headers: { 'Content-Security-Policy': previewCsp },
  },
});
