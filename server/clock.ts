/** The injected clock. Services never read the system time directly. */
export interface Clock {
  nowMs(): number;
  /**
   * Brings the clock up to date where it depends on shared state (the test clock reads its
   * offset from the database). Called once per request and before each scheduled job; cheap
   * when nothing is due. Absent on the system clock.
   */
  refresh?(): Promise<void>;
}

export const systemClock: Clock = { nowMs: () => Date.now() };
