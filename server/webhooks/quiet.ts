/**
 * Delivery writes only while this process's writer is not committing. On Node the read
 * connection is synchronous: a write that meets the database thread's write lock waits for it
 * on the event loop (the busy timeout), stalling every request. Waiting for the writer to
 * drain first keeps delivery bookkeeping out of settlement's way; under sustained load the
 * writer drains between bursts, and delivery catches up then.
 */
import type { WalletDeps } from '../context.ts';

export function settled(deps: Pick<WalletDeps, 'writer'>): Promise<void> {
  return deps.writer.idle();
}
