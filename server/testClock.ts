/**
 * The test clock (docs/decisions/013-test-clock.md): real time plus an offset that an operator
 * advances, stored in the database (`test_clock`) so every process of a deployment and the
 * Worker agree on the time. Only a deployment with WALLET_TEST_CLOCK=true builds one
 * (server/config.ts refuses it in production unless explicitly allowed).
 *
 * - `nowMs()` stays synchronous and free: real time plus the offset held in memory.
 * - `refresh()` reloads the offset when it is older than RELOAD_MS, one small read per
 *   process per second at most; each caller reads for itself (a Worker request must not
 *   await I/O another request started).
 * - The offset only grows, in the database (an increment) and in memory (the larger of what
 *   is held and what is read), so the wallet's time never runs backwards for the writer.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { testClock } from '../db/schema/index.ts';
import type { Clock } from './clock.ts';

/** How stale another process's advance may look here. */
export const RELOAD_MS = 1000;

const ROW_ID = 1;

export class TestClock implements Clock {
  private offsetMs = 0;
  private loadedAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly real: Clock,
  ) {}

  nowMs(): number {
    return this.real.nowMs() + this.offsetMs;
  }

  /** How far ahead of real time the wallet's clock runs, as last read. */
  currentOffsetMs(): number {
    return this.offsetMs;
  }

  async refresh(): Promise<void> {
    if (this.real.nowMs() - this.loadedAtMs < RELOAD_MS) return;
    await this.load();
  }

  async load(): Promise<number> {
    const loadedAtMs = this.real.nowMs();
    const [row] = await this.db
      .select({ offsetMs: testClock.offsetMs })
      .from(testClock)
      .where(eq(testClock.id, ROW_ID));
    this.hold(row?.offsetMs ?? 0, loadedAtMs);
    return this.offsetMs;
  }

  /** Moves the clock forward by `byMs` for the whole deployment; returns the new offset. */
  async advance(byMs: number): Promise<number> {
    const realMs = this.real.nowMs();
    const [row] = await this.db
      .insert(testClock)
      .values({ id: ROW_ID, offsetMs: byMs, updatedAtMs: realMs })
      .onConflictDoUpdate({
        target: testClock.id,
        set: { offsetMs: sql`${testClock.offsetMs} + ${byMs}`, updatedAtMs: realMs },
      })
      .returning({ offsetMs: testClock.offsetMs });
    this.hold(row?.offsetMs ?? byMs, realMs);
    return this.offsetMs;
  }

  private hold(offsetMs: number, loadedAtMs: number): void {
    this.offsetMs = Math.max(this.offsetMs, offsetMs);
    this.loadedAtMs = loadedAtMs;
  }
}

export function isTestClock(clock: Clock): clock is TestClock {
  return clock instanceof TestClock;
}
