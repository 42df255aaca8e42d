/**
 * The deployment's payment provider, built once per process from configuration: Alipay, the
 * sandbox, or none (online top-up not configured). Building may fail (a key that does not
 * import); the failure is not cached, so a corrected configuration works without a restart.
 */
import type { WalletDeps } from '../context.ts';
import { importPrivateKey, importPublicKey } from './alipay.ts';
import { AlipayProvider } from './alipayProvider.ts';
import type { PaymentProvider } from './provider.ts';
import { SandboxProvider } from './sandbox.ts';

type ProviderDeps = Pick<WalletDeps, 'config' | 'database' | 'clock'>;

const providers = new WeakMap<ProviderDeps, Promise<PaymentProvider | null>>();

/** The provider, or null when online payments are not configured. */
export function paymentProviderOf(deps: ProviderDeps): Promise<PaymentProvider | null> {
  let provider = providers.get(deps);
  if (!provider) {
    provider = buildProvider(deps);
    providers.set(deps, provider);
    provider.catch(() => providers.delete(deps));
  }
  return provider;
}

/** The sandbox, when it is the provider; null otherwise (its routes then answer 404). */
export async function sandboxOf(deps: ProviderDeps): Promise<SandboxProvider | null> {
  const provider = await paymentProviderOf(deps);
  return provider instanceof SandboxProvider ? provider : null;
}

async function buildProvider(deps: ProviderDeps): Promise<PaymentProvider | null> {
  const payments = deps.config.payments;
  switch (payments.mode) {
    case 'off':
      return null;
    case 'sandbox':
      return SandboxProvider.open(deps.database.db);
    case 'alipay': {
      const alipay = payments.alipay;
      const party = {
        appId: alipay.appId,
        sellerId: alipay.sellerId,
        appPrivateKey: await importPrivateKey(alipay.appPrivateKey),
        alipayPublicKey: await importPublicKey(alipay.alipayPublicKey),
      };
      return new AlipayProvider(alipay, party, deps.clock);
    }
  }
}
