/**
 * Password hashing with PBKDF2-SHA256 from Web Crypto, so the same code runs on Node and
 * Workers. 100,000 iterations is the most Workers' PBKDF2 allows; the count is stored per
 * user so it can be raised later without invalidating existing passwords.
 */
import { constantTimeEqual, hex, unhex } from './keys.ts';

export const PASSWORD_ITERATIONS = 100_000;
export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordHash {
  readonly saltHex: string;
  readonly hashHex: string;
  readonly iterations: number;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return {
    saltHex: hex(salt),
    hashHex: await derive(password, salt, PASSWORD_ITERATIONS),
    iterations: PASSWORD_ITERATIONS,
  };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const hashHex = await derive(password, unhex(stored.saltHex), stored.iterations);
  return constantTimeEqual(hashHex, stored.hashHex);
}

/**
 * Spends the same work as checking a real password, for a sign-in whose email is unknown:
 * without it, an unknown email answers in a fraction of the time and tells an attacker which
 * emails have accounts. Never matches.
 */
export async function verifyAgainstNoUser(password: string): Promise<false> {
  await verifyPassword(password, NO_USER);
  return false;
}

/** Work to spend: a salt, a hash and the iteration count real users have. */
const NO_USER: PasswordHash = {
  saltHex: '6e6f2d757365722d73616c742d2d2d2d',
  hashHex: '0'.repeat(64),
  iterations: PASSWORD_ITERATIONS,
};

/** A password people can type and read out, for invitations (about 100 bits). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  // 256 is not a multiple of 56, so a little bias remains; 18 characters keep >100 bits.
  return Array.from(bytes, (byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

/** Whether `password` is the stored user's (the user row's password columns). */
export function passwordMatches(
  user: { passwordSaltHex: string; passwordHashHex: string; passwordIterations: number },
  password: string,
): Promise<boolean> {
  return verifyPassword(password, {
    saltHex: user.passwordSaltHex,
    hashHex: user.passwordHashHex,
    iterations: user.passwordIterations,
  });
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    256,
  );
  return hex(new Uint8Array(bits));
}
