/**
 * An account's notifications, newest first: what its alerts said and when, read or not, with
 * "mark read" per item and for all. Older pages load on demand (the API's cursor).
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import { createAction, FormAlert } from '../../console/form.tsx';
import type { Outputs } from '../../console/types.ts';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { unreadChanged } from '../../lib/unread.ts';
import { noticeText } from './notifications/noticeText.ts';
import { useAccountId } from './shared.tsx';
import '../../account.css';

type Page = Outputs['notifications']['list'];
type Notice = Page['items'][number];

export default function Notifications() {
  const accountId = useAccountId();
  const [older, setOlder] = createSignal<Notice[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [first, { refetch }] = createResource(accountId, async (id) => {
    const page = await api.notifications.list.query({ accountId: id });
    setOlder([]);
    setCursor(page.nextCursor);
    return page;
  });
  const more = createAction(async () => {
    const page = await api.notifications.list.query({
      accountId: accountId(),
      cursor: cursor() ?? undefined,
    });
    setOlder([...older(), ...page.items]);
    setCursor(page.nextCursor);
  });
  const [pending, setPending] = createSignal<string[] | undefined>(undefined);
  const markAction = createAction(() =>
    api.notifications.markRead.mutate({
      accountId: accountId(),
      ...idsOf(pending()),
    }),
  );
  const markRead = async (ids?: string[]) => {
    setPending(ids);
    if ((await markAction.run()) === undefined) return;
    unreadChanged();
    await refetch();
  };

  return (
    <section class="account-page" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('notifications.title')}</h1>
      <p>
        <A href={`/accounts/${accountId()}/alerts`}>{t('notifications.settings')}</A>
      </p>
      <FormAlert error={markAction.error() ?? more.error()} paths={[]} />
      <Loaded of={first}>
        {(page) => {
          const items = () => [...page().items, ...older()];
          return (
            <Show
              when={items().length > 0}
              fallback={
                <p class="muted" data-testid="notifications-empty">
                  {t('notifications.empty')}
                </p>
              }
            >
              <button
                type="button"
                class="secondary"
                disabled={markAction.busy() || !items().some((n) => n.readAtMs === null)}
                onClick={() => void markRead()}
                data-testid="notifications-mark-all"
              >
                {t('notifications.markAllRead')}
              </button>
              <NoticeTable
                items={items()}
                busy={markAction.busy()}
                onMark={(id) => void markRead([id])}
              />
              <Show when={cursor()}>
                <button
                  type="button"
                  class="secondary"
                  disabled={more.busy()}
                  onClick={() => void more.run()}
                  data-testid="notifications-more"
                >
                  {t('notifications.more')}
                </button>
              </Show>
            </Show>
          );
        }}
      </Loaded>
    </section>
  );
}

function NoticeTable(props: { items: Notice[]; busy: boolean; onMark: (id: string) => void }) {
  const columns = (): Column<Notice>[] => [
    {
      header: t('notifications.what'),
      phone: 'title',
      cell: (notice) => noticeText(notice.kind, notice.data),
    },
    {
      header: t('notifications.when'),
      phone: 'meta',
      class: 'nowrap',
      cell: (notice) => time(notice.createdAtMs),
    },
    {
      header: t('notifications.status'),
      phone: 'meta',
      cell: (notice) =>
        notice.readAtMs === null ? (
          <strong>{t('notifications.unread')}</strong>
        ) : (
          <span class="muted">{t('notifications.read')}</span>
        ),
    },
    {
      header: t('notifications.actions'),
      headerHidden: true,
      cell: (notice) => (
        <Show when={notice.readAtMs === null}>
          <button
            type="button"
            class="secondary small"
            disabled={props.busy}
            onClick={() => props.onMark(notice.id)}
            data-testid="notification-mark"
          >
            {t('notifications.markRead')}
          </button>
        </Show>
      ),
    },
  ];
  return (
    <DataTable
      label={t('notifications.label')}
      rows={props.items}
      columns={columns()}
      testId="notifications-table"
      rowTestId="notification-row"
      rowAttrs={(notice) => ({
        'data-kind': notice.kind,
        'data-read': notice.readAtMs === null ? 'no' : 'yes',
      })}
    />
  );
}

function idsOf(ids: string[] | undefined): { ids?: string[] } {
  return ids ? { ids } : {};
}
