// `npm run dev`: the API server (restarting on changes) and the Vite dev server with hot
// reload, which proxies /trpc, /payments and /ledger to the API. Both read PORT (default
// 8787): the server listens there and the proxy forwards there. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const port = process.env.PORT?.trim() || '8787';
if (port === '0') {
  console.error('npm run dev needs a fixed PORT (the proxy must know it); 0 picks a random one.');
  process.exit(1);
}
const env = { ...process.env, PORT: port };

const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/node.ts', '--demo'], {
    stdio: 'inherit',
    env,
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'client/vite.config.ts'], {
    stdio: 'inherit',
    env,
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
