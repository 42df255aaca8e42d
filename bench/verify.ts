/**
 * Checks, after the server has stopped, that the database holds exactly the charges the 2xx
 * responses reported — per phase, warm-up included — and that the hot and the overdue
 * accounts moved by exactly that many charges. A request that got no response (a run stopped
 * at its deadline) may or may not have settled; it widens the allowed range by one each.
 */
import { createClient } from '@libsql/client';
import { amountToFen } from '../common/money.ts';
import { CHARGE_AMOUNT } from './charges.ts';
import type { FixtureAccount } from './fixtures.ts';
import type { PhaseResult } from './load.ts';

export interface PhaseCheck {
  readonly prefix: string;
  readonly phase: PhaseResult;
  /** Charges one request carries. */
  readonly chargesPerRequest: number;
}

export interface BalanceCheck {
  /** The id prefixes of every charge on the account (settled in the run or loaded before). */
  readonly prefixes: readonly string[];
  readonly account: FixtureAccount;
  /** Which balance the charges move: cash goes down, overdue goes up. */
  readonly balance: 'cash' | 'overdue';
}

/** Charges written before the run, straight into the database (see books.ts). */
export interface LoadedCheck {
  readonly prefix: string;
  readonly charges: number;
}

export async function verifyDatabase(
  dbPath: string,
  phases: readonly PhaseCheck[],
  balances: readonly BalanceCheck[],
  loaded: readonly LoadedCheck[] = [],
): Promise<{ ok: boolean; lines: string[] }> {
  const client = createClient({ url: `file:${dbPath}` });
  try {
    const counted = await chargesByPrefix(client);
    const lines: string[] = [];
    let ok = true;
    for (const check of phases) {
      const reported = check.phase.warmup.items + check.phase.measured.items;
      const unanswered = check.phase.warmup.unanswered + check.phase.measured.unanswered;
      const slack = unanswered * check.chargesPerRequest;
      const stored = counted.get(check.prefix) ?? 0;
      const match = stored >= reported && stored <= reported + slack;
      ok &&= match;
      const range = slack === 0 ? '' : ` (+ up to ${slack} unanswered)`;
      lines.push(
        `${check.phase.spec.name}: ${stored} charges stored, ${reported} reported ` +
          `settled by 2xx responses${range}: ${match ? 'match' : 'MISMATCH'}`,
      );
    }
    for (const check of loaded) {
      const stored = counted.get(check.prefix) ?? 0;
      const match = stored === check.charges;
      ok &&= match;
      lines.push(
        `loaded ${check.prefix}: ${stored} charges stored, ${check.charges} loaded: ` +
          (match ? 'match' : 'MISMATCH'),
      );
    }
    for (const check of balances) {
      const charges = check.prefixes.reduce((sum, prefix) => sum + (counted.get(prefix) ?? 0), 0);
      const line = await checkBalance(client, check, charges);
      ok &&= line.ok;
      lines.push(line.text);
    }
    return { ok, lines };
  } finally {
    client.close();
  }
}

async function chargesByPrefix(client: ReturnType<typeof createClient>) {
  const result = await client.execute(
    `SELECT substr(id, 1, instr(id, '-') - 1) AS prefix, COUNT(*) AS n
     FROM charges GROUP BY prefix`,
  );
  return new Map(result.rows.map((row) => [String(row.prefix), Number(row.n)]));
}

async function checkBalance(
  client: ReturnType<typeof createClient>,
  check: BalanceCheck,
  charges: number,
): Promise<{ ok: boolean; text: string }> {
  const result = await client.execute({
    sql: 'SELECT cash_fen, overdue_fen FROM accounts WHERE id = ?',
    args: [check.account.accountId],
  });
  const row = result.rows[0];
  // Integer fen throughout: the product stays far below 2^53.
  const movedFen = charges * amountToFen(CHARGE_AMOUNT);
  const expectedFen = check.balance === 'cash' ? check.account.fundedFen - movedFen : movedFen;
  const actualFen = Number(check.balance === 'cash' ? row?.cash_fen : row?.overdue_fen);
  const ok = actualFen === expectedFen;
  const text =
    `${check.prefixes.join('+')} account ${check.balance}: ${actualFen} fen, expected ` +
    `${expectedFen} fen after ${charges} charges: ${ok ? 'match' : 'MISMATCH'}`;
  return { ok, text };
}
