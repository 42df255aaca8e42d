/**
 * The account's charges, newest first, filtered by workspace, category and billing period
 * (all asked of the server); the totals of every charge the filter selects and its CSV
 * export; "load more" follows the keyset cursor. Each row links to how the charge was paid.
 */
import { createEffect, createMemo, createResource, createSignal, on, Show } from 'solid-js';
import type { ChargeCategory } from '../../../../common/settlement/order.ts';
import { language, t } from '../../lib/i18n.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import '../../account.css';
import './charges/charges.css';
import { chargeQuery, chargesCsvHref } from './charges/chargeFilter.ts';
import { ChargeFilters } from './charges/ChargeFilters.tsx';
import { ChargeTable } from './charges/ChargeTable.tsx';
import { ChargeTotals } from './charges/ChargeTotals.tsx';
import { Loaded, useAccountId, valueOr, type Charge } from './shared.tsx';

const PAGE_SIZE = 50;

export default function Charges() {
  const accountId = useAccountId();
  const [workspaces] = createResource(accountId, (id) =>
    api.workspaces.list.query({ accountId: id }),
  );
  const [workspaceId, setWorkspaceId] = createSignal('');
  const [category, setCategory] = createSignal<ChargeCategory | ''>('');
  const [fromDay, setFromDay] = createSignal('');
  const [toDay, setToDay] = createSignal('');
  const query = createMemo(() =>
    chargeQuery(accountId(), {
      workspaceId: workspaceId(),
      category: category(),
      fromDay: fromDay(),
      toDay: toDay(),
    }),
  );
  const [totals] = createResource(query, (filter) => api.charges.totals.query(filter));
  const [items, setItems] = createSignal<readonly Charge[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  // Answers to an older filter are dropped: only the latest generation may write.
  let generation = 0;

  const load = async (reset: boolean) => {
    const mine = reset ? ++generation : generation;
    setLoading(true);
    setError(null);
    if (reset) {
      setItems([]);
      setCursor(null);
    }
    try {
      const page = await api.charges.list.query({
        ...query(),
        cursor: reset ? undefined : (cursor() ?? undefined),
        limit: PAGE_SIZE,
      });
      if (mine !== generation) return;
      setItems((before) => [...before, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      if (mine === generation) setError(caught);
    } finally {
      if (mine === generation) setLoading(false);
    }
  };

  createEffect(on(query, () => void load(true)));

  return (
    <section class="account-page" aria-labelledby="charges-title">
      <div class="page-head">
        <h1 id="charges-title">{t('charges.title')}</h1>
        <a
          class="button secondary"
          href={chargesCsvHref(query(), language())}
          download={`charges-${accountId()}.csv`}
          data-testid="charges-csv"
        >
          {t('charges.csv')}
        </a>
      </div>
      <ChargeFilters
        workspaces={valueOr(workspaces, [])}
        workspaceId={workspaceId()}
        category={category()}
        fromDay={fromDay()}
        toDay={toDay()}
        onWorkspace={setWorkspaceId}
        onCategory={setCategory}
        onFrom={setFromDay}
        onTo={setToDay}
      />
      <Loaded of={totals}>{(current) => <ChargeTotals totals={current()} />}</Loaded>
      <Show when={items().length > 0 || !loading()}>
        <ChargeTable
          charges={items()}
          accountId={accountId()}
          workspaces={valueOr(workspaces, [])}
        />
      </Show>
      <Show when={error()}>
        {(caught) => (
          <p class="error" role="alert">
            {errorMessage(caught())}
          </p>
        )}
      </Show>
      <Show when={loading()}>
        <p class="muted">{t('common.loading')}</p>
      </Show>
      <Show when={cursor() && !loading()}>
        <button
          type="button"
          class="secondary load-more"
          onClick={() => void load(false)}
          data-testid="charges-load-more"
        >
          {t('charges.loadMore')}
        </button>
      </Show>
    </section>
  );
}
