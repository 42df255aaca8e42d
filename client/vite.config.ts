import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { edgeFiles, precompress, swaggerUiFiles } from '../scripts/buildPlugins.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Where `npm run dev` finds the API: WALLET_API_URL if set, else the Node server on the port
 * it listens on — PORT, read the same way server/config.ts reads it (default 8787).
 */
export function devApiUrl(env: Readonly<Record<string, string | undefined>>): string {
  if (env.WALLET_API_URL) return env.WALLET_API_URL;
  const port = env.PORT?.trim() || '8787';
  return `http://127.0.0.1:${port}`;
}

const api = devApiUrl(process.env);

export default defineConfig({
  root,
  plugins: [solid(), edgeFiles(), swaggerUiFiles(), precompress()],
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
      '/v1': api,
      '/openapi.json': api,
      '/docs/api': api,
    },
  },
});
