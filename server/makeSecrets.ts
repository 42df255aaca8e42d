/**
 * `npm run make:secrets`: prints a fresh operator key, operator password and activation-code
 * secret as `NAME=value` lines — for `.dev.vars` (`npm run make:secrets --silent >> .dev.vars`)
 * or to paste into `wrangler secret put NAME` (docs/OPERATIONS.md). Made by the same code
 * that makes keys and passwords at run time, so they always have the expected format.
 */
import { issueKey, newSecret } from './auth/keys.ts';
import { temporaryPassword } from './auth/passwords.ts';

const { issued } = await issueKey('operator', null, 'bootstrap operator', Date.now());
console.log(`WALLET_OPERATOR_KEY=${issued.apiKey}`);
console.log(`WALLET_OPERATOR_PASSWORD=${temporaryPassword()}`);
console.log(`WALLET_CODE_SECRET=${newSecret()}`);
