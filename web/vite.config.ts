// The web client: `npm run build:web` writes web/dist (served by the API at `/` in production, see
// api/src/http/web-app.ts); `npm run dev` runs Vite's dev server, proxying the API, beside the API itself.
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
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
  // Every asset also as .br and .gz, compressed once at build time at the highest level: the API's static
  // server sends the variant the browser accepts instead of compressing on each request.
  plugins: [solid(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
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
