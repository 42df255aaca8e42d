/** Reads an account with its live instruments and workspaces, as one consistent batch. */
import { and, eq } from 'drizzle-orm';
import type { InstrumentSnapshot } from '../../../common/settlement/plan.ts';
import type { Db } from '../../../db/database.ts';
import { accounts, prepaidCards, vouchers, workspaces } from '../../../db/schema/index.ts';
import { AccountState, type AccountRow, type WorkspaceRow } from '../../writer/unit.ts';
import { accountNotFound } from '../access.ts';

export interface Wallet {
  readonly account: AccountRow;
  readonly instruments: readonly InstrumentSnapshot[];
  readonly workspaces: readonly WorkspaceRow[];
}

export async function loadWallet(db: Db, accountId: string): Promise<Wallet> {
  const [accountRows, voucherRows, cardRows, workspaceRows] = await db.batch([
    db.select().from(accounts).where(eq(accounts.id, accountId)),
    db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.accountId, accountId), eq(vouchers.status, 'active'))),
    db
      .select()
      .from(prepaidCards)
      .where(and(eq(prepaidCards.accountId, accountId), eq(prepaidCards.status, 'active'))),
    db.select().from(workspaces).where(eq(workspaces.accountId, accountId)),
  ]);
  const [account] = accountRows;
  if (!account) throw accountNotFound(accountId);
  const state = new AccountState(account, voucherRows, cardRows);
  return { account, instruments: state.instruments(), workspaces: workspaceRows };
}
