/**
 * The payment gateway this deployment uses: real Alipay (keys from configuration) or the
 * local sandbox, which plays Alipay with its own key pairs so top-ups work end to end without
 * an Alipay account. Sandbox key pairs live in the database, so every instance of a
 * deployment signs and verifies with the same keys.
 */
import type { Config } from '../config.ts';
import type { WalletDeps } from '../context.ts';
import { settingOrCreate } from '../settings.ts';
import { generateKeyPair, importPrivateKey, importPublicKey, type AlipayKeys } from './alipay.ts';

export interface Gateway {
  readonly mode: 'alipay' | 'sandbox';
  readonly appId: string;
  readonly sellerId: string | undefined;
  /** Alipay's gateway (real mode) — where the page-pay URL points. */
  readonly gatewayUrl: string;
  readonly notifyUrl: string | undefined;
  readonly returnUrl: string | undefined;
  readonly keys: AlipayKeys;
  /** Sandbox only: the key that plays Alipay and signs notifies. */
  readonly sandboxAlipayPrivateKey: CryptoKey | null;
}

export const SANDBOX_APP_ID = 'sandbox-app';
export const SANDBOX_SELLER_ID = 'sandbox-seller';

const gateways = new WeakMap<WalletDeps, Promise<Gateway>>();

/** The deployment's gateway, built once per process. */
export function gatewayOf(deps: WalletDeps): Promise<Gateway> {
  let gateway = gateways.get(deps);
  if (!gateway) {
    gateway = buildGateway(deps);
    gateways.set(deps, gateway);
    gateway.catch(() => gateways.delete(deps));
  }
  return gateway;
}

async function buildGateway(deps: WalletDeps): Promise<Gateway> {
  const alipay = deps.config.alipay;
  if (alipay) {
    return {
      mode: 'alipay',
      appId: alipay.appId,
      sellerId: alipay.sellerId,
      gatewayUrl: alipay.gateway,
      notifyUrl: alipay.notifyUrl,
      returnUrl: alipay.returnUrl,
      keys: {
        appPrivateKey: await importPrivateKey(alipay.appPrivateKey),
        alipayPublicKey: await importPublicKey(alipay.alipayPublicKey),
      },
      sandboxAlipayPrivateKey: null,
    };
  }
  const app = await sandboxPair(deps, 'sandbox_app_keys');
  const platform = await sandboxPair(deps, 'sandbox_alipay_keys');
  return {
    mode: 'sandbox',
    appId: SANDBOX_APP_ID,
    sellerId: SANDBOX_SELLER_ID,
    gatewayUrl: '',
    notifyUrl: undefined,
    returnUrl: undefined,
    keys: {
      appPrivateKey: await importPrivateKey(app.privateKeyPem),
      alipayPublicKey: await importPublicKey(platform.publicKeyPem),
    },
    sandboxAlipayPrivateKey: await importPrivateKey(platform.privateKeyPem),
  };
}

async function sandboxPair(
  deps: WalletDeps,
  key: string,
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const stored = await settingOrCreate(deps.database.db, key, async () =>
    JSON.stringify(await generateKeyPair()),
  );
  return JSON.parse(stored) as { privateKeyPem: string; publicKeyPem: string };
}

export function isSandbox(config: Config): boolean {
  return config.alipay === null;
}
