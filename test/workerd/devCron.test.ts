/**
 * Local cron under `npm run dev:edge`: the very `wrangler dev` command of that script, with
 * the static assets in front of the Worker as wrangler.toml configures them, on a fresh local
 * D1 migrated by `wrangler d1 migrations apply --local`. `GET /__scheduled` must reach the
 * Worker (not the single-page app's index.html) and run the expiry job.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletClient, type WalletClient } from '../../server/client.ts';
import { uid } from '../helpers/factories.ts';
import { newOperatorKey } from '../helpers/server.ts';

const WRANGLER = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const ENV = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

/** The steps of `npm run dev:edge` after building the client, as argument lists. */
function devEdgeSteps(): string[][] {
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<
    string,
    string
  >;
  return (scripts['dev:edge'] ?? '')
    .split('&&')
    .map((step) => step.trim().split(/\s+/))
    .filter(([command]) => command === 'wrangler')
    .map((step) => step.slice(1));
}

let dev: ChildProcess;
let url: string;
const operatorKey = newOperatorKey();
let operator: WalletClient;

beforeAll(async () => {
  const [migrate, serve] = devEdgeSteps();
  if (!migrate || !serve) throw new Error('npm run dev:edge: expected migrate and dev steps');
  const persist = mkdtempSync(join(process.cwd(), '.test-output', 'dev-edge-'));
  execFileSync(process.execPath, [WRANGLER, ...migrate, '--persist-to', persist], {
    env: ENV,
    stdio: 'pipe',
  });
  dev = spawn(
    process.execPath,
    [
      WRANGLER,
      ...serve,
      ...['--ip', '127.0.0.1', '--port', '0', '--inspector-port', '0'],
      ...['--persist-to', persist, '--show-interactive-dev-session=false'],
      ...['--var', `WALLET_OPERATOR_KEY:${operatorKey}`],
    ],
    { env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready?.[1]) resolve(ready[1]);
    };
    dev.stdout?.on('data', onData);
    dev.stderr?.on('data', onData);
    dev.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)));
  });
  operator = createWalletClient({ url, apiKey: operatorKey });
}, 240_000);

afterAll(() => {
  // wrangler and the workerd it started: the process group this test created.
  if (dev?.pid) process.kill(-dev.pid, 'SIGTERM');
});

describe('npm run dev:edge', () => {
  it('runs the expiry job from GET /__scheduled, expiring a voucher', async () => {
    const account = await operator.accounts.create.mutate({ name: uid('Dev') });
    const adminKey = await operator.accounts.createApiKey.mutate({
      accountId: account.id,
      role: 'admin',
      label: 'admin',
    });
    const admin = createWalletClient({ url, apiKey: adminKey.apiKey });
    const now = Date.now();
    const voucher = await operator.vouchers.issue.mutate({
      accountId: account.id,
      requestId: uid('req'),
      amount: '7.00',
      validity: { kind: 'fixed', validFromMs: now - 1_000, expiresAtMs: now + 2_000 },
    });
    while (Date.now() <= voucher.expiresAtMs) await new Promise((r) => setTimeout(r, 50));

    const cron = await fetch(`${url}/__scheduled`);
    expect([cron.status, cron.headers.get('content-type'), await cron.text()]).toEqual([
      200,
      'text/plain;charset=UTF-8',
      'Ran scheduled event',
    ]);
    const [expired] = await admin.vouchers.list.query({ accountId: account.id });
    expect(expired).toMatchObject({
      voucherId: voucher.voucherId,
      status: 'expired',
      balance: '0.00',
    });
  });
});
