/**
 * The account's vouchers as an operator sees them, with Void on each active one. Voiding asks
 * first, naming the balance that will be forfeited, and then says what was forfeited.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { Confirm } from '../../../console/Confirm.tsx';
import { Loaded } from '../../../console/Loaded.tsx';
import { createAction, FormAlert } from '../../../console/form.tsx';
import type { Outputs } from '../../../console/types.ts';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

type Voucher = Outputs['vouchers']['list'][number];
type Voided = Outputs['vouchers']['void'];

export function AccountVouchers(props: { accountId: string; onVoided: () => void }) {
  const [vouchers, { refetch }] = createResource(
    () => props.accountId,
    (accountId) => api.vouchers.list.query({ accountId }),
  );
  const [asking, setAsking] = createSignal<Voucher | null>(null);
  const [voided, setVoided] = createSignal<Voided | null>(null);
  const voidIt = createAction(() =>
    api.vouchers.void.mutate({ voucherId: asking()?.voucherId ?? '' }),
  );
  const confirm = async () => {
    const result = await voidIt.run();
    if (!result) return;
    setVoided(result);
    setAsking(null);
    await refetch();
    props.onVoided();
  };

  return (
    <Loaded of={vouchers}>
      {(list) => (
        <>
          <FormAlert error={voidIt.error()} paths={[]} />
          <Show when={voided()}>
            {(result) => (
              <p class="ok" role="status" data-testid="voucher-voided">
                {t('voids.done', { number: result().number, forfeited: cny(result().forfeited) })}
              </p>
            )}
          </Show>
          <Show when={asking()}>
            {(voucher) => (
              <Confirm
                message={t('voids.confirm', {
                  number: voucher().number,
                  balance: cny(voucher().balance),
                })}
                busy={voidIt.busy()}
                onConfirm={() => void confirm()}
                onCancel={() => setAsking(null)}
                testId="voucher-void-confirm"
              />
            )}
          </Show>
          <Show when={list().length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
            <div class="table-wrap">
              <table data-testid="operator-vouchers">
                <thead>
                  <tr>
                    <th scope="col">{t('vouchers.number')}</th>
                    <th scope="col">{t('vouchers.type')}</th>
                    <th scope="col" class="amount">
                      {t('vouchers.balance')}
                    </th>
                    <th scope="col">{t('vouchers.status')}</th>
                    <th scope="col">{t('voids.expires')}</th>
                    <th scope="col">{t('members.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(voucher) => (
                      <tr data-testid="operator-voucher-row" data-number={voucher.number}>
                        <td class="mono">{voucher.number}</td>
                        <td>{t(`components.voucherType.${voucher.type}`)}</td>
                        <td class="amount">{cny(voucher.balance)}</td>
                        <td>{t(`components.status.${voucher.status}`)}</td>
                        <td class="nowrap">{time(voucher.expiresAtMs)}</td>
                        <td>
                          <Show when={voucher.status === 'active'}>
                            <button
                              type="button"
                              class="secondary"
                              onClick={() => {
                                voidIt.reset();
                                setVoided(null);
                                setAsking(voucher);
                              }}
                              data-testid="voucher-void"
                            >
                              {t('voids.void')}
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </>
      )}
    </Loaded>
  );
}
