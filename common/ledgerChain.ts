/**
 * The ledger's hash chain (docs/decisions/014-ledger-hash-chain.md): each account's entries,
 * in the order of their `seq` (1, 2, 3, …), each with a hash over the hash before it and the
 * entry's own fields, so that changing, removing or inserting any entry behind the
 * application's back breaks every link after it.
 *
 * The canonical encoding of an entry, version 1, is the UTF-8 bytes of these fields in this
 * order, each escaped (`\` → `\\`, `|` → `\|`) and joined by `|`:
 *
 *   `ledger-v1`, accountId, seq, prevHash, workspaceId, instrument, instrumentId, amountFen,
 *   balanceFenAfter, reason, refType, refId, createdAtMs
 *
 * Integers are written in decimal (an optional `-`, no leading zeros, no `+`), a null field is
 * the empty string, and the first entry's prevHash is the empty string. The hash is SHA-256 of
 * those bytes, as 64 lowercase hex digits. The entry's database id is not covered: it is
 * assigned by the database when the entry is inserted, after the hash is computed; `seq` fixes
 * the order instead.
 *
 * Pure and without Node: Web Crypto (`crypto.subtle`) exists on Node 20, in workerd and in
 * browsers, so an auditor can check a chain anywhere.
 */

/** The first entry of every chain links to this. */
export const GENESIS_HASH = '';

/** The fields of an entry that its hash covers, besides the link to the entry before. */
export interface ChainedFields {
  readonly accountId: string;
  readonly workspaceId: string | null;
  readonly instrument: string;
  readonly instrumentId: string | null;
  readonly amountFen: number;
  readonly balanceFenAfter: number | null;
  readonly reason: string;
  readonly refType: string;
  readonly refId: string;
  readonly createdAtMs: number;
}

/**
 * A ledger row as its readers hold it: an insert, whose nullable columns may be left out, or a
 * row read with raw SQL, whose integers a driver may return as bigint.
 */
export interface ChainedRow {
  readonly accountId: string;
  readonly workspaceId?: string | null;
  readonly instrument: string;
  readonly instrumentId?: string | null;
  readonly amountFen: number | bigint;
  readonly balanceFenAfter?: number | bigint | null;
  readonly reason: string;
  readonly refType: string;
  readonly refId: string;
  readonly createdAtMs: number | bigint;
}

/** The fields a hash covers, taken from a row: the writer's and the audit's one projection. */
export function chainedFieldsOf(row: ChainedRow): ChainedFields {
  const balance = row.balanceFenAfter ?? null;
  return {
    accountId: row.accountId,
    workspaceId: row.workspaceId ?? null,
    instrument: row.instrument,
    instrumentId: row.instrumentId ?? null,
    amountFen: Number(row.amountFen),
    balanceFenAfter: balance === null ? null : Number(balance),
    reason: row.reason,
    refType: row.refType,
    refId: row.refId,
    createdAtMs: Number(row.createdAtMs),
  };
}

/** Where an entry sits in its account's chain. */
export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

const VERSION = 'ledger-v1';
const encoder = new TextEncoder();

function text(value: string | null): string {
  return (value ?? '').replace(/[\\|]/g, (c) => `\\${c}`);
}

function integer(value: number | null): string {
  if (value === null) return '';
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

/** The canonical text of an entry at `seq` linked to `prevHash` (before UTF-8 encoding). */
export function canonicalEntry(fields: ChainedFields, seq: number, prevHash: string): string {
  return [
    VERSION,
    text(fields.accountId),
    integer(seq),
    text(prevHash),
    text(fields.workspaceId),
    text(fields.instrument),
    text(fields.instrumentId),
    integer(fields.amountFen),
    integer(fields.balanceFenAfter),
    text(fields.reason),
    text(fields.refType),
    text(fields.refId),
    integer(fields.createdAtMs),
  ].join('|');
}

/** SHA-256 of a text's UTF-8 bytes, as lowercase hex. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The hash of an entry at `seq` after the entry whose hash is `prevHash`. */
export function entryHash(fields: ChainedFields, seq: number, prevHash: string): Promise<string> {
  return sha256Hex(canonicalEntry(fields, seq, prevHash));
}

/** An account's chain so far: how many entries it has and the hash of the last. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * SHA-256 of a text's UTF-8 bytes as lowercase hex, by any implementation: `sha256Hex` (Web
 * Crypto, everywhere), or a synchronous one where the runtime has it (the Node server passes
 * `node:crypto`'s, which spares every entry a round trip to the thread pool).
 */
export type Sha256Hex = (value: string) => string | Promise<string>;

/** Links entries after `head`, in order; returns each entry's link (the last is the new head). */
export async function linkEntries(
  head: ChainHead,
  entries: readonly ChainedFields[],
  sha256: Sha256Hex = sha256Hex,
): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  let { seq, hash } = head;
  for (const entry of entries) {
    seq += 1;
    const prevHash = hash;
    const next = sha256(canonicalEntry(entry, seq, prevHash));
    hash = typeof next === 'string' ? next : await next;
    links.push({ seq, prevHash, hash });
  }
  return links;
}
