/**
 * Starts the real server — `node --import tsx server/node.ts` — as a child process on an
 * ephemeral port, on its own copy of the migrated template database (or on a database file
 * shared with another server, for multi-process tests).
 *
 * Test servers pay top-ups with the sandbox, named explicitly (WALLET_PAYMENTS=sandbox), and
 * so run with NODE_ENV=test: production refuses the sandbox. A test passes `env` to change
 * either (WALLET_PAYMENTS: '' for a server with no payments configured).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createWalletClient, type WalletClient } from '../../server/client.ts';

const OUTPUT_DIR = join(process.cwd(), '.test-output');

/** The first operator user every test server starts with. */
export const OPERATOR_EMAIL = 'operator@wallet.test';
export const OPERATOR_PASSWORD = 'operator-password-1';
const TEMPLATE_DB = join(OUTPUT_DIR, 'template.db');

export interface TestServer {
  readonly url: string;
  readonly dbPath: string;
  /** The server's process id (its memory can be read from /proc), or null when in-process. */
  readonly pid: number | null;
  readonly operatorKey: string;
  /** Typed client with the operator key. */
  readonly operator: WalletClient;
  client(apiKey?: string, options?: { batch?: boolean }): WalletClient;
  stop(): Promise<void>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

export function freshDatabasePath(): string {
  const dbPath = join(OUTPUT_DIR, `db-${process.pid}-${randomBytes(6).toString('hex')}.db`);
  copyFileSync(TEMPLATE_DB, dbPath);
  return dbPath;
}

export function newOperatorKey(): string {
  const id = randomBytes(10).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return `aw_${id}_${secret}`;
}

export async function startServer(
  options: { dbPath?: string; operatorKey?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dbPath = options.dbPath ?? freshDatabasePath();
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}`);
  const operatorKey = options.operatorKey ?? newOperatorKey();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      WALLET_PAYMENTS: 'sandbox',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dbPath}`,
      WALLET_OPERATOR_KEY: operatorKey,
      WALLET_OPERATOR_EMAIL: OPERATOR_EMAIL,
      WALLET_OPERATOR_PASSWORD: OPERATOR_PASSWORD,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await listeningUrl(child, () => stderr);
  const client = (apiKey?: string, clientOptions: { batch?: boolean } = {}) =>
    createWalletClient({ url, ...(apiKey ? { apiKey } : {}), ...clientOptions });
  return {
    url,
    dbPath,
    pid: child.pid ?? null,
    operatorKey,
    operator: client(operatorKey),
    client,
    stop: () => stopChild(child),
    stderr: () => stderr,
  };
}

function listeningUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time\n${stdout}\n${stderr()}`));
      // Generous: a start compiles TypeScript and migrates, slow on a loaded 2-core machine.
    }, 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${stdout}\n${stderr()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
