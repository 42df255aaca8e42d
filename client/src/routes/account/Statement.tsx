/**
 * The statement: the account's ledger, newest first, filtered, paged by keyset. The server
 * pages by entry id, so "next" costs the same on page 1 as on page 20,000 of a million
 * entries; "previous" replays the cursor of the page before from a stack of the pages seen.
 * The CSV link exports every entry of the same filter, authenticated by the session cookie.
 */
import { useParams } from '@solidjs/router';
import { batch, createEffect, createMemo, createResource, createSignal, on, Show } from 'solid-js';
import { Loaded } from '../../console/Loaded.tsx';
import { language, t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import { LedgerHead } from './parts/LedgerHead.tsx';
import { LedgerTable } from './parts/LedgerTable.tsx';
import { StatementFilters } from './parts/StatementFilters.tsx';
import { csvHref, ledgerQuery, NO_FILTER, type StatementFilter } from './parts/statementFilter.ts';
import '../../console.css';

const PAGE_SIZE = 50;

export default function Statement() {
  const params = useParams<{ accountId: string }>();
  const [filter, setFilter] = createSignal<StatementFilter>(NO_FILTER);
  /** The cursor of every page visited; the last one is the page on screen. */
  const [cursors, setCursors] = createSignal<readonly (number | undefined)[]>([undefined]);
  const query = createMemo(() => ledgerQuery(params.accountId, filter()));
  const [page] = createResource(
    () => ({ ...query(), cursor: cursors().at(-1), limit: PAGE_SIZE }),
    (input) => api.ledger.list.query(input),
  );

  const restart = (next: StatementFilter) =>
    batch(() => {
      setFilter(next);
      setCursors([undefined]);
    });
  createEffect(
    on(
      () => params.accountId,
      () => restart(NO_FILTER),
      { defer: true },
    ),
  );

  const nextCursor = () => (page.state === 'ready' ? page.latest.nextCursor : null);
  const goNext = () => {
    const cursor = nextCursor();
    if (cursor !== null) setCursors([...cursors(), cursor]);
  };
  const goPrevious = () => setCursors(cursors().slice(0, -1));

  return (
    <section class="console-page" aria-labelledby="statement-title">
      <div class="page-head">
        <h1 id="statement-title">{t('statement.title')}</h1>
        <a
          class="button secondary"
          href={csvHref(query(), language())}
          download={`statement-${params.accountId}.csv`}
          data-testid="statement-csv"
        >
          {t('statement.csv')}
        </a>
      </div>
      <p class="muted small">{t('statement.timezone')}</p>
      <StatementFilters
        accountId={params.accountId}
        value={filter()}
        onChange={(patch) => restart({ ...filter(), ...patch })}
      />
      <Loaded of={page}>
        {(current) => (
          <Show
            when={current().items.length > 0}
            fallback={
              <p class="muted" data-testid="statement-empty">
                {t('statement.empty')}
              </p>
            }
          >
            <LedgerTable accountId={params.accountId} items={current().items} />
          </Show>
        )}
      </Loaded>
      <nav class="pager" aria-label={t('statement.pager')}>
        <button
          type="button"
          class="secondary"
          disabled={cursors().length <= 1 || page.loading}
          onClick={goPrevious}
          data-testid="statement-prev"
        >
          {t('statement.previous')}
        </button>
        <span class="muted" data-testid="statement-page">
          {t('statement.page', { page: cursors().length })}
        </span>
        <button
          type="button"
          class="secondary"
          disabled={nextCursor() === null || page.loading}
          onClick={goNext}
          data-testid="statement-next"
        >
          {t('statement.next')}
        </button>
        <Show when={page.loading}>
          <span class="muted" aria-live="polite">
            {t('common.loading')}
          </span>
        </Show>
      </nav>
      {/* For the account's admin to note down or publish (decision 014). */}
      <Show when={canWrite(params.accountId)}>
        <LedgerHead accountId={params.accountId} />
      </Show>
    </section>
  );
}
