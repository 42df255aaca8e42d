/**
 * The one-time chaining of history written before the ledger's hash chain existed
 * (docs/decisions/014-ledger-hash-chain.md). Migration 0008 leaves the accounts that had
 * entries without a head (`ledger_head_hash` NULL); this links their entries, in id order,
 * and sets the head, after which the writer chains every new entry itself.
 *
 * Safe on a live database, any number of times, from any number of processes:
 * - each step is one atomic batch that bumps the account's version by exactly one from the
 *   version it read with the entries, so a step planned before a settlement (or another
 *   chaining process) committed aborts whole on the version trigger and is planned again;
 * - a step links at most CHUNK entries, those with no link yet, after the last linked one;
 *   entries are linked once only (the immutability trigger allows nothing else), and while
 *   the head is unset the writer adds entries unlinked, to be linked by a later step;
 * - the head is set by the step that links the last unlinked entry, so once it is set no
 *   unlinked entry is left and nothing more is done for that account.
 */
import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { GENESIS_HASH, linkEntries, type ChainHead } from '../../../common/ledgerChain.ts';
import type { Db } from '../../../db/database.ts';
import { accounts, ledgerEntries } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';

/** Entries linked per step; small enough for one D1 batch. */
const CHUNK = 200;
const MAX_ATTEMPTS = 20;

export interface ChainHistoryReport {
  readonly accounts: number;
  readonly entries: number;
}

/** Chains every account whose head is unset, in id order; returns what it linked. */
export async function chainHistory(
  deps: Pick<WalletDeps, 'database'>,
): Promise<ChainHistoryReport> {
  const db = deps.database.db;
  let chainedAccounts = 0;
  let entries = 0;
  let after = '';
  for (;;) {
    const [next] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(isNull(accounts.ledgerHeadHash), gt(accounts.id, after)))
      .orderBy(asc(accounts.id))
      .limit(1);
    if (!next) return { accounts: chainedAccounts, entries };
    entries += await chainAccountHistory(db, next.id);
    chainedAccounts += 1;
    after = next.id;
  }
}

/** Links one account's unlinked entries, a step at a time; returns how many it linked. */
export async function chainAccountHistory(db: Db, accountId: string): Promise<number> {
  let linked = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS;) {
    const step = await readStep(db, accountId);
    if (!step) return linked;
    try {
      await db.batch(writeStep(db, accountId, step));
    } catch (error) {
      if (!String(error).includes('stale_account_version')) throw error;
      attempt += 1;
      continue;
    }
    linked += step.links.length;
    if (step.last) return linked;
  }
  throw new Error(`could not chain the ledger of ${accountId}: it kept changing`);
}

interface Step {
  readonly version: number;
  readonly links: readonly { id: number; seq: number; prevHash: string; hash: string }[];
  readonly head: ChainHead;
  /** True when no unlinked entry is left after these: the step sets the head. */
  readonly last: boolean;
}

/** Reads, in one snapshot, the account's version, its last link and the next entries. */
async function readStep(db: Db, accountId: string): Promise<Step | null> {
  const [accountRows, lastRows, unlinked] = await db.batch([
    db
      .select({ version: accounts.version, head: accounts.ledgerHeadHash })
      .from(accounts)
      .where(eq(accounts.id, accountId)),
    db
      .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.accountId, accountId), isNotNull(ledgerEntries.seq)))
      .orderBy(desc(ledgerEntries.seq))
      .limit(1),
    db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.accountId, accountId), isNull(ledgerEntries.hash)))
      .orderBy(asc(ledgerEntries.id))
      .limit(CHUNK + 1),
  ]);
  const account = accountRows[0];
  if (!account || account.head !== null) return null;
  const last = lastRows[0];
  const from: ChainHead = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  const rows = unlinked.slice(0, CHUNK);
  const links = await linkEntries(from, rows);
  return {
    version: account.version,
    links: links.map((link, i) => ({ ...link, id: rows[i]?.id ?? 0 })),
    head: links.at(-1) ?? from,
    last: unlinked.length <= CHUNK,
  };
}

/** The step's batch: the version compare-and-set first, then the links, then the head. */
function writeStep(
  db: Db,
  accountId: string,
  step: Step,
): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const head = step.last ? { ledgerSeq: step.head.seq, ledgerHeadHash: step.head.hash } : {};
  return [
    db
      .update(accounts)
      .set({ version: sql`${step.version} + 1`, ...head })
      .where(eq(accounts.id, accountId)),
    ...step.links.map(({ id, ...link }) =>
      db.update(ledgerEntries).set(link).where(eq(ledgerEntries.id, id)),
    ),
  ];
}
