/**
 * The head of an account's ledger hash chain (docs/decisions/014-ledger-hash-chain.md): how
 * many entries the chain has and the hash of the last. An admin notes it down or publishes it;
 * an auditor who later finds the same entry with the same hash at that seq knows nothing up to
 * it was rewritten since, even by someone able to rewrite the whole chain consistently.
 */
import { eq } from 'drizzle-orm';
import { accounts } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound, requireAccountRead } from '../access.ts';

export interface LedgerHead {
  readonly accountId: string;
  /** How many entries the chain has; 0 before the first. */
  readonly seq: number;
  /** The last entry's hash (64 hex digits), empty before the first; null while history from
   * before the chain waits to be chained. */
  readonly hash: string | null;
}

export async function ledgerHead(ctx: ServiceContext, accountId: string): Promise<LedgerHead> {
  requireAccountRead(ctx.actor, accountId);
  const row = await ctx.database.db.query.accounts.findFirst({
    where: eq(accounts.id, accountId),
    columns: { ledgerSeq: true, ledgerHeadHash: true },
  });
  if (!row) throw accountNotFound(accountId);
  return { accountId, seq: row.ledgerSeq, hash: row.ledgerHeadHash };
}
