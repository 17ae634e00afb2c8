/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// When API_PROXY_TARGET is set (the e2e run, or `npm run dev` against a remote API), the SPA's own origin
// forwards /api and /q to roster-api, so the browser needs no CORS grant from the API.
const proxyTarget = process.env.API_PROXY_TARGET;
const proxy = proxyTarget
  ? { '/api': { target: proxyTarget, changeOrigin: true }, '/q': { target: proxyTarget, changeOrigin: true } }
  : undefined;
const port = Number(process.env.WEB_PORT ?? 5173);

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { port, strictPort: true, proxy },
  preview: { port, strictPort: true, proxy },
  build: {
    rollupOptions: {
      output: {
        // Keep the framework and UI kit in their own long-cacheable chunks.
        manualChunks(id: string) {
          if (id.includes('node_modules/@mantine')) return 'mantine';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          if (id.includes('node_modules/oidc-client-ts') || id.includes('node_modules/react-oidc-context')) return 'oidc';
          return undefined;
        },
      },
    },
  },
  test: {
    globals: true,
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 60000,
  },
});
