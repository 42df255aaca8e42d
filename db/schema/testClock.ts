/**
 * The test clock of a deployment (docs/decisions/013-test-clock.md): how far the wallet's
 * clock runs ahead of real time. One row at most (id 1), written only where WALLET_TEST_CLOCK
 * is on; every process and the Worker read it, so they agree on the time. The offset only
 * grows: the wallet's time never runs backwards.
 */
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable } from 'drizzle-orm/sqlite-core';

export const testClock = sqliteTable(
  'test_clock',
  {
    id: integer('id').primaryKey(),
    offsetMs: integer('offset_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [check('test_clock_one_row', sql`${t.id} = 1 AND ${t.offsetMs} >= 0`)],
);
