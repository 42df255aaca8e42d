/**
 * The transactional outbox: an event row exists if and only if the change that causes it
 * committed. Failures are forced inside the commit — the version compare-and-set lost to a
 * second writer, a CHECK constraint — on both stores (the native database thread and the
 * Drizzle batch the edge uses), and every committed change is matched with its event.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type NodeDatabase } from '../../db/client.ts';
import { accounts, bankTransfers, charges, events } from '../../db/schema/index.ts';
import type { ChangeSet, CommitStore } from '../../db/store.ts';
import { DrizzleStore } from '../../db/store/drizzle.ts';
import type { Actor } from '../../server/auth/keys.ts';
import { depsFor } from '../../server/bootstrap.ts';
import { systemClock } from '../../server/clock.ts';
import { readConfig } from '../../server/config.ts';
import type { ServiceContext } from '../../server/context.ts';
import { createAccount } from '../../server/services/accounts/create.ts';
import { recordBankTransfer } from '../../server/services/cash/recordBankTransfer.ts';
import { settleCharge } from '../../server/services/charges/settle.ts';
import { createWorkspace } from '../../server/services/workspaces/create.ts';
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
/** Every change set the hooked writer sent, and whether it committed. */
const sent: { changes: ChangeSet; committed: boolean }[] = [];

function contextFor(database: Database): ServiceContext {
  return {
    ...depsFor(database, readConfig({ DATABASE_URL: 'file:unused' }), systemClock),
    actor: operator,
    clientAddress: 'test',
    origin: 'http://test',
  };
}

beforeAll(async () => {
  const path = freshDatabasePath();
  plain = await openDatabase(`file:${path}`);
  const inner = await openDatabase(`file:${path}`);
  const store: CommitStore = {
    load: (request) => inner.store.load(request),
    commit: async (changes, chain) => {
      const hook = beforeWrite;
      if (hook) {
        beforeWrite = null;
        await hook();
      }
      const record = { changes, committed: false };
      sent.push(record);
      await inner.store.commit(changes, chain);
      record.committed = true;
    },
    close: () => inner.store.close(),
  };
  hooked = { ...inner, store };
});
afterAll(() => {
  plain.close();
  hooked.close();
});

async function eventRows(ids: readonly string[]): Promise<string[]> {
  const rows = await plain.db.select({ id: events.id }).from(events);
  return rows
    .map((row) => row.id)
    .filter((id) => ids.includes(id))
    .sort();
}

function eventIdsIn(changes: ChangeSet): string[] {
  return (changes.inserts.get(events) ?? []).map((row) => String(row.id));
}

describe('the outbox', () => {
  it('keeps no event of a commit that lost the version race, and one of the commit that won', async () => {
    const winner = contextFor(plain);
    const loser = contextFor(hooked);
    const account = await createAccount(winner, { name: 'outbox race' });
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
    sent.length = 0;
    beforeWrite = async () => {
      await settleCharge(winner, chargeInput(workspace.workspaceId, '8.00'));
    };
    const charge = chargeInput(workspace.workspaceId, '8.00');
    await settleCharge(loser, charge);

    const [lost, won] = sent;
    expect(lost?.committed).toBe(false);
    expect(won?.committed).toBe(true);
    const lostIds = eventIdsIn(lost!.changes);
    expect(lostIds.length).toBeGreaterThan(0);
    expect(await eventRows(lostIds)).toEqual([]);
    const wonIds = eventIdsIn(won!.changes);
    expect(await eventRows(wonIds)).toEqual([...wonIds].sort());
    // Exactly one charge.settled for the charge, and it tells what the re-planned commit did.
    const rows = await plain.db
      .select()
      .from(events)
      .where(
        sql`${events.type} = 'charge.settled' AND json_extract(${events.data}, '$.chargeId') = ${charge.chargeId}`,
      );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ paid: '2.00', overdue: '6.00' });
  });

  it.each([
    ['native', () => plain.store],
    ['drizzle', () => new DrizzleStore(plain.db, plain.maxParams)],
  ] as const)('rolls events back with a commit a CHECK refuses (%s store)', async (_, store) => {
    const ctx = contextFor(plain);
    const account = await createAccount(ctx, { name: uid('check') });
    const [row] = await plain.db.select().from(accounts).where(eq(accounts.id, account.id));
    const eventId = `evt_${uid('check')}`;
    const changeSet = (cashFen: number): ChangeSet => ({
      accounts: [
        {
          id: account.id,
          cashFen,
          overdueFen: 0,
          overdueSinceMs: null,
          invoiceableFen: 0,
          invoiceReservedFen: 0,
          alertRules: row!.alertRules,
          alertState: row!.alertState,
          ledgerSeq: row!.ledgerSeq,
          ledgerHeadHash: row!.ledgerHeadHash,
          version: row!.version + 1,
        },
      ],
      instruments: [],
      workspaces: [],
      inserts: new Map([
        [
          events,
          [
            {
              id: eventId,
              type: 'bank_transfer.recorded',
              accountId: account.id,
              data: '{}',
              createdAtMs: Date.now(),
            },
          ],
        ],
      ]),
      updates: [],
    });
    // Cash below zero: accounts_cash_nonnegative refuses the whole batch.
    await expect(
      store().commit(changeSet(-1), { id: 900 + Math.random(), epoch: 0 }),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(await eventRows([eventId])).toEqual([]);
    // A stale version (another writer got there first) refuses it too.
    const stale = changeSet(0);
    const staleSet = { ...stale, accounts: [{ ...stale.accounts[0]!, version: row!.version + 2 }] };
    await expect(store().commit(staleSet, { id: 950 + Math.random(), epoch: 0 })).rejects.toThrow(
      /stale_account_version/,
    );
    expect(await eventRows([eventId])).toEqual([]);
    // The same change, valid: the event commits with it.
    await store().commit(changeSet(0), { id: 990 + Math.random(), epoch: 0 });
    expect(await eventRows([eventId])).toEqual([eventId]);
  });

  it('has an event for every committed change', async () => {
    const ctx = contextFor(plain);
    const account = await createAccount(ctx, { name: 'every change' });
    const workspace = await createWorkspace(ctx, {
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    await Promise.all(
      Array.from({ length: 5 }, () =>
        recordBankTransfer(ctx, {
          reference: account.remittanceRef,
          bankSerial: uid('serial'),
          amount: '3.00',
        }),
      ),
    );
    await Promise.all(
      Array.from({ length: 40 }, () =>
        settleCharge(ctx, chargeInput(workspace.workspaceId, '0.50')),
      ),
    );
    const outbox = await plain.db.select().from(events).where(eq(events.accountId, account.id));
    const chargeIds = (
      await plain.db
        .select({ id: charges.id })
        .from(charges)
        .where(eq(charges.accountId, account.id))
    )
      .map((r) => r.id)
      .sort();
    const settled = outbox
      .filter((e) => e.type === 'charge.settled')
      .map((e) => (JSON.parse(e.data) as { chargeId: string }).chargeId)
      .sort();
    expect(settled).toEqual(chargeIds);
    expect(chargeIds).toHaveLength(40);
    const transfers = (
      await plain.db
        .select({ id: bankTransfers.id })
        .from(bankTransfers)
        .where(eq(bankTransfers.accountId, account.id))
    ).map((r) => r.id);
    const recorded = outbox
      .filter((e) => e.type === 'bank_transfer.recorded')
      .map((e) => (JSON.parse(e.data) as { transferId: string }).transferId);
    expect(recorded.sort()).toEqual(transfers.sort());
    expect(transfers).toHaveLength(5);
    // 15.00 in, 20.00 charged: the account went overdue once (5.00), in the same commit.
    expect(outbox.filter((e) => e.type === 'account.overdue')).toHaveLength(1);
  });
});
