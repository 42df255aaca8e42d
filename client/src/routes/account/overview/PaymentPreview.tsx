/**
 * "How would a charge of X be paid?" — computed in the browser by the shared planner, the
 * very function the server settles with, from the account's active vouchers and cards, its
 * cash and the chosen workspace's settlement method. A preview only: the server decides
 * again, with its own clock and the balances of that moment.
 */
import { walletNowMs } from '../../../lib/clock.ts';
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import * as v from 'valibot';
import { amountToFen } from '../../../../../common/money.ts';
import { PositiveAmount } from '../../../../../common/schemas.ts';
import { CHARGE_CATEGORIES, type ChargeCategory } from '../../../../../common/settlement/order.ts';
import { planSettlement } from '../../../../../common/settlement/plan.ts';
import { MoneyInput } from '../../../components/MoneyInput.tsx';
import { SettlementPreview } from '../../../components/SettlementPreview.tsx';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import { toSnapshots, valueOr, type Workspace } from '../shared.tsx';

export function PaymentPreview(props: {
  accountId: string;
  cash: string;
  workspaces: readonly Workspace[];
}) {
  const [amount, setAmount] = createSignal('');
  const [workspaceId, setWorkspaceId] = createSignal('');
  const [category, setCategory] = createSignal<ChargeCategory>('general');
  const [instruments] = createResource(
    () => props.accountId,
    async (accountId) => {
      const [vouchers, cards] = await Promise.all([
        api.vouchers.list.query({ accountId, status: 'active' }),
        api.prepaidCards.list.query({ accountId, status: 'active' }),
      ]);
      return toSnapshots(vouchers, cards);
    },
  );
  // Start with a billing-center workspace, the common case; any workspace may be chosen.
  createEffect(() => {
    const first =
      props.workspaces.find((w) => w.settlementMethod === 'billing_center') ?? props.workspaces[0];
    if (first && !props.workspaces.some((w) => w.workspaceId === workspaceId())) {
      setWorkspaceId(first.workspaceId);
    }
  });
  const workspace = () => props.workspaces.find((w) => w.workspaceId === workspaceId());
  const plan = createMemo(() => {
    if (!v.safeParse(PositiveAmount, amount()).success || instruments.state !== 'ready') {
      return null;
    }
    return planSettlement({
      amountFen: amountToFen(amount()),
      category: category(),
      method: workspace()?.settlementMethod ?? 'billing_center',
      instruments: valueOr(instruments, []),
      cashFen: amountToFen(props.cash),
      nowMs: walletNowMs(),
    });
  });

  return (
    <section aria-labelledby="preview-title" data-testid="overview-preview">
      <h2 id="preview-title">{t('overview.previewTitle')}</h2>
      <p class="muted">{t('overview.previewHint')}</p>
      <form class="inline-form" onSubmit={(event) => event.preventDefault()}>
        <MoneyInput
          label={t('overview.previewAmount')}
          name="amount"
          id="overview-preview-amount"
          value={amount()}
          onInput={setAmount}
        />
        <label>
          {t('overview.previewWorkspace')}
          <select
            value={workspaceId()}
            disabled={props.workspaces.length === 0}
            onChange={(event) => setWorkspaceId(event.currentTarget.value)}
            data-testid="overview-preview-workspace"
          >
            <Show when={props.workspaces.length === 0}>
              <option value="">{t('overview.previewNoWorkspace')}</option>
            </Show>
            <For each={props.workspaces}>
              {(w) => <option value={w.workspaceId}>{w.name}</option>}
            </For>
          </select>
        </label>
        <label>
          {t('overview.previewCategory')}
          <select
            value={category()}
            onChange={(event) => setCategory(event.currentTarget.value as ChargeCategory)}
            data-testid="overview-preview-category"
          >
            <For each={CHARGE_CATEGORIES}>
              {(c) => <option value={c}>{t(`components.category.${c}`)}</option>}
            </For>
          </select>
        </label>
      </form>
      <p class="muted small" data-testid="overview-preview-method">
        {t('overview.previewMethod', {
          method: t(`components.method.${workspace()?.settlementMethod ?? 'billing_center'}`),
        })}
        <Show when={workspace()?.cloudProvider}>
          {(provider) => <> ({t(`components.provider.${provider()}`)})</>}
        </Show>
      </p>
      <Show when={instruments.state === 'errored'}>
        <p class="error" role="alert">
          {t('overview.previewUnavailable')}
        </p>
      </Show>
      <Show when={plan()}>{(p) => <SettlementPreview plan={p()} />}</Show>
    </section>
  );
}
