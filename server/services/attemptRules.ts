/**
 * Who may fail how often: the throttling rules of sign-in, password change and code
 * activation, in one place (the mechanism is throttle.ts; the reasoning is
 * docs/decisions/004-throttling.md).
 *
 * The shape is the same for each: a counter per (subject, client address) that locks quickly
 * — only the caller's own address reaches it — and slower budgets per subject and per
 * address that anyone can reach, which only ever delay, by at most DELAY_CAP_MS. A person
 * who signed in from an address before is not held back by the budgets of their email there.
 */
import type { Config } from '../config.ts';
import type { AttemptRule, Backoff, Marker } from './throttle.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The longest an attacker on other addresses can hold a person back. */
export const DELAY_CAP_MS = 60_000;
const delays = (free: number): Backoff => ({ free, baseMs: 1_000, capMs: DELAY_CAP_MS });

export const SIGN_IN = {
  /** Wrong passwords from one address for one email before that pair is locked. */
  pairLimit: 10,
  pairWindowMs: 15 * MINUTE_MS,
  /** Wrong passwords for one email, from anywhere, before each further try is delayed. */
  emailFree: 10,
  emailWindowMs: DAY_MS,
  /** Wrong passwords from one address, for any email, before each further try is delayed. */
  addressFree: 100,
  addressWindowMs: 15 * MINUTE_MS,
  /** How long a successful sign-in vouches for its (email, address) pair. */
  knownPairMs: 30 * DAY_MS,
} as const;

export const CHANGE_PASSWORD = {
  pairLimit: 5,
  pairWindowMs: 15 * MINUTE_MS,
  userFree: 5,
  userWindowMs: DAY_MS,
} as const;

/** The address comes last: an email may contain `|`, an address never does. */
const pair = (subject: string, address: string) => `${subject}|${address}`;

export function signInRules(email: string, address: string): AttemptRule[] {
  const known = knownPair(email, address).key;
  return [
    {
      key: `sign_in:pair:${pair(email, address)}`,
      windowMs: SIGN_IN.pairWindowMs,
      limit: SIGN_IN.pairLimit,
    },
    {
      key: `sign_in:email:${email}`,
      windowMs: SIGN_IN.emailWindowMs,
      backoff: delays(SIGN_IN.emailFree),
      waivedBy: known,
    },
    {
      key: `sign_in:address:${address}`,
      windowMs: SIGN_IN.addressWindowMs,
      backoff: delays(SIGN_IN.addressFree),
      waivedBy: known,
    },
  ];
}

/** Stored on a successful sign-in: this email has signed in from this address. */
export function knownPair(email: string, address: string): Marker {
  return { key: `sign_in:known:${pair(email, address)}`, ttlMs: SIGN_IN.knownPairMs };
}

export function changePasswordRules(userId: string, address: string): AttemptRule[] {
  return [
    {
      key: `change_password:pair:${pair(userId, address)}`,
      windowMs: CHANGE_PASSWORD.pairWindowMs,
      limit: CHANGE_PASSWORD.pairLimit,
    },
    {
      key: `change_password:user:${userId}`,
      windowMs: CHANGE_PASSWORD.userWindowMs,
      backoff: delays(CHANGE_PASSWORD.userFree),
    },
  ];
}

/**
 * Activation: WALLET_ACTIVATION_ATTEMPTS failures per (account, address) lock that pair for
 * the window; the account's own budget delays after as many; an address gets ten times as
 * many across all accounts before it is delayed, so accounts behind one proxy do not stop
 * each other.
 */
export function activationRules(
  config: Pick<Config, 'activationAttempts' | 'activationWindowMs'>,
  accountId: string,
  address: string,
): AttemptRule[] {
  const windowMs = config.activationWindowMs;
  return [
    {
      key: `activate:pair:${pair(accountId, address)}`,
      windowMs,
      limit: config.activationAttempts,
    },
    {
      key: `activate:account:${accountId}`,
      windowMs,
      backoff: delays(config.activationAttempts),
    },
    {
      key: `activate:address:${address}`,
      windowMs,
      backoff: delays(10 * config.activationAttempts),
    },
  ];
}
