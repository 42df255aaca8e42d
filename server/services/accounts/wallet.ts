/** Reads an account with its live instruments and workspaces, as one consistent batch. */
import { and, eq } from 'drizzle-orm';
import type { InstrumentSnapshot } from '../../../common/settlement/plan.ts';
import { INSTRUMENT_TABLE_NAMES, type Held } from '../../../common/wallet/instruments.ts';
import type { Db } from '../../../db/database.ts';
import { accounts, workspaces } from '../../../db/schema/index.ts';
import { INSTRUMENT_SCHEMA, type InstrumentSchema } from '../../../db/store/instrumentTables.ts';
import { AccountState, type AccountRow, type WorkspaceRow } from '../../writer/unit.ts';
import { accountNotFound } from '../access.ts';

export interface Wallet {
  readonly account: AccountRow;
  readonly instruments: readonly InstrumentSnapshot[];
  readonly workspaces: readonly WorkspaceRow[];
}

export async function loadWallet(db: Db, accountId: string): Promise<Wallet> {
  const instrumentReads = INSTRUMENT_TABLE_NAMES.map((table) => {
    const schema: InstrumentSchema = INSTRUMENT_SCHEMA[table];
    return db
      .select()
      .from(schema)
      .where(and(eq(schema.accountId, accountId), eq(schema.status, 'active')));
  });
  const [accountRows, workspaceRows, ...instrumentRows] = await db.batch([
    db.select().from(accounts).where(eq(accounts.id, accountId)),
    db.select().from(workspaces).where(eq(workspaces.accountId, accountId)),
    ...instrumentReads,
  ]);
  const [account] = accountRows;
  if (!account) throw accountNotFound(accountId);
  const held = INSTRUMENT_TABLE_NAMES.flatMap((table, i) =>
    (instrumentRows[i] ?? []).map((row) => ({ table, row }) as Held),
  );
  const state = new AccountState(account, held);
  return { account, instruments: state.instruments(), workspaces: workspaceRows };
}
