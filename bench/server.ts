/**
 * Runs the real server — `node --import tsx server/node.ts` — as a child process on an
 * ephemeral loopback port, so the load generator (this process) and the server each get a
 * core of their own; and the bare no-op server (bench/bare.ts) the same way, as the ceiling.
 *
 * The child never outlives the benchmark: `stop()` ends it on the normal path, and an exit
 * hook kills it with SIGKILL when the benchmark dies any other way (a thrown error, Ctrl-C).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

// Generous: on a machine shared with busy neighbours a cold start (tsx compiling the server)
// has taken more than half a minute.
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

/** An operator key in the shape the server accepts: aw_<20 hex>_<43 base64url>. */
export function newOperatorKey(): string {
  return `aw_${randomBytes(10).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}

export interface ServerOptions {
  /** Flags for node itself, e.g. --cpu-prof. */
  readonly nodeFlags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Another checkout of the wallet to run instead of this one (a before/after comparison). */
  readonly cwd?: string;
}

export function startServer(
  dbPath: string,
  operatorKey: string,
  options: ServerOptions = {},
): Promise<BenchServer> {
  return startChild('server/node.ts', options.nodeFlags ?? [], options.cwd, {
    ...options.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${dbPath}`,
    WALLET_OPERATOR_KEY: operatorKey,
  });
}

/** The bare Hono + tRPC no-op server: the ceiling the settle figures are compared with. */
export function startBareServer(): Promise<BenchServer> {
  return startChild('bench/bare.ts', [], undefined, {});
}

async function startChild(
  script: string,
  nodeFlags: readonly string[],
  cwd: string | undefined,
  env: Record<string, string>,
): Promise<BenchServer> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
    cwd: cwd ?? process.cwd(),
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await listeningUrl(child, () => stderr);
  return {
    url,
    pid: child.pid ?? -1,
    stderr: () => stderr,
    stop: async () => {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
    },
  };
}

function listeningUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${stdout}\n${stderr()}`));
    };
    const timer = setTimeout(() => {
      child.removeListener('exit', onExit);
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms\n${stdout}\n${stderr()}`));
    }, START_TIMEOUT_MS);
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        resolve(match[1]);
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
