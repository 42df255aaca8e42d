/**
 * Build steps of the web client beyond Vite's own:
 *
 * - `edgeFiles` writes Cloudflare's `_headers` (the security and cache headers of the static
 *   files at the edge, from the same policy the server sends) and an `.assetsignore` that
 *   keeps the precompressed copies out of the upload (Cloudflare compresses by itself).
 * - `swaggerUiFiles` copies Swagger UI's files from `swagger-ui-dist` to /docs/api/assets/, so
 *   the API reference page (server/rest/openapi.ts) loads nothing from another origin.
 * - `precompress` writes a Brotli (.br) and a gzip (.gz) copy of every text file, which the
 *   Node server sends to browsers that accept them: best compression, no work per request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { edgeHeadersFile } from '../server/http/securityHeaders.ts';

export function edgeFiles(): Plugin {
  return {
    name: 'wallet-edge-files',
    apply: 'build',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: await edgeHeadersFile() });
      this.emitFile({ type: 'asset', fileName: '.assetsignore', source: '*.br\n*.gz\n' });
    },
  };
}

const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE'];

export function swaggerUiFiles(): Plugin {
  return {
    name: 'wallet-swagger-ui-files',
    apply: 'build',
    generateBundle() {
      const require = createRequire(import.meta.url);
      const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
      for (const name of SWAGGER_UI_FILES) {
        const source = readFileSync(join(dist, name));
        this.emitFile({ type: 'asset', fileName: `docs/api/assets/${name}`, source });
      }
    },
  };
}

const TEXT_FILE = /\.(?:js|css|html|svg|json)$/;
/** Smaller files gain less than the bytes of the encoding header. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  return {
    name: 'wallet-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!TEXT_FILE.test(fileName) || !options.dir) continue;
        const path = join(options.dir, fileName);
        const bytes = readFileSync(path);
        if (bytes.length < MIN_BYTES) continue;
        const brotli = { [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: brotli }));
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}
