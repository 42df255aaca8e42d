/** The headline numbers of one account, as the operator sees them. */
import { For, Show } from 'solid-js';
import type { Outputs } from '../../../console/types.ts';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

type Overview = Outputs['accounts']['get'];

export function AccountNumbers(props: { account: Overview }) {
  const a = () => props.account;
  const stats = () =>
    [
      ['balance', t('operator.account.balance'), cny(a().balance), a().balance.startsWith('-')],
      ['cash', t('operator.account.cash'), cny(a().cash), false],
      ['overdue', t('operator.account.overdue'), cny(a().overdue), a().overdue !== '0.00'],
      ['regular', t('operator.account.regularVouchers'), usable(a().regularVouchers), false],
      ['discount', t('operator.account.discountVouchers'), usable(a().discountVouchers), false],
      ['cards', t('operator.account.prepaidCards'), usable(a().prepaidCards), false],
    ] as const;
  return (
    <>
      <div class="cards-row">
        <For each={stats()}>
          {([key, label, value, negative]) => (
            <div class="card stat">
              <div class="label">{label}</div>
              <div class="value" classList={{ negative }} data-testid={`operator-account-${key}`}>
                {value}
              </div>
            </div>
          )}
        </For>
      </div>
      <p class="muted small">
        {t('operator.account.facts', {
          workspaces: a().workspaceCount,
          created: time(a().createdAtMs),
        })}
        <Show when={a().overdueSinceMs}>
          {(since) => <> · {t('operator.account.overdueSince', { since: time(since()) })}</>}
        </Show>
      </p>
    </>
  );
}

function usable(summary: { usable: string; count: number }): string {
  return t('operator.account.usable', { amount: cny(summary.usable), count: summary.count });
}
