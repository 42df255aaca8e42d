/**
 * The ledger chain's SHA-256 (common/ledgerChain.ts) with `node:crypto`, synchronous: the
 * Node writer hashes every entry of a group without a round trip to the thread pool each
 * (Web Crypto's digest is asynchronous). Same bytes in, same hex out.
 */
import { createHash } from 'node:crypto';

export function sha256HexSync(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
