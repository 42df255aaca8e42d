/**
 * Builds the benchmark's world through the public API: a metering key, many funded accounts
 * with one workspace each, one funded hot account, and one account with no cash at all (its
 * charges run into overdue).
 */
import { amountToFen } from '../common/money.ts';
import { createWalletClient, type WalletClient } from '../server/client.ts';

export interface Fixtures {
  readonly meteringKey: string;
  /** One workspace per funded account, for round-robin settlement. */
  readonly manyWorkspaceIds: readonly string[];
  /** The funded accounts, in the order of their workspaces. */
  readonly manyAccountIds: readonly string[];
  readonly hot: FixtureAccount;
  readonly debtor: FixtureAccount;
}

export interface FixtureAccount {
  readonly accountId: string;
  readonly workspaceId: string;
  /** Cash credited at setup, in fen. */
  readonly fundedFen: number;
}

/** Cash per account: far more than any run can spend at 1.23 a charge. */
const MANY_FUNDING = '1000000.00';
const HOT_FUNDING = '100000000.00';
const SETUP_PARALLELISM = 20;

export async function buildFixtures(
  url: string,
  operatorKey: string,
  manyAccounts: number,
): Promise<Fixtures> {
  const operator = createWalletClient({ url, apiKey: operatorKey, batch: false });
  const { apiKey: meteringKey } = await operator.admin.createApiKey.mutate({
    role: 'metering',
    label: 'bench metering',
  });
  const manyWorkspaceIds: string[] = [];
  const manyAccountIds: string[] = [];
  for (let first = 0; first < manyAccounts; first += SETUP_PARALLELISM) {
    const last = Math.min(manyAccounts, first + SETUP_PARALLELISM);
    const indexes = Array.from({ length: last - first }, (_, i) => first + i);
    const made = await Promise.all(
      indexes.map((i) => makeAccount(operator, `many-${i}`, MANY_FUNDING)),
    );
    manyWorkspaceIds.push(...made.map((account) => account.workspaceId));
    manyAccountIds.push(...made.map((account) => account.accountId));
  }
  const hot = await makeAccount(operator, 'hot', HOT_FUNDING);
  const debtor = await makeAccount(operator, 'debtor', null);
  return { meteringKey, manyWorkspaceIds, manyAccountIds, hot, debtor };
}

async function makeAccount(
  operator: WalletClient,
  name: string,
  funding: string | null,
): Promise<FixtureAccount> {
  const account = await operator.accounts.create.mutate({ name: `bench ${name}` });
  const workspaceId = `ws-${name}`;
  await operator.workspaces.create.mutate({
    accountId: account.id,
    workspaceId,
    name: `bench ${name}`,
  });
  if (funding !== null) {
    await operator.cash.recordBankTransfer.mutate({
      reference: account.remittanceRef,
      bankSerial: `bench-${name}`,
      amount: funding,
    });
  }
  const fundedFen = funding === null ? 0 : amountToFen(funding);
  return { accountId: account.id, workspaceId, fundedFen };
}
