/**
 * Known vectors of the ledger chain's canonical encoding and hash (common/ledgerChain.ts,
 * docs/decisions/014-ledger-hash-chain.md). The expected digests were computed outside this
 * code, with coreutils: `printf '%s' '<canonical text>' | sha256sum` — so an auditor's own
 * tool gives the same hash for the same entry.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  entryHash,
  linkEntries,
  sha256Hex,
  type ChainedFields,
} from '../../common/ledgerChain.ts';
import { sha256HexSync } from '../../server/nodeSha256.ts';

const charge: ChainedFields = {
  accountId: 'acc-1',
  workspaceId: 'ws-1',
  instrument: 'cash',
  instrumentId: null,
  amountFen: -1250,
  balanceFenAfter: 8750,
  reason: 'charge',
  refType: 'charge',
  refId: 'chg-1',
  createdAtMs: 1796184698646,
};

// Separators and escapes inside fields, nulls, a zero, non-ASCII text.
const awkward: ChainedFields = {
  accountId: 'acc|2',
  workspaceId: null,
  instrument: 'prepaid_card',
  instrumentId: 'card-\\1',
  amountFen: 0,
  balanceFenAfter: null,
  reason: 'void',
  refType: 'card',
  refId: 'ref \\| 券',
  createdAtMs: 0,
};

describe('the ledger chain encoding', () => {
  it.each([
    [
      'a first charge',
      charge,
      1,
      '',
      'ledger-v1|acc-1|1||ws-1|cash||-1250|8750|charge|charge|chg-1|1796184698646',
      '6985defa2f73d49ae8298aeb783d37466cd94df9cccd398a76eeaa37a10f15ca',
    ],
    [
      'escapes, nulls, non-ASCII',
      awkward,
      2,
      '4f00',
      'ledger-v1|acc\\|2|2|4f00||prepaid_card|card-\\\\1|0||void|card|ref \\\\\\| 券|0',
      'd14cbc101fa3beb2ae82b361cd5db1165c8593921bf2cfba9765153f2d933fc8',
    ],
  ] as const)('%s', async (_name, fields, seq, prevHash, text, hash) => {
    expect(canonicalEntry(fields, seq, prevHash)).toBe(text);
    expect(await entryHash(fields, seq, prevHash)).toBe(hash);
  });

  it('hashes the empty text as SHA-256 does', async () => {
    expect(await sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('cannot be fooled by a separator moved between fields', () => {
    const moved = { ...charge, refType: 'charge|chg-1', refId: '' };
    expect(canonicalEntry(moved, 1, '')).not.toBe(canonicalEntry(charge, 1, ''));
  });

  it('refuses an amount that is not an exact integer', () => {
    expect(() => canonicalEntry({ ...charge, amountFen: 12.5 }, 1, '')).toThrow(/not an integer/);
  });

  it('links entries after a head, each to the one before', async () => {
    const links = await linkEntries({ seq: 0, hash: '' }, [charge, awkward]);
    expect(links.map((l) => l.seq)).toEqual([1, 2]);
    expect(links[0]).toEqual({
      seq: 1,
      prevHash: '',
      hash: '6985defa2f73d49ae8298aeb783d37466cd94df9cccd398a76eeaa37a10f15ca',
    });
    expect(links[1]?.prevHash).toBe(links[0]?.hash);
    expect(links[1]?.hash).toBe(await entryHash(awkward, 2, links[0]?.hash ?? ''));
  });

  it("links the same with the Node server's synchronous SHA-256 as with Web Crypto", async () => {
    const head = { seq: 41, hash: 'ab'.repeat(32) };
    const viaNode = await linkEntries(head, [charge, awkward, charge], sha256HexSync);
    expect(viaNode).toEqual(await linkEntries(head, [charge, awkward, charge]));
    expect(viaNode[0]?.hash).toBe(await entryHash(charge, 42, head.hash));
  });
});
