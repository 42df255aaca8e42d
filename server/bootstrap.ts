/**
 * Builds the process-wide dependencies around an open database: writer, key verifier,
 * caches; and bootstraps the first operator key. Runtime-agnostic: the Node entry, the
 * Worker entry and in-process tests all use it.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { apiKeys } from '../db/schema/index.ts';
import { issueKey, KeyVerifier } from './auth/keys.ts';
import { SessionVerifier } from './auth/sessions.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { WalletDeps } from './context.ts';
import { Lookups } from './lookups.ts';
import { TestClock } from './testClock.ts';
import { Writer, type WriterOptions } from './writer/writer.ts';

export function depsFor(
  database: Database,
  config: Config,
  clock: Clock = systemClock,
  writerOptions: WriterOptions = {},
): WalletDeps {
  // With WALLET_TEST_CLOCK on, the given clock is the real time the offset is added to.
  if (config.testClock) clock = new TestClock(database.db, clock);
  return {
    database,
    writer: new Writer(database, clock, { maxParams: database.maxParams, ...writerOptions }),
    clock,
    config,
    keys: new KeyVerifier(database.db, () => clock.nowMs()),
    sessions: new SessionVerifier(database.db, () => clock.nowMs()),
    lookups: new Lookups(database.db),
  };
}

/**
 * On first start, creates the operator key: the one in WALLET_OPERATOR_KEY, or a new one
 * that is returned so the caller can print it once. Returns null when an operator exists.
 */
export async function bootstrapOperator(deps: WalletDeps): Promise<string | null> {
  const db = deps.database.db;
  const existing = await db.query.apiKeys.findFirst({ where: eq(apiKeys.role, 'operator') });
  if (existing) return null;
  const { row, issued } = await issueKey(
    'operator',
    null,
    'bootstrap operator',
    deps.clock.nowMs(),
    deps.config.operatorKey,
  );
  // Two processes starting together may both get here; the primary key lets one win.
  await db.insert(apiKeys).values(row).onConflictDoNothing();
  return deps.config.operatorKey ? null : issued.apiKey;
}
