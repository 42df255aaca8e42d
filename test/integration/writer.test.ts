/**
 * The writer's cross-process guarantee, made deterministic: two writers on two connections
 * to one database file, the second committing exactly between the first one's read and its
 * write. The first must lose the compare-and-set, plan again on fresh state and never
 * overwrite what the second spent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type NodeDatabase } from '../../db/client.ts';
import type { CommitStore } from '../../db/store.ts';
import { DrizzleStore } from '../../db/store/drizzle.ts';
import type { Actor } from '../../server/auth/keys.ts';
import { depsFor } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { systemClock } from '../../server/clock.ts';
import type { ServiceContext } from '../../server/context.ts';
import { createAccount } from '../../server/services/accounts/create.ts';
import { getAccount } from '../../server/services/accounts/get.ts';
import { runAudit } from '../../server/services/admin/audit.ts';
import { recordBankTransfer } from '../../server/services/cash/recordBankTransfer.ts';
import { settleCharge, type SettledCharge } from '../../server/services/charges/settle.ts';
import { amountToFen, fenToAmount, sumFen } from '../../common/money.ts';
import { createWorkspace } from '../../server/services/workspaces/create.ts';
import { endCloudSubscription } from '../../server/services/workspaces/setSettlementMethod.ts';
import { chargeInput, uid } from '../helpers/factories.ts';
import { freshDatabasePath } from '../helpers/server.ts';

const operator: Actor = {
  keyId: 'test',
  role: 'operator',
  accountId: null,
  accountRoles: {},
  label: 'test',
  userId: null,
};
let plain: NodeDatabase;
let hooked: Database;
let beforeWrite: (() => Promise<void>) | null = null;
/** Set to make `holdingFirstCommit` hold the next commit it sees. */
let armed = false;

function holdingFirstCommit(inner: CommitStore, whileHeld: () => void): CommitStore {
  let held: (() => void) | null = null;
  return {
    load: (request) => inner.load(request),
    commit: (changes, chain) => {
      if (armed && !held) {
        armed = false;
        return new Promise<void>((resolve, reject) => {
          held = () => void inner.commit(changes, chain).then(resolve, reject);
          whileHeld();
        });
      }
      const first = held;
      held = null;
      first?.();
      return inner.commit(changes, chain);
    },
    close: () => inner.close(),
  };
}

function contextFor(database: Database): ServiceContext {
  const config = readConfig({ DATABASE_URL: 'file:unused' });
  return {
    ...depsFor(database, config, systemClock),
    actor: operator,
    clientAddress: 'test',
    origin: 'http://test',
  };
}

beforeAll(async () => {
  const path = freshDatabasePath();
  plain = await openDatabase(`file:${path}`);
  const inner = await openDatabase(`file:${path}`);
  // The hooked writer's next commit first lets the hook commit through the other writer.
  const store: CommitStore = {
    load: (request) => inner.store.load(request),
    commit: async (changes, chain) => {
      const hook = beforeWrite;
      if (hook) {
        beforeWrite = null;
        await hook();
      }
      return inner.store.commit(changes, chain);
    },
    close: () => inner.store.close(),
  };
  hooked = { ...inner, store };
});
afterAll(() => {
  plain.close();
  hooked.close();
});

describe('writer', () => {
  it('re-plans a group that lost the race instead of overwriting the winner', async () => {
    const winner = contextFor(plain);
    const loser = contextFor(hooked);
    const account = await createAccount(winner, { name: 'race' });
    const workspace = await createWorkspace(winner, {
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    await recordBankTransfer(winner, {
      reference: account.remittanceRef,
      bankSerial: uid('serial'),
      amount: '10.00',
    });

    beforeWrite = async () => {
      const won = await settleCharge(winner, chargeInput(workspace.workspaceId, '8.00'));
      expect(won.parts.map((p) => [p.source, p.amount])).toEqual([['cash', '8.00']]);
    };
    const lost = await settleCharge(loser, chargeInput(workspace.workspaceId, '8.00'));

    // Planned first against 10.00 of cash, committed second against 2.00.
    expect(lost.parts.map((p) => [p.source, p.amount])).toEqual([
      ['cash', '2.00'],
      ['overdue', '6.00'],
    ]);
    expect(loser.writer.stats.conflicts).toBe(1);
    const after = await getAccount(winner, account.id);
    expect([after.cash, after.overdue]).toEqual(['0.00', '6.00']);
    const audit = await runAudit(winner);
    expect(audit.violations).toEqual([]);
  });

  it('re-plans on remembered state that another writer has changed since', async () => {
    const winner = contextFor(plain);
    const loser = contextFor(hooked);
    const account = await createAccount(winner, { name: 'remembered' });
    const workspace = await createWorkspace(winner, {
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    await recordBankTransfer(winner, {
      reference: account.remittanceRef,
      bankSerial: uid('serial'),
      amount: '10.00',
    });
    // The loser now remembers the account with 9.00 of cash and plans its next group on that.
    await settleCharge(loser, chargeInput(workspace.workspaceId, '1.00'));
    await settleCharge(winner, chargeInput(workspace.workspaceId, '8.00'));

    const lost = await settleCharge(loser, chargeInput(workspace.workspaceId, '8.00'));

    expect(lost.parts.map((p) => [p.source, p.amount])).toEqual([
      ['cash', '1.00'],
      ['overdue', '7.00'],
    ]);
    expect(loser.writer.stats.conflicts).toBe(1);
    const after = await getAccount(winner, account.id);
    expect([after.cash, after.overdue]).toEqual(['0.00', '7.00']);
    expect((await runAudit(winner)).violations).toEqual([]);
  });

  // The native store on the file (the database thread), and the Drizzle store that D1 and
  // libSQL over HTTP use, on the same file.
  it.each([
    ['native', () => hooked.store],
    ['drizzle', () => new DrizzleStore(hooked.db, hooked.maxParams)],
  ] as const)(
    'never applies a group planned behind one that failed (%s store)',
    async (_, store) => {
      const winner = contextFor(plain);
      // The first commit is held until the writer has planned and sent the next group on the
      // state the first would leave; then both go on, in order.
      const behind: Promise<SettledCharge>[] = [];
      const held = {
        ...hooked,
        store: holdingFirstCommit(store(), () => {
          behind.push(settleCharge(loser, chargeInput(workspace.workspaceId, '3.00')));
        }),
      };
      const loser = contextFor(held);
      const account = await createAccount(winner, { name: 'pipeline' });
      const workspace = await createWorkspace(winner, {
        accountId: account.id,
        workspaceId: uid('ws'),
        name: 'main',
      });
      await recordBankTransfer(winner, {
        reference: account.remittanceRef,
        bankSerial: uid('serial'),
        amount: '10.00',
      });
      await settleCharge(loser, chargeInput(workspace.workspaceId, '1.00'));
      await settleCharge(winner, chargeInput(workspace.workspaceId, '8.00'));

      // Planned on the remembered 9.00, this one loses the compare-and-set; the 3.00 planned
      // behind it (on 4.00, with the version after it) must not commit in its stead.
      armed = true;
      const first = await settleCharge(loser, chargeInput(workspace.workspaceId, '5.00'));
      const settled = [first, ...(await Promise.all(behind))];

      // Either may be the one the last 1.00 of cash went to; together they spend exactly it.
      expect(settled).toHaveLength(2);
      const paidFen = sumFen(settled.map((charge) => amountToFen(charge.paid)));
      const overdueFen = sumFen(settled.map((charge) => amountToFen(charge.overdue)));
      expect([fenToAmount(paidFen), fenToAmount(overdueFen)]).toEqual(['1.00', '7.00']);
      const after = await getAccount(winner, account.id);
      expect([after.cash, after.overdue]).toEqual(['0.00', '7.00']);
      expect((await runAudit(winner)).violations).toEqual([]);
    },
  );

  it('bills no cloud account that another writer has since switched away from', async () => {
    const winner = contextFor(plain);
    const loser = contextFor(hooked);
    const account = await createAccount(winner, { name: 'cloud' });
    const workspace = await createWorkspace(winner, {
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
      settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: 'aws-1' },
    });
    await recordBankTransfer(winner, {
      reference: account.remittanceRef,
      bankSerial: uid('serial'),
      amount: '10.00',
    });
    // A cloud-billed charge moves no balance; the loser remembers the workspace as cloud-billed.
    const billed = await settleCharge(loser, chargeInput(workspace.workspaceId, '1.00'));
    expect(billed.parts.map((p) => p.source)).toEqual(['cloud_account']);
    await endCloudSubscription(winner, {
      workspaceId: workspace.workspaceId,
      cloudAccountId: 'aws-1',
    });

    const paid = await settleCharge(loser, chargeInput(workspace.workspaceId, '2.00'));

    expect(paid.parts.map((p) => [p.source, p.amount])).toEqual([['cash', '2.00']]);
    expect(paid.settlementMethod).toBe('billing_center');
    expect((await runAudit(winner)).violations).toEqual([]);
  });

  it('fails one bad command alone and commits the rest of its group', async () => {
    const ctx = contextFor(plain);
    const account = await createAccount(ctx, { name: 'group' });
    const workspace = await createWorkspace(ctx, {
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    const good = chargeInput(workspace.workspaceId, '1.00');
    const taken = chargeInput(workspace.workspaceId, '1.00');
    await settleCharge(ctx, taken);
    const outcomes = await Promise.allSettled([
      settleCharge(ctx, good),
      settleCharge(ctx, { ...taken, amount: '2.00' }),
      settleCharge(ctx, chargeInput(workspace.workspaceId, '3.00')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const after = await getAccount(ctx, account.id);
    expect(after.overdue).toBe('5.00');
  });
});

describe('database guards', () => {
  it('refuses to update or delete ledger entries and charge parts', async () => {
    const ctx = contextFor(plain);
    const account = await createAccount(ctx, { name: 'guards' });
    await recordBankTransfer(ctx, {
      reference: account.remittanceRef,
      bankSerial: uid('serial'),
      amount: '1.00',
    });
    for (const statement of [
      `UPDATE ledger_entries SET amount_fen = 1000 WHERE account_id = '${account.id}'`,
      `DELETE FROM ledger_entries WHERE account_id = '${account.id}'`,
      'UPDATE charge_parts SET amount_fen = 1',
      'DELETE FROM charges',
    ]) {
      await expect(plain.client.execute(statement)).rejects.toThrow(/immutable/);
    }
  });

  it('refuses a balance change that does not bump the version by exactly one', async () => {
    const ctx = contextFor(plain);
    const account = await createAccount(ctx, { name: 'cas' });
    for (const statement of [
      `UPDATE accounts SET cash_fen = 100 WHERE id = '${account.id}'`,
      `UPDATE accounts SET cash_fen = 100, version = version + 2 WHERE id = '${account.id}'`,
      `UPDATE accounts SET overdue_fen = 5, overdue_since_ms = 1 WHERE id = '${account.id}'`,
    ]) {
      await expect(plain.client.execute(statement)).rejects.toThrow(/stale_account_version/);
    }
    await expect(
      plain.client.execute(
        `UPDATE accounts SET cash_fen = 1, overdue_fen = 1, overdue_since_ms = 1,
         version = version + 1 WHERE id = '${account.id}'`,
      ),
    ).rejects.toThrow(/CHECK constraint failed: accounts_cash_or_overdue/);
  });
});
