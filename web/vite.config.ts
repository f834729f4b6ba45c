// The web client: `npm run build:web` writes web/dist (served by the API at `/` in production);
// `npx vite --config web/vite.config.ts` serves it in development, proxying the API.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/** Where the API listens during development (`npm run dev`). */
const api = process.env.API_ORIGIN ?? 'http://127.0.0.1:4000';

const proxy = {
  '/graphql': { target: api, ws: true },
  '/files': api,
  '/health': api,
  '/ready': api,
};

export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ApexCharts' core (≈530 kB, 150 kB gzip) is one chunk, loaded only when a chart mounts.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy },
  preview: { proxy },
});
