/**
 * How this server takes online top-ups, so the UI can say so: `alipay`, `sandbox` (shown
 * with a "not real money" banner), or `not_configured` (online top-up is refused; bank
 * transfer still works). Any signed-in caller may ask: it is the same for every account.
 */
import type { WalletDeps } from '../../context.ts';

export type PaymentModeView = { readonly mode: 'alipay' | 'sandbox' | 'not_configured' };

export function paymentMode(deps: Pick<WalletDeps, 'config'>): PaymentModeView {
  const mode = deps.config.payments.mode;
  return { mode: mode === 'off' ? 'not_configured' : mode };
}
