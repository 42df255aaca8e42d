import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { edgeFiles, precompress } from './buildPlugins.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.WALLET_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root,
  plugins: [solid(), edgeFiles(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
  },
  // `npm run dev`: the Vite dev server with hot reload, the API proxied to the Node server.
  server: {
    port: 5173,
    proxy: {
      '/trpc': api,
      '/payments': api,
      '/ledger': api,
      '/healthz': api,
    },
  },
});
