/**
 * `npm run dev`: the Vite dev server proxies the API to the port the API server listens on,
 * PORT (default 8787), unless WALLET_API_URL names another API.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { devApiUrl } from '../../client/vite.config.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the dev proxy', () => {
  it.each([
    [{}, 'http://127.0.0.1:8787'],
    [{ PORT: '9100' }, 'http://127.0.0.1:9100'],
    [{ PORT: '' }, 'http://127.0.0.1:8787'],
    [{ PORT: '9100', WALLET_API_URL: 'http://10.0.0.5:8080' }, 'http://10.0.0.5:8080'],
  ])('with %j forwards to %s', (env, url) => {
    expect(devApiUrl(env)).toBe(url);
  });

  it('is configured from the environment the dev script passes on', async () => {
    vi.stubEnv('PORT', '9123');
    vi.stubEnv('WALLET_API_URL', '');
    const config = (await import('../../client/vite.config.ts')).default;
    const proxy = (config as { server?: { proxy?: Record<string, unknown> } }).server?.proxy;
    expect(proxy).toEqual({
      '/trpc': 'http://127.0.0.1:9123',
      '/payments': 'http://127.0.0.1:9123',
      '/ledger': 'http://127.0.0.1:9123',
      '/healthz': 'http://127.0.0.1:9123',
      '/v1': 'http://127.0.0.1:9123',
      '/openapi.json': 'http://127.0.0.1:9123',
      '/docs/api': 'http://127.0.0.1:9123',
    });
  });
});
