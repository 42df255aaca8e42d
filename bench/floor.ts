/**
 * The storage floor: the rows one settlement writes, done with raw prepared statements on an
 * embedded libSQL file in this process — no HTTP, no tRPC, no planning, no reads.
 *
 * The file gets the real schema (migrations, indexes, CHECKs and the version trigger) and the
 * server's connection settings (WAL, synchronous=FULL, one connection) from db/client.ts. Per
 * settlement it writes what the server's writer writes for a charge paid from cash: the
 * account's cash and version, the charge, its one part, its ledger entry and its idempotency
 * record. Variants: one settlement per transaction; 50 per transaction as 250 single-row
 * statements; and 50 per transaction the way the server's writer batches them, one UPDATE per
 * account and one multi-row INSERT per table. @libsql/client prepares every statement anew,
 * so the statement count, not only the row count, sets the cost.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InStatement } from '@libsql/client';
import { migrateDatabase, openDatabase, type NodeDatabase } from '../db/client.ts';

export interface FloorVariant {
  readonly label: string;
  readonly settlesPerTransaction: number;
  /** One INSERT per table for the whole group, instead of one per row. */
  readonly multiRowInserts: boolean;
}

export interface FloorResult {
  readonly variant: FloorVariant;
  readonly settles: number;
  readonly elapsedS: number;
  readonly settlesPerS: number;
}

export const FLOOR_VARIANTS: readonly FloorVariant[] = [
  { label: '1 settle/tx', settlesPerTransaction: 1, multiRowInserts: false },
  { label: '50 settles/tx, row by row', settlesPerTransaction: 50, multiRowInserts: false },
  { label: '50 settles/tx, multi-row', settlesPerTransaction: 50, multiRowInserts: true },
];

const ACCOUNTS = 200;
const FUNDED_FEN = 100_000_000;
const AMOUNT_FEN = 123;
/** About the size of the stored result of a settled charge. */
const RESULT_JSON = JSON.stringify({ note: 'x'.repeat(480) });
const MAX_SETTLES = 2_000_000;

export async function measureStorageFloor(
  dir: string,
  seconds: number,
  variants: readonly FloorVariant[],
): Promise<FloorResult[]> {
  const database = await openDatabase(`file:${join(dir, 'floor.db')}`);
  try {
    await migrateDatabase(database);
    await seedAccounts(database);
    const results: FloorResult[] = [];
    let sequence = 0;
    for (const variant of variants) {
      // A short untimed pass first, so the timed one starts with warm caches.
      const warm = await writeFor(database, variant, seconds / 5, sequence);
      sequence += warm.settles;
      const timed = await writeFor(database, variant, seconds, sequence);
      sequence += timed.settles;
      results.push(timed);
    }
    return results;
  } finally {
    database.close();
  }
}

async function seedAccounts(database: NodeDatabase): Promise<void> {
  const statements: InStatement[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    statements.push({
      // No chain head: the floor writes the SQL of a settlement without its hash chain
      // (decision 014), whose cost the compare bench measures on the real server.
      sql: `INSERT INTO accounts (id, name, remittance_ref, cash_fen, created_at_ms,
              ledger_head_hash) VALUES (?, ?, ?, ?, ?, NULL)`,
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
  database: NodeDatabase,
  variant: FloorVariant,
  seconds: number,
  firstSequence: number,
): Promise<FloorResult> {
  const startMs = performance.now();
  const endMs = startMs + seconds * 1000;
  let settles = 0;
  while (performance.now() < endMs && settles < MAX_SETTLES) {
    const rows = Array.from({ length: variant.settlesPerTransaction }, (_, i) =>
      settlementRows(firstSequence + settles + i),
    );
    const statements = variant.multiRowInserts ? multiRowStatements(rows) : rowStatements(rows);
    await database.client.batch(statements, 'write');
    settles += rows.length;
  }
  const elapsedS = (performance.now() - startMs) / 1000;
  return { variant, settles, elapsedS, settlesPerS: settles / elapsedS };
}

type Args = (string | number | null)[];

/** The values of the five row writes of one charge paid from cash. */
interface SettlementRows {
  readonly accountUpdate: Args;
  readonly charge: Args;
  readonly part: Args;
  readonly ledger: Args;
  readonly operation: Args;
}

const ACCOUNT_UPDATE =
  'UPDATE accounts SET cash_fen = cash_fen - ?, version = version + 1 WHERE id = ?';
const INSERTS = {
  charge: {
    head: `INSERT INTO charges (id, account_id, workspace_id, category, amount_fen,
             period_start_ms, period_end_ms, description, settlement_method, cloud_provider,
             cloud_account_id, paid_fen, overdue_fen, cloud_fen, settled_at_ms) VALUES `,
    tuple: '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  },
  part: {
    head: `INSERT INTO charge_parts (charge_id, position, source, instrument_id,
             instrument_number, amount_fen, balance_fen_after) VALUES `,
    tuple: '(?, ?, ?, ?, ?, ?, ?)',
  },
  ledger: {
    head: `INSERT INTO ledger_entries (account_id, workspace_id, instrument, instrument_id,
             amount_fen, balance_fen_after, reason, ref_type, ref_id, created_at_ms) VALUES `,
    tuple: '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  },
  operation: {
    head: 'INSERT INTO operations (key, account_id, request, result, created_at_ms) VALUES ',
    tuple: '(?, ?, ?, ?, ?)',
  },
} as const;
const TABLES = ['charge', 'part', 'ledger', 'operation'] as const;

function settlementRows(sequence: number): SettlementRows {
  const accountId = `acc-${sequence % ACCOUNTS}`;
  const workspaceId = `ws-${sequence % ACCOUNTS}`;
  const chargeId = `floor-${sequence}`;
  const nowMs = Date.now();
  return {
    accountUpdate: [AMOUNT_FEN, accountId],
    charge: [
      chargeId,
      accountId,
      workspaceId,
      'general',
      AMOUNT_FEN,
      0,
      1,
      'bench usage',
      'billing_center',
      null,
      null,
      AMOUNT_FEN,
      0,
      0,
      nowMs,
    ],
    part: [chargeId, 0, 'cash', null, null, AMOUNT_FEN, 0],
    ledger: [
      accountId,
      workspaceId,
      'cash',
      null,
      -AMOUNT_FEN,
      0,
      'charge',
      'charge',
      chargeId,
      nowMs,
    ],
    operation: [
      `charge:${chargeId}`,
      accountId,
      `["${workspaceId}","general",123]`,
      RESULT_JSON,
      nowMs,
    ],
  };
}

/** Five single-row statements per settlement. */
function rowStatements(groups: readonly SettlementRows[]): InStatement[] {
  return groups.flatMap((rows) => [
    { sql: ACCOUNT_UPDATE, args: rows.accountUpdate },
    ...TABLES.map((table) => ({
      sql: INSERTS[table].head + INSERTS[table].tuple,
      args: rows[table],
    })),
  ]);
}

/** One UPDATE per settlement's account, then one INSERT per table for the whole group. */
function multiRowStatements(groups: readonly SettlementRows[]): InStatement[] {
  const updates = groups.map((rows) => ({ sql: ACCOUNT_UPDATE, args: rows.accountUpdate }));
  const inserts = TABLES.map((table) => ({
    sql: INSERTS[table].head + groups.map(() => INSERTS[table].tuple).join(', '),
    args: groups.flatMap((rows) => rows[table]),
  }));
  return [...updates, ...inserts];
}
