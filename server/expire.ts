/**
 * `npm run expire`: runs the expiry job once against the configured database, then prunes
 * expired sessions and throttling rows, and prints what it did. Safe to run at any time,
 * also while servers are running.
 */
import { createNodeDeps, exitIfSchemaBehind } from './nodeDeps.ts';
import { readConfig } from './config.ts';
import { runExpiry } from './services/expiry/run.ts';
import { prune } from './services/housekeeping/prune.ts';

const deps = await createNodeDeps(readConfig(process.env)).catch(exitIfSchemaBehind);
const report = await runExpiry(deps);
console.log(
  `expired ${report.instruments} instruments in ${report.accounts} accounts, forfeiting ` +
    `${report.forfeited} CNY; closed ${report.closedTopUps} unpaid top-ups` +
    (report.deferredAccounts > 0 ? `; ${report.deferredAccounts} accounts left for next run` : ''),
);
const pruned = await prune(deps);
console.log(`pruned ${pruned.sessions} expired sessions and ${pruned.rateLimits} throttling rows`);
deps.database.close();
