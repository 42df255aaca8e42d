/** Offline top-up: the payee bank account and this account's remittance reference. */
import { createResource } from 'solid-js';
import { language, t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import { Loaded } from '../shared.tsx';

export function BankTransfer(props: { accountId: string }) {
  const [info] = createResource(
    () => props.accountId,
    (accountId) => api.cash.bankTransferInfo.query({ accountId }),
  );
  return (
    <section class="card" aria-labelledby="topup-bank-title" data-testid="topup-bank">
      <h2 id="topup-bank-title">{t('topUp.bankTitle')}</h2>
      <Loaded of={info}>
        {(bank) => (
          <>
            <dl class="details">
              <dt>{t('topUp.bankName')}</dt>
              <dd data-testid="topup-bank-name">{bank().bankName}</dd>
              <dt>{t('topUp.bankAccountName')}</dt>
              <dd data-testid="topup-bank-account-name">{bank().accountName}</dd>
              <dt>{t('topUp.bankAccountNumber')}</dt>
              <dd data-testid="topup-bank-account-number" class="mono">
                {bank().accountNumber}
              </dd>
              <dt>{t('topUp.bankReference')}</dt>
              <dd>
                <strong class="mono reference" data-testid="topup-bank-reference">
                  {bank().reference}
                </strong>
              </dd>
            </dl>
            {/* The server writes its note in English; Chinese readers get the same text. */}
            <p class="muted" data-testid="topup-bank-note">
              {language() === 'en' ? bank().note : t('topUp.bankNote')}
            </p>
          </>
        )}
      </Loaded>
    </section>
  );
}
