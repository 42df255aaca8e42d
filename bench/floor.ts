/**
 * The storage floor: the rows one settlement writes, done with raw prepared statements on an
 * embedded libSQL file in this process — no HTTP, no tRPC, no planning, no reads.
 *
 * The file gets the real schema (migrations, indexes, CHECKs and the version trigger) and the
 * server's connection settings (WAL, synchronous=FULL, one connection) from db/client.ts. Per
 * settlement it writes what the server's writer writes for a charge paid from cash: the
 * account's cash and version, the charge, its one part, its ledger entry and its idempotency
 * record. Settlements are committed one per transaction, and then 50 per transaction, which
 * is what the server's group commit can reach at best.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InStatement } from '@libsql/client';
import { migrateDatabase, openDatabase, type Database } from '../db/client.ts';

export interface FloorResult {
  readonly settlesPerTransaction: number;
  readonly settles: number;
  readonly elapsedS: number;
  readonly settlesPerS: number;
}

const ACCOUNTS = 200;
const FUNDED_FEN = 100_000_000;
const AMOUNT_FEN = 123;
/** About the size of the stored result of a settled charge. */
const RESULT_JSON = JSON.stringify({ note: 'x'.repeat(480) });
const MAX_SETTLES = 2_000_000;

export async function measureStorageFloor(
  dir: string,
  seconds: number,
  groupSizes: readonly number[],
): Promise<FloorResult[]> {
  const database = await openDatabase(`file:${join(dir, 'floor.db')}`);
  try {
    await migrateDatabase(database);
    await seedAccounts(database);
    const results: FloorResult[] = [];
    let sequence = 0;
    for (const size of groupSizes) {
      // A short untimed pass first, so the timed one starts with warm caches.
      const warm = await writeFor(database, size, seconds / 5, sequence);
      sequence += warm.settles;
      const timed = await writeFor(database, size, seconds, sequence);
      sequence += timed.settles;
      results.push(timed);
    }
    return results;
  } finally {
    database.close();
  }
}

async function seedAccounts(database: Database): Promise<void> {
  const statements: InStatement[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    statements.push({
      sql: `INSERT INTO accounts (id, name, remittance_ref, cash_fen, created_at_ms)
            VALUES (?, ?, ?, ?, ?)`,
      args: [`acc-${i}`, `floor ${i}`, `REF${i}`, FUNDED_FEN, 0],
    });
    statements.push({
      sql: 'INSERT INTO workspaces (id, account_id, name, created_at_ms) VALUES (?, ?, ?, ?)',
      args: [`ws-${i}`, `acc-${i}`, `floor ${i}`, 0],
    });
  }
  await database.client.batch(statements, 'write');
}

async function writeFor(
  database: Database,
  settlesPerTransaction: number,
  seconds: number,
  firstSequence: number,
): Promise<FloorResult> {
  const startMs = performance.now();
  const endMs = startMs + seconds * 1000;
  let settles = 0;
  while (performance.now() < endMs && settles < MAX_SETTLES) {
    const statements: InStatement[] = [];
    for (let i = 0; i < settlesPerTransaction; i++) {
      statements.push(...settlementStatements(firstSequence + settles + i));
    }
    await database.client.batch(statements, 'write');
    settles += settlesPerTransaction;
  }
  const elapsedS = (performance.now() - startMs) / 1000;
  return { settlesPerTransaction, settles, elapsedS, settlesPerS: settles / elapsedS };
}

/** The five row writes of one charge paid from cash, as the server's writer makes them. */
function settlementStatements(sequence: number): InStatement[] {
  const accountId = `acc-${sequence % ACCOUNTS}`;
  const workspaceId = `ws-${sequence % ACCOUNTS}`;
  const chargeId = `floor-${sequence}`;
  const nowMs = Date.now();
  return [
    {
      sql: `UPDATE accounts SET cash_fen = cash_fen - ?, version = version + 1 WHERE id = ?`,
      args: [AMOUNT_FEN, accountId],
    },
    {
      sql: `INSERT INTO charges (id, account_id, workspace_id, category, amount_fen,
              period_start_ms, period_end_ms, description, settlement_method, cloud_provider,
              cloud_account_id, paid_fen, overdue_fen, cloud_fen, settled_at_ms)
            VALUES (?, ?, ?, 'general', ?, 0, 1, 'bench usage', 'billing_center', NULL, NULL,
              ?, 0, 0, ?)`,
      args: [chargeId, accountId, workspaceId, AMOUNT_FEN, AMOUNT_FEN, nowMs],
    },
    {
      sql: `INSERT INTO charge_parts (charge_id, position, source, instrument_id,
              instrument_number, amount_fen, balance_fen_after)
            VALUES (?, 0, 'cash', NULL, NULL, ?, 0)`,
      args: [chargeId, AMOUNT_FEN],
    },
    {
      sql: `INSERT INTO ledger_entries (account_id, workspace_id, instrument, instrument_id,
              amount_fen, balance_fen_after, reason, ref_type, ref_id, created_at_ms)
            VALUES (?, ?, 'cash', NULL, ?, 0, 'charge', 'charge', ?, ?)`,
      args: [accountId, workspaceId, -AMOUNT_FEN, chargeId, nowMs],
    },
    {
      sql: `INSERT INTO operations (key, account_id, request, result, created_at_ms)
            VALUES (?, ?, ?, ?, ?)`,
      args: [`charge:${chargeId}`, accountId, `["${workspaceId}","general",123]`, RESULT_JSON,
        nowMs],
    },
  ];
}
