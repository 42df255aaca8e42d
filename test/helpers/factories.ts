/**
 * Factories: each test makes its own accounts, workspaces and keys through the real API, so
 * tests never share state and can run in any order.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { DAY_MS, startOfShanghaiDayMs } from '../../common/time.ts';
import type { WalletClient } from '../../server/client.ts';
import type { TestServer } from './server.ts';

export const uid = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

export interface Fixture {
  readonly accountId: string;
  readonly remittanceRef: string;
  readonly workspaceId: string;
  /** The metering service's client. */
  readonly metering: WalletClient;
  /** The account admin's client. */
  readonly admin: WalletClient;
  /** The account admin's API key, for plain HTTP routes (the sandbox checkout). */
  readonly adminKey: string;
}

export async function serviceClient(
  server: TestServer,
  role: 'metering' | 'partner' | 'operator',
): Promise<WalletClient> {
  const key = await server.operator.admin.createApiKey.mutate({ role, label: uid(role) });
  return server.client(key.apiKey);
}

/** A fresh account with one billing-center workspace, a metering client and an admin. */
export async function newFixture(server: TestServer, name = 'Acme'): Promise<Fixture> {
  const account = await server.operator.accounts.create.mutate({ name: uid(name) });
  const workspace = await server.operator.workspaces.create.mutate({
    accountId: account.id,
    workspaceId: uid('ws'),
    name: 'main',
  });
  const adminKey = await server.operator.accounts.createApiKey.mutate({
    accountId: account.id,
    role: 'admin',
    label: 'admin',
  });
  return {
    accountId: account.id,
    remittanceRef: account.remittanceRef,
    workspaceId: workspace.workspaceId,
    metering: await serviceClient(server, 'metering'),
    admin: server.client(adminKey.apiKey),
    adminKey: adminKey.apiKey,
  };
}

/**
 * The billing period of a factory charge unless a test names one: November 2026, in the past
 * of every clock the tests run on (the in-process servers' manual clocks start on 10 November
 * 2026), because a charge whose period starts in the future is refused.
 */
export const PAST_PERIOD = { startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 11, 1) };

/** The Shanghai day before `nowMs`, as a billing period: recent enough for the spend charts. */
export function recentPeriod(nowMs = Date.now()): { startMs: number; endMs: number } {
  const todayStartMs = startOfShanghaiDayMs(nowMs);
  return { startMs: todayStartMs - DAY_MS, endMs: todayStartMs };
}

export function chargeInput(
  workspaceId: string,
  amount: string,
  overrides: Partial<{
    chargeId: string;
    category: 'general' | 'sms' | 'dial_testing';
    description: string;
    period: { startMs: number; endMs: number };
  }> = {},
) {
  const period = overrides.period ?? PAST_PERIOD;
  return {
    chargeId: overrides.chargeId ?? uid('chg'),
    workspaceId,
    category: overrides.category ?? ('general' as const),
    amount,
    periodStartMs: period.startMs,
    periodEndMs: period.endMs,
    description: overrides.description ?? 'usage',
  };
}

/** Credits cash through the real bank-transfer path. */
export async function fundCash(server: TestServer, remittanceRef: string, amount: string) {
  return server.operator.cash.recordBankTransfer.mutate({
    reference: remittanceRef,
    bankSerial: uid('serial'),
    amount,
  });
}

/** The audit must be clean: call after every scenario. */
export async function expectCleanAudit(server: TestServer): Promise<void> {
  const report = await server.operator.admin.audit.query();
  expect(report.violations).toEqual([]);
  expect(report.ok).toBe(true);
}
