/**
 * At least once across crashes: `kill -9` of the server between the commit and the delivery,
 * and again in the middle of a POST, loses nothing. The event is in the outbox with its
 * change; the next process fans it out, and a delivery claimed by a dead process is sent again
 * once its lease lapses. The receiver deduplicates on `webhook-id`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fundCash, newFixture } from '../helpers/factories.ts';
import { eventually, startReceiver, type Receiver } from '../helpers/receiver.ts';
import {
  freshDatabasePath,
  newOperatorKey,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

const WEBHOOKS = {
  WALLET_WEBHOOK_INTERVAL_MS: '50',
  WALLET_WEBHOOK_RETRY_BASE_MS: '100',
  WALLET_WEBHOOK_TIMEOUT_MS: '1000',
};
let receiver: Receiver | null = null;
const servers: TestServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await receiver?.close();
});

async function killHard(server: TestServer): Promise<void> {
  if (server.pid === null) throw new Error('not a child process');
  process.kill(server.pid, 'SIGKILL');
  await server.stop();
  servers.splice(servers.indexOf(server), 1);
}

describe('a crash between commit and delivery', () => {
  it('loses no event: delivered after restart, also when killed mid-POST', async () => {
    const dbPath = freshDatabasePath();
    const operatorKey = newOperatorKey();
    const start = (env: Record<string, string>) =>
      startServer({ dbPath, operatorKey, env }).then((s) => (servers.push(s), s));
    receiver = await startReceiver();
    const r = receiver;
    let hanging = true;
    r.respond = () => (hanging ? 0 : 204);

    // 1. Committed with no delivery loop running, then killed: the event waits in the outbox.
    const first = await start({ WALLET_WEBHOOK_INTERVAL_MS: '0' });
    const f = await newFixture(first);
    const { secret } = await f.admin.webhooks.create.mutate({
      accountId: f.accountId,
      url: r.url,
      eventTypes: ['bank_transfer.recorded'],
      includeCharges: false,
    });
    r.secrets = [secret];
    const transfer = await fundCash(first, f.remittanceRef, '12.34');
    await killHard(first);
    expect(r.received).toEqual([]);

    // 2. The next process fans it out and POSTs; killed while the receiver holds the request.
    const second = await start(WEBHOOKS);
    await eventually(() => expect(r.received.length).toBeGreaterThan(0), 60_000);
    await killHard(second);
    expect(r.accepted().size).toBe(0);

    // 3. The third sends it again once the dead process's lease lapses; now it is taken.
    hanging = false;
    await start(WEBHOOKS);
    const accepted = await eventually(() => {
      expect(r.accepted().size).toBe(1);
      return [...r.accepted().values()];
    }, 60_000);
    expect(accepted[0]).toMatchObject({
      type: 'bank_transfer.recorded',
      accountId: f.accountId,
      data: { transferId: transfer.transferId, amount: '12.34' },
    });
    // Every attempt carried the same webhook-id and verified.
    expect(new Set(r.received.map((x) => x.id)).size).toBe(1);
    expect(r.received.every((x) => x.verified)).toBe(true);
  });
});
