/**
 * Links the ledger entries a write group adds into their accounts' hash chains
 * (common/ledgerChain.ts), after the commands have run and before the group's change set is
 * built, so each entry is committed with its link in the same atomic commit, and the account
 * with its new head under its version compare-and-set. Hashing is asynchronous (Web Crypto),
 * which is why it happens here and not inside the commands.
 *
 * An account whose history predates the chain has no head yet: its new entries are left
 * unlinked, and the one-time chaining (server/services/ledger/chainHistory.ts) links them with
 * the rest of its history.
 */
import { chainedFieldsOf, linkEntries, type Sha256Hex } from '../../common/ledgerChain.ts';
import type { AccountState, LedgerInsert, Unit } from './unit.ts';

export async function chainLedger(
  unit: Unit,
  accounts: ReadonlyMap<string, AccountState>,
  sha256?: Sha256Hex,
): Promise<void> {
  const byAccount = new Map<string, LedgerInsert[]>();
  for (const row of unit.ledgerRows()) {
    const rows = byAccount.get(row.accountId) ?? [];
    rows.push(row);
    byAccount.set(row.accountId, rows);
  }
  // Accounts' chains are independent; within one, each link needs the one before.
  await Promise.all(
    [...byAccount].map(([accountId, rows]) => {
      const state = accounts.get(accountId);
      if (!state) throw new Error(`ledger entry of account ${accountId}, which is not loaded`);
      return chainAccount(state, rows, sha256);
    }),
  );
}

async function chainAccount(
  state: AccountState,
  rows: LedgerInsert[],
  sha256?: Sha256Hex,
): Promise<void> {
  const hash = state.ledgerHeadHash;
  if (hash === null) return;
  const links = await linkEntries(
    { seq: state.ledgerSeq, hash },
    rows.map(chainedFieldsOf),
    sha256,
  );
  rows.forEach((row, i) => Object.assign(row, links[i]));
  const head = links.at(-1);
  if (head) {
    state.ledgerSeq = head.seq;
    state.ledgerHeadHash = head.hash;
    state.touched = true;
  }
}
