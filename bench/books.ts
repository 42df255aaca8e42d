/**
 * Full books: loads a million settled charges into a wallet database before the benchmark
 * measures settling on top of them, so "an empty database" and "years of history" can be
 * compared in one run.
 *
 * The charges are written with SQL on the real schema (migrations, CHECKs, triggers, foreign
 * keys on) while no server has the file open, and they are exactly what the server's writer
 * would have stored for charges paid from cash on a billing-center workspace: the charge, its
 * one cash part, its ledger entry with the cash balance after it, and its idempotency record
 * whose result is the charge's own view (built with the server's `chargeView`). Each account's
 * cash goes down and its invoiceable total up by what its charges took, and its version moves
 * on, as a commit would. Each entry is linked into its account's hash chain with the encoding
 * of common/ledgerChain.ts (hashed here with node:crypto, synchronously, inside the load's
 * transactions) and the head set on the account (decision 014). The audit afterwards must
 * find nothing; the benchmark checks it.
 *
 * A fifth of the charges land on the hot account (a long statement to page through), the rest
 * round-robin on the many accounts.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'libsql';
import { canonicalEntry, type ChainHead } from '../common/ledgerChain.ts';
import { amountToFen } from '../common/money.ts';
import { chargeView, type ChargePartRow, type ChargeRow } from '../server/services/charges/view.ts';
import { CHARGE_AMOUNT, PERIOD_END_MS, PERIOD_START_MS } from './charges.ts';
import type { Fixtures } from './fixtures.ts';

export interface LoadedBooks {
  readonly charges: number;
  /** Charges per id prefix: `loadhot` on the hot account, `loadmany` on the others. */
  readonly byPrefix: ReadonlyMap<string, number>;
  readonly elapsedS: number;
}

interface Target {
  readonly prefix: string;
  readonly accountId: string;
  readonly workspaceId: string;
}

const PER_TRANSACTION = 20_000;
/** The loaded history ends a day before the benchmark starts, one charge every 2 ms. */
const HISTORY_END_OFFSET_MS = 86_400_000;
const HOT_EVERY = 5;

export function loadBooks(dbPath: string, fixtures: Fixtures, total: number): LoadedBooks {
  const startMs = performance.now();
  const db = new Database(dbPath);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
    // Setup only, never measured: a crash here loses a scratch file, not money. The large
    // cache keeps the indexes' pages in memory while a million rows go into them.
    db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576');
    const targets = targetsOf(fixtures, total);
    const cash = new Map<string, number>();
    const heads = new Map<string, ChainHead>();
    const readAccount = db.prepare(
      'SELECT cash_fen, ledger_seq, ledger_head_hash FROM accounts WHERE id = ?',
    );
    for (const target of new Set(targets.map((t) => t.accountId))) {
      const row = readAccount.get(target) as {
        cash_fen: number;
        ledger_seq: number;
        ledger_head_hash: string;
      };
      cash.set(target, Number(row.cash_fen));
      heads.set(target, { seq: Number(row.ledger_seq), hash: row.ledger_head_hash });
    }
    const write = writer(db, heads);
    const firstMs = Date.now() - HISTORY_END_OFFSET_MS - total * 2;
    const byPrefix = new Map<string, number>();
    for (let from = 0; from < total; from += PER_TRANSACTION) {
      db.transaction(() => {
        for (let i = from; i < Math.min(total, from + PER_TRANSACTION); i++) {
          const target = targets[i] ?? unreachable();
          const n = byPrefix.get(target.prefix) ?? 0;
          byPrefix.set(target.prefix, n + 1);
          const cashAfter = (cash.get(target.accountId) ?? 0) - AMOUNT_FEN;
          cash.set(target.accountId, cashAfter);
          write(target, `${target.prefix}-${n}`, cashAfter, firstMs + i * 2);
        }
      })();
    }
    closeAccounts(db, fixtures, cash, heads);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    // Written without syncing: have the kernel write it all out now, not while the first
    // phases are being measured.
    const file = openSync(dbPath, 'r+');
    try {
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    return { charges: total, byPrefix, elapsedS: (performance.now() - startMs) / 1000 };
  } finally {
    db.close();
  }
}

const AMOUNT_FEN = amountToFen(CHARGE_AMOUNT);

function targetsOf(fixtures: Fixtures, total: number): Target[] {
  const hot = { prefix: 'loadhot', ...fixtures.hot };
  const accounts = fixtures.manyAccountIds;
  let next = 0;
  return Array.from({ length: total }, (_, i) => {
    if (i % HOT_EVERY === 0) return hot;
    const k = next++ % accounts.length;
    return {
      prefix: 'loadmany',
      accountId: accounts[k] ?? unreachable(),
      workspaceId: fixtures.manyWorkspaceIds[k] ?? unreachable(),
    };
  });
}

/** The four rows of one charge paid from cash, as the writer stores them. */
function writer(db: Database.Database, heads: Map<string, ChainHead>) {
  const insertCharge = db.prepare(
    `INSERT INTO charges (id, account_id, workspace_id, category, amount_fen, period_start_ms,
       period_end_ms, description, settlement_method, cloud_provider, cloud_account_id, paid_fen,
       overdue_fen, cloud_fen, settled_at_ms)
     VALUES (?, ?, ?, 'general', ?, ?, ?, 'bench usage', 'billing_center', NULL, NULL, ?, 0, 0, ?)`,
  );
  const insertPart = db.prepare(
    `INSERT INTO charge_parts (charge_id, position, source, instrument_id, instrument_number,
       amount_fen, balance_fen_after) VALUES (?, 0, 'cash', NULL, NULL, ?, ?)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO ledger_entries (account_id, workspace_id, instrument, instrument_id, amount_fen,
       balance_fen_after, reason, ref_type, ref_id, created_at_ms, seq, prev_hash, hash)
     VALUES (?, ?, 'cash', NULL, ?, ?, 'charge', 'charge', ?, ?, ?, ?, ?)`,
  );
  const insertOperation = db.prepare(
    'INSERT INTO operations (key, account_id, request, result, created_at_ms) VALUES (?, ?, ?, ?, ?)',
  );
  return (target: Target, chargeId: string, cashAfterFen: number, atMs: number) => {
    const row: ChargeRow = {
      id: chargeId,
      accountId: target.accountId,
      workspaceId: target.workspaceId,
      category: 'general',
      amountFen: AMOUNT_FEN,
      periodStartMs: PERIOD_START_MS,
      periodEndMs: PERIOD_END_MS,
      description: 'bench usage',
      settlementMethod: 'billing_center',
      cloudProvider: null,
      cloudAccountId: null,
      paidFen: AMOUNT_FEN,
      overdueFen: 0,
      cloudFen: 0,
      settledAtMs: atMs,
    };
    const part: ChargePartRow = {
      chargeId,
      position: 0,
      source: 'cash',
      instrumentId: null,
      instrumentNumber: null,
      amountFen: AMOUNT_FEN,
      balanceFenAfter: cashAfterFen,
    };
    insertCharge.run(
      chargeId,
      target.accountId,
      target.workspaceId,
      AMOUNT_FEN,
      PERIOD_START_MS,
      PERIOD_END_MS,
      AMOUNT_FEN,
      atMs,
    );
    insertPart.run(chargeId, AMOUNT_FEN, cashAfterFen);
    const entry = {
      accountId: target.accountId,
      workspaceId: target.workspaceId,
      instrument: 'cash',
      instrumentId: null,
      amountFen: -AMOUNT_FEN,
      balanceFenAfter: cashAfterFen,
      reason: 'charge',
      refType: 'charge',
      refId: chargeId,
      createdAtMs: atMs,
    };
    const head = heads.get(target.accountId) ?? unreachable();
    const seq = head.seq + 1;
    const hash = createHash('sha256')
      .update(canonicalEntry(entry, seq, head.hash))
      .digest('hex');
    insertEntry.run(
      target.accountId,
      target.workspaceId,
      -AMOUNT_FEN,
      cashAfterFen,
      chargeId,
      atMs,
      seq,
      head.hash,
      hash,
    );
    heads.set(target.accountId, { seq, hash });
    // The same canonical request and stored result as charges/settle.ts, so a replay of a
    // loaded charge id answers exactly as it would after a real settlement.
    const request = JSON.stringify([
      target.workspaceId,
      'general',
      AMOUNT_FEN,
      PERIOD_START_MS,
      PERIOD_END_MS,
      'bench usage',
    ]);
    const result = JSON.stringify(chargeView(row, [part]));
    insertOperation.run(`charge:${chargeId}`, target.accountId, request, result, atMs);
  };
}

/** Cash down and invoiceable up by what was charged; the version moves on as a commit's. */
function closeAccounts(
  db: Database.Database,
  fixtures: Fixtures,
  cash: ReadonlyMap<string, number>,
  heads: ReadonlyMap<string, ChainHead>,
): void {
  const update = db.prepare(
    `UPDATE accounts SET invoiceable_fen = invoiceable_fen + (cash_fen - ?), cash_fen = ?,
       ledger_seq = ?, ledger_head_hash = ?, version = version + 1 WHERE id = ?`,
  );
  db.transaction(() => {
    for (const accountId of [fixtures.hot.accountId, ...fixtures.manyAccountIds]) {
      const cashFen = cash.get(accountId);
      const head = heads.get(accountId);
      if (cashFen !== undefined && head) {
        update.run(cashFen, cashFen, head.seq, head.hash, accountId);
      }
    }
  })();
}

function unreachable(): never {
  throw new Error('unreachable: index out of range');
}
