/**
 * The ledger's hash chains survive a crash under load: a real server process settles charges
 * on a few accounts from many concurrent clients and is killed with SIGKILL while requests
 * are in flight. Restarted on the same file, every answered charge is there, every entry is
 * linked, the audit (which verifies every chain up to its head) is clean, and the chains go
 * on from their heads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const ACCOUNTS = 3;
const CLIENTS_PER_ACCOUNT = 8;
/** Charges answered before the kill: the load is well under way by then. */
const ANSWERED_BEFORE_KILL = 120;

let server: TestServer | null = null;
afterAll(() => server?.stop());

describe('the ledger chain under kill -9', () => {
  it('is intact after the server is killed mid-load and restarted', async () => {
    const first = await startServer();
    server = first;
    const fixtures: Fixture[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const fixture = await newFixture(first, 'Crash');
      await fundCash(first, fixture.remittanceRef, '1000.00');
      fixtures.push(fixture);
    }

    const answered: { chargeId: string; workspaceId: string }[] = [];
    let killed = false;
    let kill: () => void = () => {};
    const killedNow = new Promise<void>((resolve) => (kill = resolve));
    const clientLoop = async (fixture: Fixture) => {
      while (!killed) {
        const charge = chargeInput(fixture.workspaceId, '0.37', { chargeId: uid('crash') });
        try {
          await fixture.metering.charges.settle.mutate(charge);
          answered.push({ chargeId: charge.chargeId, workspaceId: fixture.workspaceId });
          if (answered.length >= ANSWERED_BEFORE_KILL) kill();
        } catch {
          // Requests in flight when the process dies fail; only answered ones must persist.
        }
      }
    };
    const loops = fixtures.flatMap((fixture) =>
      Array.from({ length: CLIENTS_PER_ACCOUNT }, () => clientLoop(fixture)),
    );
    await killedNow;
    process.kill(first.pid ?? 0, 'SIGKILL');
    killed = true;
    await Promise.all(loops);

    const second = await startServer({ dbPath: first.dbPath, operatorKey: first.operatorKey });
    server = second;
    for (const { chargeId } of answered) {
      const charge = await second.operator.charges.get.query({ chargeId });
      expect(charge.chargeId).toBe(chargeId);
    }
    await expectCleanAudit(second);
    const report = await second.operator.admin.audit.query();
    expect(report.counts.chainedEntries).toBe(report.counts.ledgerEntries);
    expect(report.counts.unchainedAccounts).toBe(0);

    // The chains go on from their heads after the restart.
    const [fixture] = fixtures;
    if (!fixture) throw new Error('no fixture');
    const metering = second.client(
      (await second.operator.admin.createApiKey.mutate({ role: 'metering', label: 'after' }))
        .apiKey,
    );
    await metering.charges.settle.mutate(chargeInput(fixture.workspaceId, '0.10'));
    await expectCleanAudit(second);
  }, 240_000);
});
