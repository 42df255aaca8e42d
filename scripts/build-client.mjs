// Copies the static client into dist/client, where Node and the Worker serve it from.
// (The SolidJS build replaces this when the web UI lands.)
import { cpSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist/client', { recursive: true, force: true });
mkdirSync('dist/client', { recursive: true });
cpSync('client/public', 'dist/client', { recursive: true });
console.log('client copied to dist/client');
