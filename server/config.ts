/**
 * Runtime configuration, read once from the environment. Every knob is documented in the
 * README's Configuration section.
 */
import { amountToFen } from '../common/money.ts';
import type { DiscountTier } from '../common/tiers.ts';

export interface AlipayConfig {
  readonly appId: string;
  /** The app's RSA2 private key (PKCS#8 or PKCS#1, PEM or bare base64). */
  readonly appPrivateKey: string;
  /** Alipay's public key from the open platform console (SPKI, PEM or bare base64). */
  readonly alipayPublicKey: string;
  /** Our merchant id (seller_id / PID); checked on notifies when set. */
  readonly sellerId: string | undefined;
  readonly gateway: string;
  /** Where Alipay posts the asynchronous notify: <public base>/payments/alipay/notify. */
  readonly notifyUrl: string;
  readonly returnUrl: string | undefined;
}

/**
 * How online top-ups are paid. `off` means not configured: online top-up is refused with
 * PAYMENTS_NOT_CONFIGURED, never quietly handed to the sandbox (docs/decisions/003).
 */
export type PaymentsConfig =
  | { readonly mode: 'alipay'; readonly alipay: AlipayConfig }
  | { readonly mode: 'sandbox' }
  | { readonly mode: 'off' };

export interface PayeeBank {
  readonly bankName: string;
  readonly accountName: string;
  readonly accountNumber: string;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly databaseAuthToken: string | undefined;
  /** When set, this is the operator key bootstrapped on first start. */
  readonly operatorKey: string | undefined;
  /** The first operator user of the web UI. */
  readonly operatorEmail: string;
  /** Its password; when unset, one is generated and printed once at first start. */
  readonly operatorPassword: string | undefined;
  /** The server's public base URL, for links (sandbox checkout, notify URL). */
  readonly publicUrl: string | undefined;
  /** Validity of a prepaid card when none is given, in years. */
  readonly cardValidityYears: number;
  /** Discount-voucher tiers of one card purchase order, highest threshold wins. */
  readonly discountTiers: readonly DiscountTier[];
  /** Validity of a discount voucher earned by a purchase, in days. */
  readonly discountVoucherDays: number;
  /** Unpaid top-up orders close after this long. */
  readonly topUpTimeoutMs: number;
  /** Real Alipay, the local sandbox (only when asked for by name), or not configured. */
  readonly payments: PaymentsConfig;
  /** How often the Node timer asks the provider about unsettled top-ups; 0 turns it off. */
  readonly reconcileIntervalMs: number;
  /** A pending top-up is asked about once it is this old (or past its deadline). */
  readonly reconcileAfterMs: number;
  readonly payeeBank: PayeeBank;
  /** Keyed-hash secret for activation codes; when unset, one is generated and stored. */
  readonly codeSecret: string | undefined;
  /** How often the Node timer runs the expiry job; 0 turns the timer off. */
  readonly expiryIntervalMs: number;
  /** Failed activation attempts allowed per account and per client in one window. */
  readonly activationAttempts: number;
  readonly activationWindowMs: number;
  /**
   * How many reverse proxies in front of the server to trust (WALLET_TRUST_PROXY). With 0,
   * forwarded headers are ignored: the client address is the peer's, the protocol the URL's.
   */
  readonly trustProxyHops: number;
  /**
   * WALLET_TEST_CLOCK=true: operators may move the wallet's clock forward (server/testClock.ts).
   * Refused when NODE_ENV=production unless WALLET_ALLOW_TEST_CLOCK_IN_PRODUCTION=true.
   */
  readonly testClock: boolean;
  /** Webhook delivery (docs/decisions/011-webhooks-outbox.md). */
  readonly webhooks: WebhookConfig;
}

export interface WebhookConfig {
  /** WALLET_WEBHOOK_KEY seals endpoint secrets at rest; unset, a key kept in the database. */
  readonly sealKey: string | undefined;
  /** Outside production an endpoint may be plain http on a loopback address (tests, dev). */
  readonly allowLoopbackHttp: boolean;
  /** How often the Node delivery loop looks for work; 0 turns it off. */
  readonly intervalMs: number;
  /** First retry delay; each further one doubles it (with jitter), at most a day. */
  readonly retryBaseMs: number;
  /** A delivery still failing this long after it was created fails for good (3 days). */
  readonly retryForMs: number;
  readonly timeoutMs: number;
  /** POSTs in flight at once per process. */
  readonly concurrency: number;
}

export const DEFAULT_TIERS = '10000:1000,30000:5000,100000:20000';

export function readConfig(env: Record<string, string | undefined>): Config {
  const port = integer(env.PORT, 8787, 'PORT');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? 'file:data/wallet.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    operatorKey: env.WALLET_OPERATOR_KEY || undefined,
    operatorEmail: env.WALLET_OPERATOR_EMAIL || 'operator@wallet.local',
    operatorPassword: env.WALLET_OPERATOR_PASSWORD || undefined,
    publicUrl: env.WALLET_PUBLIC_URL?.replace(/\/$/, '') || undefined,
    cardValidityYears: positive(env.WALLET_CARD_VALIDITY_YEARS, 1, 'WALLET_CARD_VALIDITY_YEARS'),
    discountTiers: parseTiers(env.WALLET_DISCOUNT_TIERS ?? DEFAULT_TIERS),
    discountVoucherDays: positive(
      env.WALLET_DISCOUNT_VOUCHER_DAYS,
      365,
      'WALLET_DISCOUNT_VOUCHER_DAYS',
    ),
    topUpTimeoutMs:
      positive(env.WALLET_TOPUP_TIMEOUT_MINUTES, 30, 'WALLET_TOPUP_TIMEOUT_MINUTES') * 60_000,
    payments: readPayments(env),
    reconcileIntervalMs:
      integer(env.WALLET_RECONCILE_INTERVAL_SECONDS, 60, 'WALLET_RECONCILE_INTERVAL_SECONDS') *
      1000,
    reconcileAfterMs:
      integer(env.WALLET_RECONCILE_AFTER_SECONDS, 120, 'WALLET_RECONCILE_AFTER_SECONDS') * 1000,
    payeeBank: {
      bankName: env.WALLET_PAYEE_BANK_NAME ?? 'China Merchants Bank, Shanghai Branch',
      accountName: env.WALLET_PAYEE_ACCOUNT_NAME ?? 'Account Wallet Billing Center Ltd.',
      accountNumber: env.WALLET_PAYEE_ACCOUNT_NUMBER ?? '6214 8301 0000 0000',
    },
    codeSecret: env.WALLET_CODE_SECRET || undefined,
    expiryIntervalMs:
      integer(env.WALLET_EXPIRY_INTERVAL_SECONDS, 60, 'WALLET_EXPIRY_INTERVAL_SECONDS') * 1000,
    activationAttempts: positive(env.WALLET_ACTIVATION_ATTEMPTS, 5, 'WALLET_ACTIVATION_ATTEMPTS'),
    activationWindowMs:
      positive(env.WALLET_ACTIVATION_WINDOW_MINUTES, 15, 'WALLET_ACTIVATION_WINDOW_MINUTES') *
      60_000,
    trustProxyHops: atMost(
      integer(env.WALLET_TRUST_PROXY, 0, 'WALLET_TRUST_PROXY'),
      16,
      'WALLET_TRUST_PROXY',
    ),
    testClock: readTestClock(env),
    webhooks: readWebhooks(env),
  };
}

function readWebhooks(env: Record<string, string | undefined>): WebhookConfig {
  return {
    sealKey: env.WALLET_WEBHOOK_KEY || undefined,
    allowLoopbackHttp: env.NODE_ENV !== 'production',
    intervalMs: integer(env.WALLET_WEBHOOK_INTERVAL_MS, 1000, 'WALLET_WEBHOOK_INTERVAL_MS'),
    retryBaseMs: positive(env.WALLET_WEBHOOK_RETRY_BASE_MS, 30_000, 'WALLET_WEBHOOK_RETRY_BASE_MS'),
    retryForMs: positive(
      env.WALLET_WEBHOOK_RETRY_FOR_MS,
      3 * 24 * 3600_000,
      'WALLET_WEBHOOK_RETRY_FOR_MS',
    ),
    timeoutMs: positive(env.WALLET_WEBHOOK_TIMEOUT_MS, 10_000, 'WALLET_WEBHOOK_TIMEOUT_MS'),
    concurrency: positive(env.WALLET_WEBHOOK_CONCURRENCY, 8, 'WALLET_WEBHOOK_CONCURRENCY'),
  };
}

/**
 * The test clock is on only when WALLET_TEST_CLOCK says `true`; anything but `true`/`false`/
 * unset is a mistake worth stopping for. Production refuses it unless
 * WALLET_ALLOW_TEST_CLOCK_IN_PRODUCTION=true says that this production is a test bed.
 */
function readTestClock(env: Record<string, string | undefined>): boolean {
  const value = env.WALLET_TEST_CLOCK?.trim() ?? '';
  if (!['', 'true', 'false'].includes(value)) {
    throw new Error(
      `WALLET_TEST_CLOCK must be "true" or "false" (or unset), got ${JSON.stringify(value)}`,
    );
  }
  if (value !== 'true') return false;
  if (env.NODE_ENV === 'production' && env.WALLET_ALLOW_TEST_CLOCK_IN_PRODUCTION !== 'true') {
    throw new Error(
      'WALLET_TEST_CLOCK=true is refused when NODE_ENV=production: it lets an operator move ' +
        'the time that expiry, grace periods and locks follow. Set ' +
        'WALLET_ALLOW_TEST_CLOCK_IN_PRODUCTION=true only on a test deployment.',
    );
  }
  return true;
}

const PAYMENT_MODES = ['alipay', 'sandbox'] as const;

/**
 * WALLET_PAYMENTS names the provider: `alipay` (needs the ALIPAY_* keys), `sandbox`, or unset —
 * then Alipay when its keys are present, else not configured. The sandbox credits top-ups
 * with no money behind them, so it is never a fallback: it runs only when named, never
 * together with Alipay keys (which would leave it unclear which one pays), and never under
 * NODE_ENV=production, with no override (docs/decisions/003-payment-providers.md).
 */
export function readPayments(env: Record<string, string | undefined>): PaymentsConfig {
  const named = env.WALLET_PAYMENTS?.trim() || undefined;
  if (named !== undefined && !(PAYMENT_MODES as readonly string[]).includes(named)) {
    throw new Error(
      `WALLET_PAYMENTS must be "alipay" or "sandbox" (or unset), got ${JSON.stringify(named)}`,
    );
  }
  const alipay = readAlipay(env);
  if (named === 'sandbox') {
    if (alipay) {
      throw new Error(
        'WALLET_PAYMENTS=sandbox, but ALIPAY_* keys are set too: remove the keys to use the ' +
          'sandbox, or set WALLET_PAYMENTS=alipay',
      );
    }
    if (env.NODE_ENV === 'production') {
      throw new Error(
        'WALLET_PAYMENTS=sandbox is refused when NODE_ENV=production: the sandbox credits ' +
          'top-ups without real money. Configure Alipay (ALIPAY_* keys) for production, or ' +
          'run the demo without NODE_ENV=production',
      );
    }
    return { mode: 'sandbox' };
  }
  if (alipay) return { mode: 'alipay', alipay };
  if (named === 'alipay') {
    throw new Error(
      'WALLET_PAYMENTS=alipay needs ALIPAY_APP_ID, ALIPAY_APP_PRIVATE_KEY, ALIPAY_PUBLIC_KEY ' +
        'and ALIPAY_NOTIFY_URL',
    );
  }
  return { mode: 'off' };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * `npm start` on a fresh clone: the local demo pays top-ups with the sandbox. Applied only by
 * the Node entry when started with `--demo` (what `npm start` and `npm run dev` pass), and
 * only when nothing says otherwise: not in production, no payment configuration at all, and
 * listening on loopback only. Returns the environment to read, and whether it turned the
 * sandbox on (so the entry can say so).
 */
export function withLocalDemoDefaults(env: Record<string, string | undefined>): {
  env: Record<string, string | undefined>;
  demoSandbox: boolean;
} {
  const configured =
    (env.WALLET_PAYMENTS ?? '') !== '' ||
    Object.entries(env).some(([name, value]) => name.startsWith('ALIPAY_') && value);
  const loopback = LOOPBACK_HOSTS.has(env.HOST ?? '127.0.0.1');
  if (env.NODE_ENV === 'production' || configured || !loopback) return { env, demoSandbox: false };
  return { env: { ...env, WALLET_PAYMENTS: 'sandbox' }, demoSandbox: true };
}

function readAlipay(env: Record<string, string | undefined>): AlipayConfig | null {
  const appId = env.ALIPAY_APP_ID;
  const appPrivateKey = env.ALIPAY_APP_PRIVATE_KEY;
  const alipayPublicKey = env.ALIPAY_PUBLIC_KEY;
  const notifyUrl = env.ALIPAY_NOTIFY_URL;
  const given = [appId, appPrivateKey, alipayPublicKey, notifyUrl].filter(Boolean).length;
  if (given === 0) return null;
  if (!appId || !appPrivateKey || !alipayPublicKey || !notifyUrl) {
    throw new Error(
      'Alipay needs ALIPAY_APP_ID, ALIPAY_APP_PRIVATE_KEY, ALIPAY_PUBLIC_KEY and ' +
        'ALIPAY_NOTIFY_URL together',
    );
  }
  return {
    appId,
    appPrivateKey,
    alipayPublicKey,
    sellerId: env.ALIPAY_SELLER_ID || undefined,
    gateway: env.ALIPAY_GATEWAY || 'https://openapi.alipay.com/gateway.do',
    notifyUrl,
    returnUrl: env.ALIPAY_RETURN_URL || undefined,
  };
}

/** "10000:1000,30000:5000" — threshold:voucher in CNY, as decimal strings. */
export function parseTiers(text: string): DiscountTier[] {
  if (text.trim() === '') return [];
  return text.split(',').map((pair) => {
    const [threshold = '', voucher = ''] = pair.split(':').map((part) => part.trim());
    try {
      return { thresholdFen: amountToFen(threshold), voucherFen: amountToFen(voucher) };
    } catch {
      throw new Error(`WALLET_DISCOUNT_TIERS: ${JSON.stringify(pair)} is not threshold:voucher`);
    }
  });
}

function integer(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative whole number, got ${JSON.stringify(text)}`);
  }
  return value;
}

function positive(text: string | undefined, fallback: number, name: string): number {
  const value = integer(text, fallback, name);
  if (value === 0) throw new Error(`${name} must be at least 1`);
  return value;
}

function atMost(value: number, max: number, name: string): number {
  if (value > max) throw new Error(`${name} must be at most ${max}, got ${value}`);
  return value;
}
