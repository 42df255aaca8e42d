/**
 * Runtime configuration, read once from the environment. Every knob is documented in the
 * README's Configuration section.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly databaseAuthToken: string | undefined;
  /** When set, this is the operator key bootstrapped on first start. */
  readonly operatorKey: string | undefined;
  /** Validity of a prepaid card when none is given, in years. */
  readonly cardValidityYears: number;
}

export function readConfig(env: Record<string, string | undefined>): Config {
  return {
    port: integer(env.PORT, 8787, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? 'file:data/wallet.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    operatorKey: env.WALLET_OPERATOR_KEY || undefined,
    cardValidityYears: integer(env.WALLET_CARD_VALIDITY_YEARS, 1, 'WALLET_CARD_VALIDITY_YEARS'),
  };
}

function integer(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative whole number, got ${JSON.stringify(text)}`);
  }
  return value;
}
