/**
 * The audit's check of the ledger's hash chains (docs/decisions/014-ledger-hash-chain.md):
 * every entry of every chained account is hashed again from its stored fields and compared
 * with what is stored, link by link, and the account's head with the last link. The first
 * broken link of each account is named — the account, the entry id, its seq, and the expected
 * against the stored value — since everything after it is broken by it.
 *
 * What breaks a link: a field of an entry changed (its hash differs), an entry deleted (the
 * next one's seq skips, its prev_hash points past), an entry inserted or moved (its seq repeats
 * or its prev_hash differs), an entry left without a link on a chained account, the last
 * entries deleted or a new one appended (the head differs from the last link).
 *
 * Entries are read by keyset on (account, seq, id) in pages, so memory stays bounded at any
 * size of the books; the accounts of a page are hashed concurrently.
 */
import { sql } from 'drizzle-orm';
import {
  chainedFieldsOf,
  entryHash,
  GENESIS_HASH,
  type ChainedRow,
} from '../../../common/ledgerChain.ts';
import type { Db } from '../../../db/database.ts';

export interface BrokenLink {
  readonly accountId: string;
  /** The entry where the chain breaks; null when it is the account's head that differs. */
  readonly entryId: number | null;
  readonly seq: number | null;
  /** What differs: the entry's hash or prev_hash, its seq, or the head on the account. */
  readonly field: 'hash' | 'prev_hash' | 'seq' | 'order' | 'head';
  readonly expected: string;
  readonly stored: string;
}

export interface ChainReport {
  readonly accounts: number;
  readonly entries: number;
  /** Accounts whose history from before the chain is not chained yet (decision 014). */
  readonly unchained: number;
  readonly broken: readonly BrokenLink[];
}

const PAGE = 2_000;

interface EntryRow extends ChainedRow {
  readonly id: number;
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hash: string | null;
}

/** Where the walk of one account's chain is. */
interface Walk {
  seq: number;
  hash: string;
  id: number;
  broken: boolean;
  /** The hash of the link at the head's seq, once the walk passed it. */
  atHead?: string;
}

export async function verifyChains(db: Db): Promise<ChainReport> {
  // Heads first: entries committed while the audit reads are past them, and are checked as
  // links; each head is compared with the link at its own seq.
  const heads = await db.all<{ id: string; seq: number; head: string | null }>(sql`
    SELECT id, ledger_seq AS seq, ledger_head_hash AS head FROM accounts ORDER BY id`);
  const headSeqs = new Map(heads.map((account) => [account.id, Number(account.seq)]));
  const broken: BrokenLink[] = [];
  const walks = new Map<string, Walk>();
  let entries = 0;
  let cursor: readonly [string, number, number] = ['', -1, -1];
  for (;;) {
    const rows = await entryPage(db, cursor);
    entries += rows.length;
    await Promise.all(
      groupByAccount(rows).map((group) => walkGroup(walks, headSeqs, group, broken)),
    );
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    cursor = [last.accountId, last.seq, last.id];
  }
  let unchained = 0;
  for (const account of heads) {
    if (account.head === null) unchained += 1;
    else {
      const link = headLink(account, walks.get(account.id));
      if (link) broken.push(link);
    }
  }
  broken.push(...(await unlinkedEntries(db)));
  return { accounts: heads.length - unchained, entries, unchained, broken };
}

/** The account's head against the link at its seq; null when they agree. */
function headLink(
  account: { id: string; seq: number; head: string | null },
  walk: Walk | undefined,
): BrokenLink | null {
  if (walk?.broken) return null;
  const seq = Number(account.seq);
  const atHead = seq === 0 ? GENESIS_HASH : walk?.atHead;
  if (atHead !== undefined && atHead === account.head) return null;
  return {
    accountId: account.id,
    entryId: null,
    seq,
    field: 'head',
    expected: atHead ?? `an entry at seq ${seq} (the last is ${walk?.seq ?? 0})`,
    stored: account.head ?? '',
  };
}

function entryPage(db: Db, [accountId, seq, id]: readonly [string, number, number]) {
  return db.all<EntryRow>(sql`
    SELECT id, account_id AS accountId, workspace_id AS workspaceId, instrument,
           instrument_id AS instrumentId, amount_fen AS amountFen,
           balance_fen_after AS balanceFenAfter, reason, ref_type AS refType, ref_id AS refId,
           created_at_ms AS createdAtMs, seq, prev_hash AS prevHash, hash
    FROM ledger_entries
    WHERE seq IS NOT NULL AND (account_id, seq, id) > (${accountId}, ${seq}, ${id})
    ORDER BY account_id, seq, id
    LIMIT ${PAGE}`);
}

function groupByAccount(rows: readonly EntryRow[]): EntryRow[][] {
  const groups = new Map<string, EntryRow[]>();
  for (const row of rows) {
    const group = groups.get(row.accountId) ?? [];
    group.push(row);
    groups.set(row.accountId, group);
  }
  return [...groups.values()];
}

/** Walks one account's entries of a page on from where the page before left it. */
async function walkGroup(
  walks: Map<string, Walk>,
  headSeqs: ReadonlyMap<string, number>,
  rows: readonly EntryRow[],
  broken: BrokenLink[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const walk = walks.get(first.accountId) ?? { seq: 0, hash: GENESIS_HASH, id: 0, broken: false };
  walks.set(first.accountId, walk);
  for (const row of rows) {
    if (walk.broken) return;
    const link = await checkLink(walk, row);
    if (link) {
      walk.broken = true;
      broken.push(link);
      return;
    }
    walk.seq = Number(row.seq);
    walk.hash = row.hash ?? '';
    walk.id = row.id;
    if (walk.seq === headSeqs.get(row.accountId)) walk.atHead = walk.hash;
  }
}

/** The broken link this entry is, or null when it follows the walk correctly. */
async function checkLink(walk: Walk, row: EntryRow): Promise<BrokenLink | null> {
  const at = { accountId: row.accountId, entryId: row.id, seq: Number(row.seq) };
  const seq = walk.seq + 1;
  if (Number(row.seq) !== seq) {
    return { ...at, field: 'seq', expected: String(seq), stored: String(row.seq) };
  }
  if (row.prevHash !== walk.hash) {
    return { ...at, field: 'prev_hash', expected: walk.hash, stored: row.prevHash ?? '' };
  }
  const hash = await entryHash(chainedFieldsOf(row), seq, walk.hash);
  if (row.hash !== hash) return { ...at, field: 'hash', expected: hash, stored: row.hash ?? '' };
  // Entries are written in chain order, so their ids rise with seq.
  if (row.id <= walk.id) {
    return { ...at, field: 'order', expected: `id above ${walk.id}`, stored: String(row.id) };
  }
  return null;
}

/** Entries without a link on accounts whose chain has begun: added behind the writer's back. */
async function unlinkedEntries(db: Db): Promise<BrokenLink[]> {
  const rows = await db.all<{ id: number; accountId: string }>(sql`
    SELECT l.id, l.account_id AS accountId
    FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
    WHERE l.seq IS NULL AND a.ledger_head_hash IS NOT NULL
    ORDER BY l.id LIMIT 100`);
  return rows.map((row) => ({
    accountId: row.accountId,
    entryId: row.id,
    seq: null,
    field: 'seq',
    expected: 'a link',
    stored: 'none',
  }));
}
