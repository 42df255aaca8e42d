/**
 * The inner context every service receives: database, writer, clock, configuration and the
 * authenticated actor. Tests build it directly; the HTTP layer builds it from a request.
 */
import type { Database } from '../db/database.ts';
import type { Actor, KeyVerifier } from './auth/keys.ts';
import type { SessionVerifier } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Lookups } from './lookups.ts';
import type { Writer } from './writer/writer.ts';

/** What lives as long as the process. */
export interface WalletDeps {
  readonly database: Database;
  readonly writer: Writer;
  readonly clock: Clock;
  readonly config: Config;
  readonly keys: KeyVerifier;
  readonly sessions: SessionVerifier;
  readonly lookups: Lookups;
}

export interface ServiceContext extends WalletDeps {
  readonly actor: Actor;
  /** The caller's network address, for per-client throttling ('unknown' when not known). */
  readonly clientAddress: string;
  /** The origin the request came to, for links back to this server. */
  readonly origin: string;
}
