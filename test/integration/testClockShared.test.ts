/**
 * The test clock shared by processes: two clocks on one database file (as two servers would
 * be), each over a real clock the test moves. An advance made by one is seen by the other
 * once its reload interval has passed, and never earlier than it rereads; a clock never goes
 * back, even if the stored offset does.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/database.ts';
import { RELOAD_MS, TestClock } from '../../server/testClock.ts';
import { ManualClock } from '../helpers/inprocess.ts';
import { freshDatabasePath } from '../helpers/server.ts';

const HOUR_MS = 3_600_000;
let first: Database;
let second: Database;

beforeAll(async () => {
  const url = `file:${freshDatabasePath()}`;
  [first, second] = await Promise.all([openDatabase(url), openDatabase(url)]);
});
afterAll(() => {
  first.close();
  second.close();
});

describe('TestClock across processes', () => {
  it('agrees within the reload interval and never runs backwards', async () => {
    const real = new ManualClock(Date.UTC(2026, 11, 1));
    const a = new TestClock(first.db, real);
    const b = new TestClock(second.db, real);
    await Promise.all([a.refresh(), b.refresh()]);
    expect([a.nowMs(), b.nowMs()]).toEqual([real.nowMs(), real.nowMs()]);

    await a.advance(HOUR_MS);
    expect(a.nowMs()).toBe(real.nowMs() + HOUR_MS);
    await b.refresh(); // read less than RELOAD_MS ago: not read again
    expect(b.nowMs()).toBe(real.nowMs());
    real.advance(RELOAD_MS);
    await b.refresh();
    expect(b.nowMs()).toBe(real.nowMs() + HOUR_MS);

    await b.advance(HOUR_MS);
    real.advance(RELOAD_MS);
    await a.refresh();
    expect(a.currentOffsetMs()).toBe(2 * HOUR_MS);

    // Someone lowers the stored offset by hand: the clocks keep the time they had.
    await first.db.run(sql`UPDATE test_clock SET offset_ms = 0`);
    real.advance(RELOAD_MS);
    await Promise.all([a.refresh(), b.refresh()]);
    expect([a.currentOffsetMs(), b.currentOffsetMs()]).toEqual([2 * HOUR_MS, 2 * HOUR_MS]);
  });
});
