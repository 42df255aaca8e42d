/**
 * The operator console's home: find an account by name, id or remittance reference (keyset
 * pages by id), open it, or create one.
 */
import { A } from '@solidjs/router';
import { batch, createResource, createSignal, Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ShortId } from '../../components/ShortId.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import { OperatorNav } from '../../console/OperatorNav.tsx';
import type { Outputs } from '../../console/types.ts';
import { cny, date } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { CreateAccountForm } from './parts/CreateAccountForm.tsx';
import '../../console.css';

const PAGE_SIZE = 50;

export default function OperatorAccounts() {
  const [typed, setTyped] = createSignal('');
  const [search, setSearch] = createSignal('');
  /** The cursor of every page visited; the last one is the page on screen. */
  const [cursors, setCursors] = createSignal<readonly (string | undefined)[]>([undefined]);
  const [accounts] = createResource(
    () => ({ search: search() || undefined, cursor: cursors().at(-1), limit: PAGE_SIZE }),
    (input) => api.accounts.list.query(input),
  );
  const nextCursor = () => (accounts.state === 'ready' ? accounts.latest.nextCursor : null);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    batch(() => {
      setSearch(typed().trim());
      setCursors([undefined]);
    });
  };

  return (
    <section class="console-page" aria-labelledby="operator-title">
      <OperatorNav />
      <h1 id="operator-title">{t('operator.accounts.title')}</h1>
      <form class="filters" role="search" onSubmit={submit}>
        <label>
          {t('operator.accounts.search')}
          <input
            type="search"
            name="search"
            value={typed()}
            placeholder={t('operator.accounts.searchHint')}
            onInput={(e) => setTyped(e.currentTarget.value)}
            data-testid="account-search"
          />
        </label>
        <button type="submit" data-testid="account-search-submit">
          {t('operator.accounts.searchSubmit')}
        </button>
      </form>
      <Loaded of={accounts}>
        {(page) => (
          <Show
            when={page().items.length > 0}
            fallback={
              <p class="muted" data-testid="accounts-empty">
                {t('operator.accounts.empty')}
              </p>
            }
          >
            <AccountTable items={page().items} />
          </Show>
        )}
      </Loaded>
      <nav class="pager" aria-label={t('statement.pager')}>
        <button
          type="button"
          class="secondary"
          disabled={cursors().length <= 1 || accounts.loading}
          onClick={() => setCursors(cursors().slice(0, -1))}
          data-testid="accounts-prev"
        >
          {t('statement.previous')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={nextCursor() === null || accounts.loading}
          onClick={() => setCursors([...cursors(), nextCursor() ?? undefined])}
          data-testid="accounts-next"
        >
          {t('statement.next')}
        </button>
      </nav>
      <CreateAccountForm />
    </section>
  );
}

type AccountItem = Outputs['accounts']['list']['items'][number];

function AccountTable(props: { items: readonly AccountItem[] }) {
  const columns = (): Column<AccountItem>[] => [
    {
      header: t('operator.accounts.name'),
      phone: 'title',
      cell: (account) => (
        <>
          <A href={`/operator/accounts/${account.id}`} data-testid="account-open">
            {account.name}
          </A>
          <div class="muted small">
            <ShortId id={account.id} />
          </div>
        </>
      ),
    },
    {
      header: t('operator.accounts.remittanceRef'),
      class: 'mono nowrap',
      cell: (account) => account.remittanceRef,
    },
    {
      header: t('operator.account.cash'),
      numeric: true,
      phone: 'amount',
      cell: (account) => cny(account.cash),
    },
    {
      header: t('operator.account.overdue'),
      numeric: true,
      cell: (account) => (
        <span classList={{ negative: account.overdue !== '0.00' }}>{cny(account.overdue)}</span>
      ),
    },
    {
      header: t('operator.accounts.created'),
      phone: 'meta',
      class: 'nowrap',
      cell: (account) => date(account.createdAtMs),
    },
  ];
  return (
    <DataTable
      label={t('operator.accounts.tableLabel')}
      rowTestId="account-row"
      rowAttrs={(account) => ({ 'data-account-id': account.id })}
      rows={props.items}
      columns={columns()}
    />
  );
}
